import { parseDateParts, type DateParts } from './date-input'
import { parseIsoDate } from './dates'
import { suspensionDays, type SuspensionRecord } from './exclusion-rules'
import { emptyNoticePupil, noticePupilPart, type NoticePupil, type NoticeProblem } from './notice-pupil'
import { referrerPayload, referrerProblems, type StaffDetails } from './staff-details'
import { suspensionSchema, type SuspensionPayload } from './submissions'

/** A notified moment as typed: a date and a 24-hour time. */
export interface Moment {
  date: DateParts
  time: string
}

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

const EMPTY: DateParts = { day: '', month: '', year: '' }
const emptyMoment = (): Moment => ({ date: { ...EMPTY }, time: '' })

export function emptySuspension(): SuspensionDraft {
  return {
    ...emptyNoticePupil(),
    startDate: { ...EMPTY },
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

/** ISO date and time with the device's offset on that day, as `offsetOf` gives it (the domain never reads the clock). */
export function momentIso(moment: Moment, label: string, field: string, problems: NoticeProblem[], offsetOf: (isoDate: string) => string, required: boolean): string | undefined {
  const date = parseDateParts(moment.date, label)
  const time = moment.time.trim()
  if (date.kind === 'empty' && !time) {
    if (required) problems.push({ field, message: `Enter when: ${label.toLowerCase()}` })
    return undefined
  }
  if (date.kind === 'error') return void problems.push({ field, message: date.message })
  if (date.kind === 'empty') return void problems.push({ field, message: `${label} must include a date` })
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) return void problems.push({ field: `${field}-time`, message: `${label}: enter the time like 09:30` })
  return `${date.iso}T${time.padStart(5, '0')}:00${offsetOf(date.iso)}`
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

  const text = (value: string) => (value.trim() ? value.trim() : undefined)
  const candidate = {
    ...part,
    startDate: (start as { iso: string }).iso,
    length,
    ...(draft.startsAfternoon ? { startsAfternoon: true } : {}),
    parentsNotified: { at: parentsAt, how: text(draft.parentsNotified.how) },
    socialWorkerNotified: socialWorkerAt ? { at: socialWorkerAt } : undefined,
    virtualSchoolHeadNotified: virtualSchoolAt ? { at: virtualSchoolAt } : undefined,
    referrer: referrerPayload(referrer!),
  }
  const checked = suspensionSchema.safeParse(JSON.parse(JSON.stringify(candidate)))
  if (!checked.success) return { ok: false, problems: checked.error.issues.map((issue) => ({ field: 'pupilName', message: `${issue.path.join('.')}: ${issue.message}` })) }
  return { ok: true, payload: checked.data }
}

/** The days this suspension counts for in the totals, once its start and length are known. */
export function thisSuspension(draft: SuspensionDraft): SuspensionRecord | undefined {
  const start = parseDateParts(draft.startDate, 'Start date')
  const length = parsedLength(draft)
  if (start.kind !== 'date' || !length) return undefined
  return { startDate: parseIsoDate(start.iso)!, days: suspensionDays(length), startsAfternoon: Boolean(draft.startsAfternoon) }
}
