import { parseIsoDate, formatLongDate } from '../../src/domain/dates'
import { CONSENT_METHOD_LABELS, PLAN_STATUS_LABELS } from '../../src/domain/forum-case-sections'
import { ADVICE_AREA_LABELS } from '../../src/domain/forums'
import { YEAR_GROUPS, yearGroupLabel } from '../../src/domain/school-year'
import type { ForumCasePayload, SubmissionKind } from '../../src/domain/submissions'
import { SEN_LABELS } from './submission-labels'
import { dateTime } from './views'

/** One summary list of what a setting sent: the top level first, then each nested part under its own heading. */
export interface PayloadSection {
  heading?: string
  rows: { key: string; value: string }[]
}

/** Keys that read better written out than split from camel case. */
const KEY_LABELS: Record<string, string> = {
  upn: 'UPN',
  sen: 'Special educational needs',
  seipContact: 'Area SEIP contact',
  sendEvidence: 'SEND evidence',
  environmentalFactorsAndAces: 'Environmental factors and ACEs',
  gds: 'Governor Development Service',
}

export function humanise(key: string): string {
  if (Object.hasOwn(KEY_LABELS, key)) return KEY_LABELS[key]!
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Coded values in the words the app showed the setting, by the key they come under; a code not listed shows as sent. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  yearGroup: Object.fromEntries(YEAR_GROUPS.map((group) => [group, yearGroupLabel(group)])),
  adviceWanted: ADVICE_AREA_LABELS,
  status: PLAN_STATUS_LABELS,
  sen: SEN_LABELS,
  caseType: { named: 'Named', anonymous: 'Anonymous' },
  forum: { 'early-years': 'Early years', primary: 'Primary', secondary: 'Secondary', 'post-16': 'Post-16' },
  outcome: { upheld: 'Upheld', rescinded: 'Rescinded' },
  basis: { 'term-dates': 'The setting’s term dates', 'weekdays-and-bank-holidays': 'Weekdays less bank holidays (no term dates given)' },
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** A value as words: dates written out, yes and no, "Not given" for nothing. Plain text: the page escapes it. */
function shown(value: unknown, key?: string): string {
  // Own keys only: a key or value such as "constructor" is shown as sent, never as Object's.
  const labels = key && Object.hasOwn(VALUE_LABELS, key) ? VALUE_LABELS[key]! : undefined
  if (typeof value === 'string' && labels && Object.hasOwn(labels, value)) return labels[value]!
  if (value === undefined || value === null || value === '') return 'Not given'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'string') {
    const date = ISO_DATE.test(value) ? parseIsoDate(value) : undefined
    if (date) return formatLongDate(date)
    if (ISO_DATE_TIME.test(value)) return dateTime(value)
    return value
  }
  return String(value)
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Any payload as summary lists, however it nests; a part with nothing but nested parts gets no list of its own. */
export function describePayload(kind: SubmissionKind, payload: unknown): PayloadSection[] {
  const sections: PayloadSection[] = []
  const walk = (value: Record<string, unknown>, heading?: string) => {
    const section: PayloadSection = { ...(heading ? { heading } : {}), rows: [] }
    sections.push(section)
    const nested: [string, Record<string, unknown>][] = []
    for (const [key, item] of Object.entries(value)) {
      const label = humanise(key)
      if (isRecord(item)) nested.push([label, item])
      else if (Array.isArray(item) && item.some(isRecord)) {
        item.forEach((entry, index) => nested.push([`${label} (${index + 1} of ${item.length})`, isRecord(entry) ? entry : { value: entry }]))
      } else if (Array.isArray(item)) section.rows.push({ key: label, value: item.length === 0 ? 'None' : item.map((entry) => shown(entry, key)).join('\n') })
      else section.rows.push({ key: label, value: shown(item, key) })
    }
    for (const [label, item] of nested) walk(item, label)
  }
  walk(isRecord(payload) ? shownPayload(kind, payload) : { value: payload })
  return sections.filter((section) => section.rows.length > 0)
}

/** A forum case's consent method in the words the setting chose it by, not the value sent. */
function shownPayload(kind: SubmissionKind, payload: Record<string, unknown>): Record<string, unknown> {
  if (kind !== 'forum-case') return payload
  const forumCase = payload as unknown as ForumCasePayload
  if (!forumCase.consent) return payload
  return { ...payload, consent: { ...forumCase.consent, how: CONSENT_METHOD_LABELS[forumCase.consent.how] ?? forumCase.consent.how } }
}
