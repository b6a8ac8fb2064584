import type { CalendarDate } from '../../domain/dates'
import {
  governingBoardDuty, suspensionDates, suspensionTotals, yearLimit, type BoardDuty, type SuspensionDates, type SuspensionRecord, type SuspensionTotals, type YearLimit,
} from '../../domain/exclusion-rules'
import type { SchoolCalendar } from '../../domain/school-calendar'

export interface SuspensionFigures {
  dates: SuspensionDates
  totals: SuspensionTotals
  limit: YearLimit
  duty: BoardDuty
}

/** Everything the suspension notice shows as it is typed, from the rules. */
export function suspensionFigures(
  calendar: SchoolCalendar,
  current: SuspensionRecord,
  others: readonly SuspensionRecord[],
  noticeDate: CalendarDate,
  missesPublicExam: boolean,
): SuspensionFigures {
  const totals = suspensionTotals(calendar, current, others)
  return { dates: suspensionDates(calendar, current), totals, limit: yearLimit(totals), duty: governingBoardDuty(calendar, noticeDate, totals, missesPublicExam) }
}
