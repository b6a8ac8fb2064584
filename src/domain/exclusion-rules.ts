import { compareDates, type CalendarDate } from './dates'
import {
  calendarBasis, isReached, nextSchoolDay, nthSchoolDay, placeOf, reach, schoolDaysAfter, schoolDaysFrom,
  type CalendarBasis, type Period, type Reached, type SchoolCalendar,
} from './school-calendar'

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

/** "1 school day", "half a school day", "2.5 school days". */
export function formatSchoolDays(days: number): string {
  if (days === 0.5) return 'half a school day'
  return `${days} school ${days === 1 ? 'day' : 'days'}`
}

/** A suspension as the rules count it: its start, whether it starts in the afternoon, and its length in school days. */
export interface SuspensionRecord {
  startDate: CalendarDate
  days: number
  startsAfternoon?: boolean
}

/**
 * A suspension's sessions numbered from the morning of its first school day (0): an afternoon
 * start is session 1. The session's day is its number halved, rounded down.
 */
function sessionSpan(record: SuspensionRecord): { first: number; last: number } {
  const first = record.startsAfternoon ? 1 : 0
  return { first, last: first + Math.round(record.days * 2) - 1 }
}

export interface SuspendedDay {
  date: CalendarDate
  /** 1 for a whole day, 0.5 for a morning or an afternoon. */
  share: number
}

/**
 * The school days a suspension takes, session by session from its start: an afternoon start
 * takes half of the first day. `outsideTermDates` is what the calendar cannot place (days past
 * the last term entered, or before the first): they belong to no known term.
 */
export function suspendedDays(calendar: SchoolCalendar, record: SuspensionRecord): { days: SuspendedDay[]; outsideTermDates: number } {
  const { first, last } = sessionSpan(record)
  const dates = schoolDaysFrom(calendar, record.startDate, Math.floor(last / 2) + 1)
  const days = dates.map((date, index) => ({ date, share: (Math.min(last, 2 * index + 1) - Math.max(first, 2 * index) + 1) / 2 }))
  return { days, outsideTermDates: record.days - days.reduce((total, day) => total + day.share, 0) }
}

export interface SuspensionDates {
  /** The first school day suspended: the start date, or the next school day when the start is not one. */
  firstDay: Reached
  /** The start date entered is not a school day, so the suspension starts on `firstDay`. */
  startMoved: boolean
  lastDay: Reached
  /** The day the pupil is back; with `returnsAfternoon`, back for the afternoon of that day. */
  returnsOn: Reached
  returnsAfternoon: boolean
  /** The school provides full-time education from this day: only for suspensions over five school days. */
  fullTimeEducationFrom?: Reached
  basis: CalendarBasis
}

/** Each date on its own: one beyond the term dates entered never hides another the calendar reaches. */
export function suspensionDates(calendar: SchoolCalendar, record: SuspensionRecord): SuspensionDates {
  const { last: lastSession } = sessionSpan(record)
  const firstDay = reach(() => nthSchoolDay(calendar, record.startDate, 1))
  const lastDay = reach(() => nthSchoolDay(calendar, record.startDate, Math.floor(lastSession / 2) + 1))
  const endsAtMidday = lastSession % 2 === 0
  const dates: SuspensionDates = {
    firstDay,
    startMoved: isReached(firstDay) && compareDates(firstDay, record.startDate) !== 0,
    lastDay,
    returnsOn: endsAtMidday || !isReached(lastDay) ? lastDay : reach(() => nextSchoolDay(calendar, lastDay)),
    returnsAfternoon: endsAtMidday,
    basis: calendarBasis(calendar),
  }
  if (record.days > REPRESENTATIONS_ONLY_UP_TO) dates.fullTimeEducationFrom = reach(() => nthSchoolDay(calendar, record.startDate, EDUCATION_FROM_SCHOOL_DAY))
  return dates
}

export interface PeriodTotal extends Period {
  /** The pupil's suspended school days in this period: this suspension and the others given. */
  days: number
}

export interface SuspensionTotals {
  /** Every term this suspension touches, in order. */
  terms: PeriodTotal[]
  /** Every school year it touches, in order. */
  years: PeriodTotal[]
  /** This suspension's school days the calendar cannot place: no term can count them yet. */
  outsideTermDates: number
  /** The other suspensions' school days it cannot place. */
  othersOutsideTermDates: number
}

/**
 * The pupil's suspended days in each term and school year this suspension touches, the other
 * suspensions included. Each school day counts in the term and year it falls in, so a
 * suspension running over Christmas adds to both terms.
 */
export function suspensionTotals(calendar: SchoolCalendar, current: SuspensionRecord, others: readonly SuspensionRecord[]): SuspensionTotals {
  const placed = [current, ...others].map((record) => suspendedDays(calendar, record))
  const totals = new Map<string, number>()
  const key = (period: Period) => `${period.name}|${period.from.year}-${period.from.month}-${period.from.day}`
  for (const { date, share } of placed.flatMap((each) => each.days)) {
    const { term, year } = placeOf(calendar, date)
    for (const period of [term, year]) totals.set(key(period), (totals.get(key(period)) ?? 0) + share)
  }
  const touched = (pick: 'term' | 'year') => {
    const periods = new Map<string, Period>()
    for (const { date } of placed[0]!.days) {
      const period = placeOf(calendar, date)[pick]
      periods.set(key(period), period)
    }
    return [...periods].map(([periodKey, period]) => ({ ...period, days: totals.get(periodKey)! }))
  }
  const years = touched('year')
  // An unplaced suspension from another school year cannot change these totals: only its own year's are counted as missing.
  const inYearsTouched = (record: SuspensionRecord) => years.some((year) => compareDates(record.startDate, year.from) >= 0 && compareDates(record.startDate, year.to) <= 0)
  return {
    terms: touched('term'),
    years,
    outsideTermDates: placed[0]!.outsideTermDates,
    othersOutsideTermDates: others.reduce((total, record, index) => total + (inYearsTouched(record) ? placed[index + 1]!.outsideTermDates : 0), 0),
  }
}

export type YearLimit = 'within' | 'reached' | 'exceeded'

/** Against the 45-day limit, from the fullest school year the suspension touches. */
export function yearLimit(totals: Pick<SuspensionTotals, 'years'>): YearLimit {
  const days = Math.max(0, ...totals.years.map((year) => year.days))
  if (days > SUSPENSION_LIMIT_IN_YEAR) return 'exceeded'
  return days === SUSPENSION_LIMIT_IN_YEAR ? 'reached' : 'within'
}

type KnownDuty =
  | { kind: 'representations-only' }
  | { kind: 'consider-if-representations'; within: number; by: Reached; term: string }

export type BoardDuty =
  | KnownDuty
  | { kind: 'must-consider'; within: number; by: Reached; because: 'over-15-days-in-term' | 'public-exam-missed'; term?: string }
  /** Days outside the term dates entered could raise the duty: it is known once they are added. */
  | { kind: 'needs-term-dates'; outsideTermDates: number; meanwhile: KnownDuty }

/** What the governing board must do, from the pupil's suspended days in every term this suspension touches. */
export function governingBoardDuty(calendar: SchoolCalendar, noticeDate: CalendarDate, totals: SuspensionTotals, missesPublicExam: boolean): BoardDuty {
  const overFifteen = totals.terms.find((term) => term.days > MUST_CONSIDER_OVER)
  if (overFifteen || missesPublicExam) {
    return {
      kind: 'must-consider',
      within: BOARD_MUST_CONSIDER_WITHIN,
      by: reach(() => schoolDaysAfter(calendar, noticeDate, BOARD_MUST_CONSIDER_WITHIN)),
      because: overFifteen ? 'over-15-days-in-term' : 'public-exam-missed',
      ...(overFifteen ? { term: overFifteen.name } : {}),
    }
  }
  const overFive = totals.terms.find((term) => term.days > REPRESENTATIONS_ONLY_UP_TO)
  const known: KnownDuty = overFive
    ? {
        kind: 'consider-if-representations',
        within: BOARD_CONSIDER_ON_REPRESENTATIONS_WITHIN,
        by: reach(() => schoolDaysAfter(calendar, noticeDate, BOARD_CONSIDER_ON_REPRESENTATIONS_WITHIN)),
        term: overFive.name,
      }
    : { kind: 'representations-only' }
  return totals.outsideTermDates > 0 ? { kind: 'needs-term-dates', outsideTermDates: totals.outsideTermDates, meanwhile: known } : known
}

export interface PermanentExclusionDeadlines {
  /** The home local authority provides education from this day. */
  localAuthorityEducationFrom: Reached
  /** The governing board must consider reinstatement by this day. */
  boardConsiderBy: Reached
  /** Parents may request an independent review until this day: absent until the board has decided. */
  independentReviewBy?: Reached
  basis: CalendarBasis
}

export function permanentExclusionDeadlines(
  calendar: SchoolCalendar,
  effectiveDate: CalendarDate,
  noticeDate: CalendarDate,
  boardDecisionDate?: CalendarDate,
): PermanentExclusionDeadlines {
  const deadlines: PermanentExclusionDeadlines = {
    localAuthorityEducationFrom: reach(() => nthSchoolDay(calendar, effectiveDate, EDUCATION_FROM_SCHOOL_DAY)),
    boardConsiderBy: reach(() => schoolDaysAfter(calendar, noticeDate, BOARD_MUST_CONSIDER_WITHIN)),
    basis: calendarBasis(calendar),
  }
  if (boardDecisionDate) deadlines.independentReviewBy = reach(() => schoolDaysAfter(calendar, boardDecisionDate, INDEPENDENT_REVIEW_WITHIN))
  return deadlines
}
