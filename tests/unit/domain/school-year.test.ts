import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../../../src/domain/dates'
import { chronologicalYear, schoolYearLabel, startOfSchoolYearCutOff } from '../../../src/domain/school-year'

const date = (iso: string) => parseIsoDate(iso)!

describe('the 31 August that fixes the year groups', () => {
  it.each([
    ['2026-08-31', '2025-08-31', '2025 to 2026'],
    ['2026-09-01', '2026-08-31', '2026 to 2027'],
    ['2026-11-23', '2026-08-31', '2026 to 2027'],
    ['2027-01-01', '2026-08-31', '2026 to 2027'],
    ['2027-07-23', '2026-08-31', '2026 to 2027'],
  ])('on %s it is %s (%s)', (today, cutOff, label) => {
    expect(startOfSchoolYearCutOff(date(today))).toEqual(date(cutOff))
    expect(schoolYearLabel(date(today))).toBe(label)
  })
})

describe('chronological year group', () => {
  const today = '2026-11-23'
  it.each([
    ['2022-08-31', 'reception', 'a 31 August birthday: youngest in reception, at 4'],
    ['2022-09-01', 'nursery', 'a 1 September birthday waits a year'],
    ['2021-09-01', 'reception', 'oldest in reception'],
    ['2020-02-29', 'year-2', 'leap-day birthday'],
    ['2015-09-01', 'year-6', 'youngest-but-one boundary: year 6'],
    ['2015-08-31', 'year-7', 'year 7 at 11 on 31 August'],
    ['2010-09-01', 'year-11', 'year 11'],
    ['2010-08-31', 'year-12', 'year 12 at 16 on 31 August'],
    ['2009-08-31', 'year-13', 'year 13'],
    ['2008-08-31', undefined, 'past year 13'],
    ['2023-09-01', undefined, 'too young for nursery'],
  ] as [string, string | undefined, string][])('born %s: %s (%s)', (born, group) => {
    expect(chronologicalYear(date(born), date(today)).group).toBe(group)
  })

  it('moves up a year on 1 September, not before', () => {
    expect(chronologicalYear(date('2022-08-31'), date('2026-08-31')).group).toBe('nursery')
    expect(chronologicalYear(date('2022-08-31'), date('2026-09-01')).group).toBe('reception')
  })
})
