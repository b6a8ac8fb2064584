import { EMPTY_DATE, parseDateParts, type DateParts } from './date-input'
import type { FieldProblem } from './checked-payload'

/** When someone was told, as typed: a date and a 24-hour time. */
export interface Moment {
  date: DateParts
  time: string
}

export const emptyMoment = (): Moment => ({ date: { ...EMPTY_DATE }, time: '' })

/** ISO date and time with the device's offset on that day, as `offsetOf` gives it (the domain never reads the clock). */
export function momentIso(moment: Moment, label: string, field: string, problems: FieldProblem[], offsetOf: (isoDate: string) => string, required: boolean): string | undefined {
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
