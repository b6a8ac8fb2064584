import { formatIsoDate, isRealDate, MONTH_NAMES } from './dates'

/** What a user typed into a GOV.UK date input: three free-text boxes. */
export interface DateParts {
  day: string
  month: string
  year: string
}

export type DatePart = keyof DateParts

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' }

export type DatePartsResult =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  /** `parts`: the boxes to highlight; the first is where the error summary links. */
  | { kind: 'error'; message: string; parts: DatePart[] }

const PART_NAMES: DatePart[] = ['day', 'month', 'year']
const MONTHS = MONTH_NAMES.map((month) => month.toLowerCase())
const EARLIEST_YEAR = 1900

/** GOV.UK asks services to accept month names: "Sept", "september" and "9" are all September. */
function monthNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  // At least the first three letters of a month's name, and nothing that is not in it.
  const name = text.toLowerCase()
  const index = name.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(name)) : -1
  return index >= 0 ? index + 1 : undefined
}

/** Reads a date input with the GOV.UK error messages, naming the date as `label` ("Date of birth"). */
export function parseDateParts(parts: DateParts, label: string): DatePartsResult {
  const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }
  const missing = PART_NAMES.filter((name) => trimmed[name] === '')
  if (missing.length === PART_NAMES.length) return { kind: 'empty' }
  if (missing.length > 0) return { kind: 'error', message: `${label} must include a ${missing.join(' and ')}`, parts: missing }

  const month = monthNumber(trimmed.month)
  const notNumbers = PART_NAMES.filter((name) => (name === 'month' ? month === undefined : !/^\d+$/.test(trimmed[name])))
  if (notNumbers.length > 0) return { kind: 'error', message: `${label} must be a real date`, parts: notNumbers }
  if (trimmed.year.length !== 4) return { kind: 'error', message: 'Year must include 4 numbers', parts: ['year'] }

  const [day, year] = [Number(trimmed.day), Number(trimmed.year)]
  if (year < EARLIEST_YEAR) return { kind: 'error', message: `${label} must be after ${EARLIEST_YEAR}`, parts: ['year'] }
  if (month! < 1 || month! > 12) return { kind: 'error', message: `${label} must be a real date`, parts: ['month'] }
  if (!isRealDate(year, month!, day)) return { kind: 'error', message: `${label} must be a real date`, parts: ['day'] }
  return { kind: 'date', iso: formatIsoDate({ year, month: month!, day }) }
}

/** The id of one box of a date input whose day box has the id `id`. */
export function datePartId(id: string, part: DatePart): string {
  return part === 'day' ? id : `${id}-${part}`
}
