import type { CalendarDate } from '../../domain/dates'
import { parsedLength, type SuspensionDraft } from '../../domain/exclusion-notice'
import { suspensionDates, type SuspensionDates } from '../../domain/exclusion-rules'
import { ifCalendarReaches, type SchoolCalendar } from '../../domain/school-calendar'

export { governingBoardDuty, suspensionTotals, yearLimit } from '../../domain/exclusion-rules'

/** The suspension's dates, or undefined when the term dates entered do not reach them. */
export function parsedLengthDates(calendar: SchoolCalendar, start: CalendarDate, draft: SuspensionDraft): SuspensionDates | undefined {
  return ifCalendarReaches(() => suspensionDates(calendar, start, parsedLength(draft)!))
}
