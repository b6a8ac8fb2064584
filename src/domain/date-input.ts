import { formatIsoDate, isRealDate } from './dates'

/** What a user typed into a GOV.UK date input: three free-text boxes. */
export interface DateParts {
  day: string
  month: string
  year: string
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' }

export type DatePartsResult = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'error'; message: string }

const PART_NAMES = ['day', 'month', 'year'] as const

/** Reads a date input with the GOV.UK error messages, naming the date as `label` ("Date of birth"). */
export function parseDateParts(parts: DateParts, label: string): DatePartsResult {
  const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }
  const missing = PART_NAMES.filter((name) => trimmed[name] === '')
  if (missing.length === PART_NAMES.length) return { kind: 'empty' }
  if (missing.length > 0) return { kind: 'error', message: `${label} must include a ${missing.join(' and ')}` }
  if (!PART_NAMES.every((name) => /^\d+$/.test(trimmed[name]))) {
    return { kind: 'error', message: `${label} must be a real date` }
  }
  if (trimmed.year.length !== 4) return { kind: 'error', message: 'Year must include 4 numbers' }
  const [day, month, year] = [Number(trimmed.day), Number(trimmed.month), Number(trimmed.year)]
  if (!isRealDate(year, month, day)) return { kind: 'error', message: `${label} must be a real date` }
  return { kind: 'date', iso: formatIsoDate({ year, month, day }) }
}
