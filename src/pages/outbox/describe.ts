import type { OutboxRow, Receipt } from '../../db/database'
import { formatDateTime, formatLongDate, parseIsoDate } from '../../domain/dates'

const DAY_MS = 24 * 60 * 60 * 1000

export const dateTime = (epochMs: number) => formatDateTime(new Date(epochMs))

/** A submission not yet sent, in plain English: where it is, and what to do about it. */
export function describeWaiting(row: OutboxRow, revoked: boolean, now: number): { state: string; advice?: string; overdue: boolean } {
  const overdue = row.state !== 'attention' && now - row.createdAt > DAY_MS
  if (revoked) {
    return { state: 'Kept on this device', advice: 'This device has been revoked, so nothing is sent. Contact the Inclusion Service.', overdue: false }
  }
  if (row.state === 'needs-enrolment') {
    return { state: 'Waiting: enrol this device to send', advice: 'Enter the enrolment code from the Inclusion Service once, while online.', overdue }
  }
  if (row.state === 'attention') {
    const reason = [row.problem?.title, row.problem?.detail].filter(Boolean).join('. ')
    return {
      state: 'Needs attention',
      advice: `The Inclusion Service did not accept it: ${reason || 'no reason given'}. Check it, then try again; if it is refused again, phone the Inclusion Service.`,
      overdue: false,
    }
  }
  if (row.state === 'sending') return { state: 'Sending…', overdue }
  const lastTry = row.problem ? ` Last try: ${row.problem.title}. Next try from ${dateTime(row.nextAttemptAt)}.` : ''
  return {
    state: 'Waiting to send',
    advice: overdue
      ? `Waiting for more than a day.${lastTry} Check the device is online and open the app; if it still does not send, phone the Inclusion Service.`
      : lastTry.trim() || 'It will be sent as soon as the device is online.',
    overdue,
  }
}

const STATUS_TEXT: Record<string, string> = {
  received: 'Received by the Inclusion Service',
  'forum-date-set': 'Forum date set',
  'plan-issued': 'Education plan issued',
  'outcome-recorded': 'Outcome recorded',
}

export function describeReceipt(receipt: Receipt): string {
  const base = STATUS_TEXT[receipt.status] ?? 'Received by the Inclusion Service'
  if (receipt.status === 'forum-date-set' && receipt.forumDate) {
    const date = parseIsoDate(receipt.forumDate)
    return `${base}: ${date ? formatLongDate(date) : receipt.forumDate}`
  }
  if (receipt.outcome) return `${base}: ${receipt.outcome}`
  return base
}
