import { checkedPayload, optionalText } from './checked-payload'
import { EMPTY_DATE, parseDateParts, type DateParts } from './date-input'
import { parseIsoDate } from './dates'
import { suspensionDays, type SuspensionRecord } from './exclusion-rules'
import { emptyNoticePupil, noticeField, noticePupilPart, type NoticePupil, type NoticeProblem } from './notice-pupil'
import { emptyMoment, momentIso, type Moment } from './notified-moment'
import { referrerPayload, referrerProblems, type StaffDetails } from './staff-details'
import { suspensionSchema, type SuspensionPayload } from './submissions'

export type { NoticeProblem }

/** What a suspension notice holds as the user types it. */
export interface SuspensionDraft extends NoticePupil {
  startDate: DateParts
  lengthUnit: '' | 'days' | 'sessions'
  lengthAmount: string
  /** A suspension from lunchtime or the afternoon: the first day loses its afternoon only. */
  startsAfternoon: boolean
  missesPublicExam: boolean
  parentsNotified: Moment & { how: string }
  socialWorkerNotified: Moment
  virtualSchoolHeadNotified: Moment
  /** Earlier suspensions this school year that are not on this device. */
  earlierSuspensions: { startDate: DateParts; days: string }[]
  /** The head has confirmed a notice that takes the pupil over 45 school days in a school year. */
  confirmedOverLimit: boolean
}


export function emptySuspension(): SuspensionDraft {
  return {
    ...emptyNoticePupil(),
    startDate: { ...EMPTY_DATE },
    lengthUnit: '',
    lengthAmount: '',
    startsAfternoon: false,
    missesPublicExam: false,
    parentsNotified: { ...emptyMoment(), how: '' },
    socialWorkerNotified: emptyMoment(),
    virtualSchoolHeadNotified: emptyMoment(),
    earlierSuspensions: [],
    confirmedOverLimit: false,
  }
}

/** The length as a number of the chosen unit, if it is one the rules allow. */
export function parsedLength(draft: Pick<SuspensionDraft, 'lengthUnit' | 'lengthAmount'>): SuspensionPayload['length'] | undefined {
  const amount = Number(draft.lengthAmount.trim())
  if (!draft.lengthUnit || !/^\d+$/.test(draft.lengthAmount.trim())) return undefined
  const max = draft.lengthUnit === 'days' ? 45 : 90
  return amount >= 1 && amount <= max ? { unit: draft.lengthUnit, amount } : undefined
}

const EARLIER_DAYS = /^\d{1,2}(\.5)?$/

/** Earlier suspensions, each row checked: an incomplete row is a problem to fix, never left out of the totals unsaid. */
export function earlierSuspensions(draft: SuspensionDraft): { records: SuspensionRecord[]; problems: NoticeProblem[] } {
  const records: SuspensionRecord[] = []
  const problems: NoticeProblem[] = []
  draft.earlierSuspensions.forEach((earlier, index) => {
    const label = `Earlier suspension ${index + 1}`
    const start = parseDateParts(earlier.startDate, `${label}: first day`)
    if (start.kind === 'empty') problems.push({ field: `earlier-${index}-start`, message: `Enter the first day of earlier suspension ${index + 1}` })
    if (start.kind === 'error') problems.push({ field: `earlier-${index}-start`, message: start.message })
    const days = Number(earlier.days.trim())
    const daysValid = EARLIER_DAYS.test(earlier.days.trim()) && days >= 0.5 && days <= 45
    if (!daysValid) problems.push({ field: `earlier-${index}-days`, message: `Enter the school days of earlier suspension ${index + 1} as a number from 0.5 to 45, like 2 or 2.5` })
    if (start.kind === 'date' && daysValid) records.push({ startDate: parseIsoDate(start.iso)!, days })
  })
  return { records, problems }
}

export function suspensionPayload(
  draft: SuspensionDraft,
  referrer: StaffDetails | undefined,
  listVersion: string,
  offsetOf: (isoDate: string) => string,
  /** The totals take the pupil over 45 school days in a school year: the head must confirm it. */
  overYearLimit = false,
): { ok: true; payload: SuspensionPayload } | { ok: false; problems: NoticeProblem[] } {
  const { problems, part } = noticePupilPart(draft, listVersion)
  const problem = (field: string, message: string) => problems.push({ field, message })
  const start = parseDateParts(draft.startDate, 'Start date')
  if (start.kind === 'empty') problem('startDate', 'Enter the first day of the suspension')
  if (start.kind === 'error') problem('startDate', start.message)
  const length = parsedLength(draft)
  if (!draft.lengthUnit) problem('lengthUnit', 'Select whether the length is in days or sessions')
  else if (!length) problem('lengthAmount', draft.lengthUnit === 'days' ? 'Enter the length as a whole number of school days from 1 to 45' : 'Enter the length as a whole number of sessions from 1 to 90')
  const parentsAt = momentIso(draft.parentsNotified, 'Parents notified', 'parentsNotified', problems, offsetOf, true)
  const socialWorkerAt = momentIso(draft.socialWorkerNotified, 'Social worker notified', 'socialWorkerNotified', problems, offsetOf, false)
  const virtualSchoolAt = momentIso(draft.virtualSchoolHeadNotified, 'Virtual school head notified', 'virtualSchoolHeadNotified', problems, offsetOf, false)
  problems.push(...earlierSuspensions(draft).problems)
  if (overYearLimit && !draft.confirmedOverLimit) {
    problem('confirmedOverLimit', 'Confirm that you are sending a suspension that takes the pupil over 45 school days in the school year')
  }
  for (const message of referrerProblems(referrer, 'notice')) problem('referrer', message)
  if (problems.length > 0) return { ok: false, problems }

  const candidate = {
    ...part,
    startDate: (start as { iso: string }).iso,
    length,
    ...(draft.startsAfternoon ? { startsAfternoon: true } : {}),
    parentsNotified: { at: parentsAt, how: optionalText(draft.parentsNotified.how) },
    socialWorkerNotified: socialWorkerAt ? { at: socialWorkerAt } : undefined,
    virtualSchoolHeadNotified: virtualSchoolAt ? { at: virtualSchoolAt } : undefined,
    referrer: referrerPayload(referrer!),
  }
  return checkedPayload(suspensionSchema, candidate, noticeField)
}

/** The days this suspension counts for in the totals, once its start and length are known. */
export function thisSuspension(draft: SuspensionDraft): SuspensionRecord | undefined {
  const start = parseDateParts(draft.startDate, 'Start date')
  const length = parsedLength(draft)
  if (start.kind !== 'date' || !length) return undefined
  return { startDate: parseIsoDate(start.iso)!, days: suspensionDays(length), startsAfternoon: Boolean(draft.startsAfternoon) }
}
