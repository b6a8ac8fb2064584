import { compareDates, formatIsoDate, parseIsoDate, type CalendarDate } from './dates'

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

export interface SchoolCalendar {
  bankHolidays: readonly string[]
  /** The setting's confirmed terms; absent or empty until it has entered them. */
  terms?: readonly Term[]
  insetDays?: readonly string[]
}

export type CalendarBasis = 'term-dates' | 'weekdays-and-bank-holidays'

export function calendarBasis(calendar: SchoolCalendar): CalendarBasis {
  return calendar.terms && calendar.terms.length > 0 ? 'term-dates' : 'weekdays-and-bank-holidays'
}

export const BASIS_EXPLANATION: Record<CalendarBasis, string> = {
  'term-dates': 'Counted in school days from your setting’s term dates, INSET days and bank holidays.',
  'weekdays-and-bank-holidays':
    'Counted in weekdays less bank holidays, because your setting’s term dates have not been added: school holidays are not taken off.',
}

const MAX_SEARCH_DAYS = 800

/** The answer lies beyond the term dates entered: the user needs to add the next terms. */
export class CalendarTooShortError extends Error {
  constructor() {
    super('This date falls outside the term dates entered (or the bank holidays known): add them to work it out')
    this.name = 'CalendarTooShortError'
  }
}

/** A date worked out from the calendar, or undefined when the term dates entered do not reach it. */
export function ifCalendarReaches<T>(work: () => T): T | undefined {
  try {
    return work()
  } catch (error) {
    if (error instanceof CalendarTooShortError) return undefined
    throw error
  }
}

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

function step(calendar: SchoolCalendar, from: CalendarDate, count: number, includeFrom: boolean): CalendarDate {
  let day = toDay(from) + (includeFrom ? 0 : 1)
  let found = 0
  const { first, last } = coveredDays(calendar)
  if (day < first) throw new CalendarTooShortError()
  for (let searched = 0; searched < MAX_SEARCH_DAYS && day <= last; searched++, day++) {
    if (isSchoolDay(calendar, fromDay(day)) && ++found === count) return fromDay(day)
  }
  throw new CalendarTooShortError()
}

/** The nth school day of something that starts on `start` (day 1 is `start`, or the first school day after it). */
export function nthSchoolDay(calendar: SchoolCalendar, start: CalendarDate, n: number): CalendarDate {
  if (n < 1) throw new Error('School days count from 1')
  return step(calendar, start, n, true)
}

/** The school day `n` school days after `date`, not counting `date`: "within 15 school days of the notice". */
export function schoolDaysAfter(calendar: SchoolCalendar, date: CalendarDate, n: number): CalendarDate {
  if (n < 1) throw new Error('Count at least one school day')
  return step(calendar, date, n, false)
}

export function nextSchoolDay(calendar: SchoolCalendar, date: CalendarDate): CalendarDate {
  return schoolDaysAfter(calendar, date, 1)
}

/** The school days a suspension of `days` takes from `start`: a half day last when it has one. */
export function schoolDaysOf(calendar: SchoolCalendar, start: CalendarDate, days: number): { date: CalendarDate; share: number }[] {
  const whole = Math.ceil(days)
  return Array.from({ length: whole }, (_, index) => ({
    date: nthSchoolDay(calendar, start, index + 1),
    share: index === whole - 1 && !Number.isInteger(days) ? days - Math.floor(days) : 1,
  }))
}

/** School days from `from` to `to`, both included. */
export function schoolDaysBetween(calendar: SchoolCalendar, from: CalendarDate, to: CalendarDate): number {
  let count = 0
  for (let day = toDay(from); day <= toDay(to); day++) if (isSchoolDay(calendar, fromDay(day))) count++
  return count
}

/** The confirmed term containing a date, if the calendar has terms and the date is in one. */
export function termContaining(calendar: SchoolCalendar, date: CalendarDate): Term | undefined {
  const iso = formatIsoDate(date)
  return calendar.terms?.find((term) => within(iso, term.start, term.end))
}

/** Checks a setting's term dates as entered: every problem, in the words a form shows. */
export function termProblems(terms: readonly Term[]): string[] {
  const problems: string[] = []
  const sorted = [...terms].sort((a, b) => a.start.localeCompare(b.start))
  sorted.forEach((term, index) => {
    const start = parseIsoDate(term.start)
    const end = parseIsoDate(term.end)
    if (!start || !end) return void problems.push(`${term.name}: enter a real first and last day`)
    if (compareDates(end, start) < 0) problems.push(`${term.name}: the last day must be after the first`)
    if (term.halfTerm && !(within(term.halfTerm.start, term.start, term.end) && within(term.halfTerm.end, term.start, term.end) && term.halfTerm.start <= term.halfTerm.end)) {
      problems.push(`${term.name}: the half term must fall inside the term`)
    }
    const next = sorted[index + 1]
    if (next && next.start <= term.end) problems.push(`${term.name} and ${next.name} overlap`)
  })
  return problems
}
