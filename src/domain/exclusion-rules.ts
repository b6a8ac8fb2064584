import { formatIsoDate, parseIsoDate, type CalendarDate } from './dates'
import {
  calendarBasis, ifCalendarReaches, nextSchoolDay, nthSchoolDay, schoolDaysAfter, schoolDaysOf, termContaining, type CalendarBasis, type SchoolCalendar,
} from './school-calendar'
import { approximateTermRange, schoolYearRange, type DateRange } from './school-year'

/** The national rules (DfE guidance on suspension and permanent exclusion), in school days. */
export const SUSPENSION_LIMIT_IN_YEAR = 45
export const EDUCATION_FROM_SCHOOL_DAY = 6
export const BOARD_MUST_CONSIDER_WITHIN = 15
export const BOARD_CONSIDER_ON_REPRESENTATIONS_WITHIN = 50
export const INDEPENDENT_REVIEW_WITHIN = 15
const REPRESENTATIONS_ONLY_UP_TO = 5
const MUST_CONSIDER_OVER = 15

export type SuspensionLength = { unit: 'days'; amount: number } | { unit: 'sessions'; amount: number }

/** School days a suspension takes: two sessions (mornings, afternoons, lunchtimes as half days) make one. */
export function suspensionDays(length: SuspensionLength): number {
  return length.unit === 'days' ? length.amount : length.amount / 2
}

export interface SuspensionDates {
  lastDay: CalendarDate
  /** The day the pupil is back; with `afternoon`, back for the afternoon of that day. */
  returnsOn: CalendarDate
  afternoon: boolean
  /** The school provides full-time education from this day: only for suspensions over five days. */
  fullTimeEducationFrom?: CalendarDate
  basis: CalendarBasis
}

export function suspensionDates(calendar: SchoolCalendar, start: CalendarDate, length: SuspensionLength): SuspensionDates {
  const days = suspensionDays(length)
  const lastDay = nthSchoolDay(calendar, start, Math.ceil(days))
  const endsAtMidday = !Number.isInteger(days)
  const dates: SuspensionDates = {
    lastDay,
    returnsOn: endsAtMidday ? lastDay : nextSchoolDay(calendar, lastDay),
    afternoon: endsAtMidday,
    basis: calendarBasis(calendar),
  }
  if (days > REPRESENTATIONS_ONLY_UP_TO) dates.fullTimeEducationFrom = nthSchoolDay(calendar, start, EDUCATION_FROM_SCHOOL_DAY)
  return dates
}

export interface SuspensionRecord {
  startDate: string
  days: number
}

export interface SuspensionTotals {
  term: DateRange & { name: string; confirmed: boolean }
  termDays: number
  yearDays: number
}

const inRange = (iso: string, range: DateRange) => iso >= formatIsoDate(range.from) && iso <= formatIsoDate(range.to)

/**
 * The pupil's suspended days in the term and the school year of `date`, this suspension
 * included. Each school day counts where it falls, so a suspension running over Christmas
 * counts in both terms. Without confirmed term dates the term is approximated by calendar
 * months, and the totals say so.
 */
export function suspensionTotals(calendar: SchoolCalendar, date: CalendarDate, records: readonly SuspensionRecord[]): SuspensionTotals {
  const confirmed = termContaining(calendar, date)
  const term = confirmed
    ? { from: parseIsoDate(confirmed.start)!, to: parseIsoDate(confirmed.end)!, name: confirmed.name, confirmed: true }
    : { ...approximateTermRange(date), confirmed: false }
  const year = schoolYearRange(date)
  const days = records.flatMap((record) => {
    const start = parseIsoDate(record.startDate)
    // Beyond what the calendar covers, a record counts on its start date, whole.
    return (start && ifCalendarReaches(() => schoolDaysOf(calendar, start, record.days))) ?? [{ date: start!, share: record.days }]
  })
  const sum = (range: DateRange) => days.filter((day) => inRange(formatIsoDate(day.date), range)).reduce((total, day) => total + day.share, 0)
  return { term, termDays: sum(term), yearDays: sum(year) }
}

export type YearLimit = 'within' | 'reached' | 'exceeded'

export function yearLimit(yearDays: number): YearLimit {
  if (yearDays > SUSPENSION_LIMIT_IN_YEAR) return 'exceeded'
  return yearDays === SUSPENSION_LIMIT_IN_YEAR ? 'reached' : 'within'
}

/** `by` is undefined when the term dates entered do not reach that far. */
export type BoardDuty =
  | { kind: 'representations-only' }
  | { kind: 'consider-if-representations'; within: number; by?: CalendarDate }
  | { kind: 'must-consider'; within: number; by?: CalendarDate; because: 'over-15-days-in-term' | 'public-exam-missed' }

/** What the governing board must do, from the pupil's suspended days in the term (this one included). */
export function governingBoardDuty(calendar: SchoolCalendar, noticeDate: CalendarDate, termDays: number, missesPublicExam: boolean): BoardDuty {
  if (termDays > MUST_CONSIDER_OVER || missesPublicExam) {
    return {
      kind: 'must-consider',
      within: BOARD_MUST_CONSIDER_WITHIN,
      by: ifCalendarReaches(() => schoolDaysAfter(calendar, noticeDate, BOARD_MUST_CONSIDER_WITHIN)),
      because: termDays > MUST_CONSIDER_OVER ? 'over-15-days-in-term' : 'public-exam-missed',
    }
  }
  if (termDays > REPRESENTATIONS_ONLY_UP_TO) {
    return {
      kind: 'consider-if-representations',
      within: BOARD_CONSIDER_ON_REPRESENTATIONS_WITHIN,
      by: ifCalendarReaches(() => schoolDaysAfter(calendar, noticeDate, BOARD_CONSIDER_ON_REPRESENTATIONS_WITHIN)),
    }
  }
  return { kind: 'representations-only' }
}

/** Each date is undefined when the term dates entered do not reach it. */
export interface PermanentExclusionDeadlines {
  /** The home local authority provides education from this day. */
  localAuthorityEducationFrom?: CalendarDate
  /** The governing board must consider reinstatement by this day. */
  boardConsiderBy?: CalendarDate
  /** Parents may request an independent review until this day, once the board has decided. */
  independentReviewBy?: CalendarDate
  basis: CalendarBasis
}

export function permanentExclusionDeadlines(
  calendar: SchoolCalendar,
  effectiveDate: CalendarDate,
  noticeDate: CalendarDate,
  boardDecisionDate?: CalendarDate,
): PermanentExclusionDeadlines {
  const deadlines: PermanentExclusionDeadlines = {
    localAuthorityEducationFrom: ifCalendarReaches(() => nthSchoolDay(calendar, effectiveDate, EDUCATION_FROM_SCHOOL_DAY)),
    boardConsiderBy: ifCalendarReaches(() => schoolDaysAfter(calendar, noticeDate, BOARD_MUST_CONSIDER_WITHIN)),
    basis: calendarBasis(calendar),
  }
  const reviewBy = boardDecisionDate && ifCalendarReaches(() => schoolDaysAfter(calendar, boardDecisionDate, INDEPENDENT_REVIEW_WITHIN))
  if (reviewBy) deadlines.independentReviewBy = reviewBy
  return deadlines
}
