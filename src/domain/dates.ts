/**
 * Calendar dates as ISO strings (YYYY-MM-DD), with no time of day and no time zone:
 * a date of birth or "today" means the same day on every device.
 */
export interface CalendarDate {
  year: number
  month: number // 1-12
  day: number
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (!isRealDate(year, month, day)) return undefined
  return { year, month, day }
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const twoDigits = (value: number) => String(value).padStart(2, '0')

/** "09:05": hours and minutes as ISO 8601 and the 24-hour clock write them (a time of day, or an offset's size). */
export function hoursAndMinutes(hours: number, minutes: number): string {
  return `${twoDigits(hours)}:${twoDigits(minutes)}`
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

/**
 * ISO dates (YYYY-MM-DD) and times (HH:MM) sort as plain text. Compared code unit by code
 * unit: `localeCompare` builds the browser's collator on first use, a long task (85 ms at
 * 4x slowdown) on whichever page or tap first sorts a date.
 */
export function compareIsoText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Whole years between a birth date and a later date (a 29 February birthday counts from 1 March in other years). */
export function ageOn(dateOfBirth: CalendarDate, on: CalendarDate): number {
  const hadBirthdayThisYear =
    on.month > dateOfBirth.month || (on.month === dateOfBirth.month && on.day >= dateOfBirth.day)
  return on.year - dateOfBirth.year - (hadBirthdayThisYear ? 0 : 1)
}

/** The ISO date so many days after (or before) another. */
export function addDaysToIsoDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/**
 * A date formatter made the first time it is used. Making one loads its locale's and time
 * zone's data: tens of milliseconds on a slow tablet, which every page that imports this
 * module would otherwise pay while it starts.
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let made: Intl.DateTimeFormat | undefined
  return () => (made ??= new Intl.DateTimeFormat(locale, options))
}

const UK_DAY = formatter('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
const UK_HOUR = formatter('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' })

/** The date in the UK at a moment (YYYY-MM-DD), whatever the machine's own time zone: the Inclusion Service's day. */
export function ukDate(moment: Date): string {
  return UK_DAY().format(moment)
}

/**
 * The first moment of a UK date, as an ISO time in UTC: the bound to compare stored UTC
 * times with a day as the UK reads it (in summer, UK midnight is 23:00 UTC the day before).
 * The clocks change at 01:00 UTC, so the UK hour at UTC midnight is the day's offset.
 */
export function ukDayStart(isoDate: string): string {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`)
  return new Date(utcMidnight - Number(UK_HOUR().format(utcMidnight)) * 3_600_000).toISOString()
}

/** Today's date where the user is: the device's local calendar day. */
export function localToday(now: Date): string {
  return formatIsoDate(localDate(now))
}

/** The day a moment falls on, on the device's own calendar. */
function localDate(moment: Date): CalendarDate {
  return { year: moment.getFullYear(), month: moment.getMonth() + 1, day: moment.getDate() }
}

/** The months' names, January first. */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * "9:05:03", the time on the device's own clock, as en-GB writes it. Written out rather than
 * through Intl: a page's first use of Intl loads locale data (116 to 187 ms at 4x slowdown),
 * and a form's first save, while the user types, is where this is first shown.
 */
export function formatClockTime(moment: Date): string {
  return `${moment.getHours()}:${twoDigits(moment.getMinutes())}:${twoDigits(moment.getSeconds())}`
}

/**
 * "31 August 2026", the GOV.UK style for dates. Written out rather than through Intl, whose
 * first use loads locale data: on a slow tablet that was the longest part of showing an answer.
 */
export function formatLongDate(date: CalendarDate): string {
  return `${date.day} ${MONTH_NAMES[date.month - 1]} ${date.year}`
}

/** "3 December 2026 at 09:05", a moment on the device's own clock, as en-GB writes it (not through Intl, as above). */
export function formatDateTime(moment: Date): string {
  return `${formatLongDate(localDate(moment))} at ${hoursAndMinutes(moment.getHours(), moment.getMinutes())}`
}
