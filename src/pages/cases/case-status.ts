import { meetingDay } from '../../domain/forum-meetings'
import type { Receipt } from '../../db/database'

/** A case's place in its life, for lists and the case page. */
export function caseStatusText(status: string, receipt?: Receipt): { text: string; tag: string } {
  if (status === 'draft') return { text: 'Draft', tag: 'govuk-tag--grey' }
  if (status === 'submitted') return { text: 'Waiting to send', tag: 'govuk-tag--yellow' }
  if (receipt?.status === 'plan-issued') return { text: 'Plan issued', tag: 'govuk-tag--green' }
  // The meeting the service assigned is the date; a date set before meetings were published stands alone.
  const forumDate = receipt?.meeting?.date ?? (receipt?.status === 'forum-date-set' ? receipt.forumDate : undefined)
  if (forumDate) return { text: `Forum on ${meetingDay(forumDate)}`, tag: 'govuk-tag--blue' }
  return { text: receipt ? `Sent: ${receipt.reference}` : 'Sent', tag: 'govuk-tag--green' }
}
