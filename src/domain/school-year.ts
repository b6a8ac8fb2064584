import { ageOn, type CalendarDate } from './dates'

/**
 * Year groups in England. A child's chronological year group is fixed by their age on
 * 31 August at the start of the school year: reception is 4 on that day, year 1 is 5,
 * and so on to year 13 at 17.
 */
export const YEAR_GROUPS = [
  'nursery', 'reception', 'year-1', 'year-2', 'year-3', 'year-4', 'year-5', 'year-6',
  'year-7', 'year-8', 'year-9', 'year-10', 'year-11', 'year-12', 'year-13',
] as const
export type YearGroup = (typeof YEAR_GROUPS)[number]

const RECEPTION_AGE = 4

export function yearGroupLabel(group: YearGroup): string {
  if (group === 'nursery') return 'Nursery (below reception)'
  if (group === 'reception') return 'Reception'
  return `Year ${yearNumber(group)}`
}

/** Reception is 0, nursery -1, year 1 is 1, ... year 13 is 13. */
export function yearNumber(group: YearGroup): number {
  return YEAR_GROUPS.indexOf(group) - 1
}

/** The 31 August on which the current school year's year groups were fixed. */
export function startOfSchoolYearCutOff(today: CalendarDate): CalendarDate {
  const schoolYearStarted = today.month >= 9
  return { year: schoolYearStarted ? today.year : today.year - 1, month: 8, day: 31 }
}

/** The school year containing today, as "2026 to 2027". */
export function schoolYearLabel(today: CalendarDate): string {
  const start = startOfSchoolYearCutOff(today).year
  return `${start} to ${start + 1}`
}

export interface ChronologicalYear {
  /** Age on the 31 August that fixed this school year's groups. */
  ageOnCutOff: number
  /** Year number on the same scale as yearNumber: -1 and below are before reception. */
  yearNumber: number
  /** The named group, or undefined when the child is past year 13 or younger than nursery. */
  group: YearGroup | undefined
}

export function chronologicalYear(dateOfBirth: CalendarDate, today: CalendarDate): ChronologicalYear {
  const ageOnCutOff = ageOn(dateOfBirth, startOfSchoolYearCutOff(today))
  const number = ageOnCutOff - RECEPTION_AGE
  const group = number >= -1 && number <= 13 ? YEAR_GROUPS[number + 1] : undefined
  return { ageOnCutOff, yearNumber: number, group }
}

export interface DateRange {
  from: CalendarDate
  to: CalendarDate
}

/** The school year containing today: 1 September to 31 August. */
export function schoolYearRange(today: CalendarDate): DateRange {
  const start = startOfSchoolYearCutOff(today).year
  return { from: { year: start, month: 9, day: 1 }, to: { year: start + 1, month: 8, day: 31 } }
}

/**
 * The term containing today by calendar months only: autumn September to December, spring
 * January to March, summer April to August. Real term dates differ by setting and year:
 * this serves only where no term dates are known, and must be labelled as approximate.
 */
export function approximateTermRange(today: CalendarDate): DateRange & { name: 'autumn' | 'spring' | 'summer' } {
  const { year, month } = today
  if (month >= 9) return { name: 'autumn', from: { year, month: 9, day: 1 }, to: { year, month: 12, day: 31 } }
  if (month <= 3) return { name: 'spring', from: { year, month: 1, day: 1 }, to: { year, month: 3, day: 31 } }
  return { name: 'summer', from: { year, month: 4, day: 1 }, to: { year, month: 8, day: 31 } }
}
