import { compareDates, compareIsoText, formatIsoDate, parseIsoDate, type CalendarDate } from './dates'
import { approximateTermRange, schoolYearLabel, schoolYearRange } from './school-year'

/**
 * School-day arithmetic. A school day is a weekday that is not a bank holiday, not an INSET
 * day, and (once the setting has confirmed its term dates) inside a term and outside its half
 * term. Without confirmed term dates only weekdays and bank holidays count, and every answer
 * says so. Every calculation takes the calendar: nothing here reads the clock.
 */

export interface Term {
  name: string
  /** First and last day of the term, ISO dates, inclusive. */
  start: string
  end: string
  /** The half-term break inside the term, inclusive. */
  halfTerm?: { start: string; end: string }
}

/** Whose terms a calendar holds: the county's (published by the local authority with the content) or the setting's own. */
export const TERM_DATES_SOURCES = ['county', 'setting'] as const
export type TermDatesSource = (typeof TERM_DATES_SOURCES)[number]

export interface SchoolCalendar {
  bankHolidays: readonly string[]
  /** The confirmed terms; absent or empty until they are known. */
  terms?: readonly Term[]
  insetDays?: readonly string[]
  /** Whose terms they are; the setting's when not said. */
  source?: TermDatesSource
}

export const CALENDAR_BASES = ['term-dates', 'weekdays-and-bank-holidays'] as const
export type CalendarBasis = (typeof CALENDAR_BASES)[number]

export function calendarBasis(calendar: SchoolCalendar): CalendarBasis {
  return calendar.terms && calendar.terms.length > 0 ? 'term-dates' : 'weekdays-and-bank-holidays'
}

const isCounty = (calendar: SchoolCalendar) => calendar.source === 'county'

/** How the dates on a page were counted, said under them. */
export function calendarExplanation(calendar: SchoolCalendar): string {
  if (calendarBasis(calendar) === 'term-dates') {
    const inset = calendar.insetDays && calendar.insetDays.length > 0 ? ', your INSET days' : ''
    return isCounty(calendar)
      ? `Counted in school days from the county calendar the local authority publishes${inset} and bank holidays.`
      : 'Counted in school days from your setting’s term dates, INSET days and bank holidays.'
  }
  return isCounty(calendar)
    ? 'Counted in weekdays less bank holidays, because the local authority has not published the county term dates yet: school holidays are not taken off.'
    : 'Counted in weekdays less bank holidays, because your setting’s term dates have not been added: school holidays are not taken off.'
}

/** Deadlines that leave the device carry this text, and the service keeps it to 200 characters. */
const DESCRIPTION_MAX = 200

/** "2025 to 2026 and 2026 to 2027": the school years the terms fall in, in order. */
function schoolYearsOf(terms: readonly Term[]): string {
  const years = [...new Set(terms.map((term) => schoolYearOfTerm(term.start)))].sort()
  return years.length === 1 ? years[0]! : `${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`
}

/**
 * Which calendar the deadlines were counted with, for whoever reads them elsewhere: "The
 * county calendar for 2026 to 2027, your INSET days and bank holidays", or "Your setting’s
 * term dates (Autumn 2026 to Summer 2027) and bank holidays". Term names are typed by
 * people, so a description too long to send leaves them out.
 */
export function calendarDescription(calendar: SchoolCalendar): string {
  if (calendarBasis(calendar) === 'weekdays-and-bank-holidays') {
    return isCounty(calendar)
      ? 'Weekdays less bank holidays: the county term dates had not been published, so school holidays were not taken off'
      : 'Weekdays less bank holidays: your setting’s term dates had not been added, so school holidays were not taken off'
  }
  const terms = [...calendar.terms!].sort((a, b) => compareIsoText(a.start, b.start))
  const inset = calendar.insetDays && calendar.insetDays.length > 0
  const fitted = (full: string, short: string) => (full.length <= DESCRIPTION_MAX ? full : short)
  if (isCounty(calendar)) {
    const holidays = inset ? ', your INSET days and bank holidays' : ' and bank holidays'
    return fitted(`The county calendar for ${schoolYearsOf(terms)}${holidays}`, `The county calendar${holidays}`)
  }
  const [first, last] = [terms[0]!.name, terms[terms.length - 1]!.name]
  const holidays = inset ? ', INSET days and bank holidays' : ' and bank holidays'
  return fitted(`Your setting’s term dates (${terms.length === 1 ? first : `${first} to ${last}`})${holidays}`, `Your setting’s term dates${holidays}`)
}

const MAX_SEARCH_DAYS = 800

/** The answer lies outside the term dates entered: the user needs to add the terms that cover it. */
export class CalendarTooShortError extends Error {
  constructor() {
    super('This date falls outside the term dates entered (or the bank holidays known): add them to work it out')
    this.name = 'CalendarTooShortError'
  }
}

/** Marks a school day the calendar cannot reach: figures that depend on it wait for the term dates that cover it. */
export const OUTSIDE_TERM_DATES = 'outside-term-dates'
export type Reached = CalendarDate | typeof OUTSIDE_TERM_DATES

/** A date worked out from the calendar, or the marker when the term dates entered do not reach it. */
export function reach(work: () => CalendarDate): Reached {
  try {
    return work()
  } catch (error) {
    if (error instanceof CalendarTooShortError) return OUTSIDE_TERM_DATES
    throw error
  }
}

export const isReached = (date: Reached | undefined): date is CalendarDate => typeof date === 'object'

function toDay(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000
}

function fromDay(day: number): CalendarDate {
  const date = new Date(day * 86_400_000)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

const within = (iso: string, start: string, end: string) => iso >= start && iso <= end

export function isSchoolDay(calendar: SchoolCalendar, date: CalendarDate): boolean {
  const weekday = new Date(toDay(date) * 86_400_000).getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  const iso = formatIsoDate(date)
  if (calendar.bankHolidays.includes(iso) || calendar.insetDays?.includes(iso)) return false
  if (calendarBasis(calendar) === 'weekdays-and-bank-holidays') return true
  return calendar.terms!.some((term) => within(iso, term.start, term.end) && !(term.halfTerm && within(iso, term.halfTerm.start, term.halfTerm.end)))
}

/**
 * The days the calendar can answer for: within the terms entered, or without them within the
 * years whose bank holidays are known. Outside, an answer would be a guess.
 */
function coveredDays(calendar: SchoolCalendar): { first: number; last: number } {
  if (calendarBasis(calendar) === 'term-dates') {
    const days = calendar.terms!.flatMap((term) => [toDay(parseIsoDate(term.start)!), toDay(parseIsoDate(term.end)!)])
    return { first: Math.min(...days), last: Math.max(...days) }
  }
  const years = calendar.bankHolidays.map((holiday) => Number(holiday.slice(0, 4)))
  return years.length === 0
    ? { first: -Infinity, last: Infinity }
    : { first: toDay({ year: Math.min(...years), month: 1, day: 1 }), last: toDay({ year: Math.max(...years), month: 12, day: 31 }) }
}

/**
 * Up to `count` successive school days from `from` (included when it is one). Fewer come back
 * when the calendar ends first; none when `from` is before what it covers.
 */
export function schoolDaysFrom(calendar: SchoolCalendar, from: CalendarDate, count: number): CalendarDate[] {
  const found: CalendarDate[] = []
  const { first, last } = coveredDays(calendar)
  let day = toDay(from)
  if (day < first) return found
  for (let searched = 0; searched < MAX_SEARCH_DAYS && day <= last && found.length < count; searched++, day++) {
    if (isSchoolDay(calendar, fromDay(day))) found.push(fromDay(day))
  }
  return found
}

function nth(calendar: SchoolCalendar, from: CalendarDate, n: number): CalendarDate {
  const days = schoolDaysFrom(calendar, from, n)
  if (days.length < n) throw new CalendarTooShortError()
  return days[n - 1]!
}

/** The nth school day of something that starts on `start` (day 1 is `start`, or the first school day after it). */
export function nthSchoolDay(calendar: SchoolCalendar, start: CalendarDate, n: number): CalendarDate {
  if (n < 1) throw new Error('School days count from 1')
  return nth(calendar, start, n)
}

/** The school day `n` school days after `date`, not counting `date`: "within 15 school days of the notice". */
export function schoolDaysAfter(calendar: SchoolCalendar, date: CalendarDate, n: number): CalendarDate {
  if (n < 1) throw new Error('Count at least one school day')
  return nth(calendar, fromDay(toDay(date) + 1), n)
}

export function nextSchoolDay(calendar: SchoolCalendar, date: CalendarDate): CalendarDate {
  return schoolDaysAfter(calendar, date, 1)
}

/** School days from `from` to `to`, both included. */
export function schoolDaysBetween(calendar: SchoolCalendar, from: CalendarDate, to: CalendarDate): number {
  let count = 0
  for (let day = toDay(from); day <= toDay(to); day++) if (isSchoolDay(calendar, fromDay(day))) count++
  return count
}

/** A term or a school year that suspended days count in. */
export interface Period {
  name: string
  from: CalendarDate
  to: CalendarDate
  /** False for a term approximated by calendar months, where no term dates are entered. */
  confirmed: boolean
}

/**
 * Where a school day counts: the term it falls in (one the setting entered, or without term
 * dates the calendar months that approximate it) and its school year. The one place that
 * decides it, so every total counts a day in the same term.
 */
export function placeOf(calendar: SchoolCalendar, date: CalendarDate): { term: Period; year: Period } {
  const iso = formatIsoDate(date)
  const entered = calendar.terms?.find((term) => within(iso, term.start, term.end))
  const approximate = approximateTermRange(date)
  const term = entered
    ? { name: entered.name, from: parseIsoDate(entered.start)!, to: parseIsoDate(entered.end)!, confirmed: true }
    : { name: `${approximate.name[0]!.toUpperCase()}${approximate.name.slice(1)} term ${date.year}`, from: approximate.from, to: approximate.to, confirmed: false }
  return { term, year: { name: schoolYearLabel(date), ...schoolYearRange(date), confirmed: true } }
}

/** A problem with the term dates as entered, against the term (by its place in the list) and the field it is about. */
export interface TermProblem {
  term: number
  field: 'start' | 'end' | 'half-start'
  message: string
}

/** Checks a setting's term dates as entered: every problem, in the words a form shows. */
export function termProblems(terms: readonly Term[]): TermProblem[] {
  const problems: TermProblem[] = []
  const sorted = terms.map((term, index) => ({ term, index })).sort((a, b) => compareIsoText(a.term.start, b.term.start))
  sorted.forEach(({ term, index }, position) => {
    const start = parseIsoDate(term.start)
    const end = parseIsoDate(term.end)
    if (!start || !end) return void problems.push({ term: index, field: 'start', message: `${term.name}: enter a real first and last day` })
    if (compareDates(end, start) < 0) problems.push({ term: index, field: 'end', message: `${term.name}: the last day must be after the first` })
    if (term.halfTerm && !(within(term.halfTerm.start, term.start, term.end) && within(term.halfTerm.end, term.start, term.end) && term.halfTerm.start <= term.halfTerm.end)) {
      problems.push({ term: index, field: 'half-start', message: `${term.name}: the half term must fall inside the term` })
    }
    const next = sorted[position + 1]
    if (next && next.term.start <= term.end) problems.push({ term: next.index, field: 'start', message: `${term.name} and ${next.term.name} overlap` })
  })
  return problems
}

/** The school year (1 September to 31 August) an ISO date falls in, by its starting year. */
export function schoolYearOf(iso: string): number {
  const [year, month] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))]
  return month >= 9 ? year : year - 1
}

/** "2026 to 2027", the school year a term starting on `start` belongs to. */
export function schoolYearOfTerm(start: string): string {
  const year = schoolYearOf(start)
  return `${year} to ${year + 1}`
}

/** A problem with a county term beyond termProblems: a term lies within one school year. */
export function termYearProblem(term: Term): string | undefined {
  // Dates that are not real, or in the wrong order, are termProblems' to report.
  if (!parseIsoDate(term.start) || !parseIsoDate(term.end) || term.end < term.start) return undefined
  return schoolYearOf(term.start) === schoolYearOf(term.end) ? undefined : `${term.name}: a term must end by 31 August, the end of its school year`
}

/** Terms grouped by the school year each starts in ("2026 to 2027"), years and terms in date order. */
export function termsBySchoolYear(terms: readonly Term[]): { year: string; terms: Term[] }[] {
  const years = new Map<string, Term[]>()
  for (const term of [...terms].sort((a, b) => compareIsoText(a.start, b.start))) {
    const year = schoolYearOfTerm(term.start)
    years.set(year, [...(years.get(year) ?? []), term])
  }
  return [...years].map(([year, yearTerms]) => ({ year, terms: yearTerms }))
}

