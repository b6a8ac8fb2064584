import { describe, expect, it } from 'vitest'
import { ageOn, formatLongDate, localToday, parseIsoDate } from '../../../src/domain/dates'

const date = (iso: string) => parseIsoDate(iso)!

describe('parseIsoDate', () => {
  it.each([
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2026-08-31', { year: 2026, month: 8, day: 31 }],
    ['2023-02-29', undefined],
    ['2026-09-31', undefined],
    ['2026-13-01', undefined],
    ['2026-00-10', undefined],
    ['26-08-31', undefined],
    ['2026-8-31', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected)
  })
})

describe('ageOn', () => {
  it.each([
    ['2022-08-31', '2026-08-31', 4, 'birthday on the day'],
    ['2022-09-01', '2026-08-31', 3, 'birthday the day after'],
    ['2008-02-29', '2027-02-28', 18, 'leap-day birthday, non-leap year, day before 1 March'],
    ['2008-02-29', '2027-03-01', 19, 'leap-day birthday counts from 1 March'],
    ['2008-02-29', '2028-02-29', 20, 'leap-day birthday in a leap year'],
    ['2026-11-23', '2026-11-23', 0, 'born today'],
    ['2026-11-24', '2026-11-23', -1, 'not born yet'],
  ])('born %s, on %s: %i (%s)', (born, on, expected) => {
    expect(ageOn(date(born), date(on))).toBe(expected)
  })
})

describe('formatting', () => {
  it('writes dates the GOV.UK way', () => {
    expect(formatLongDate(date('2026-08-31'))).toBe('31 August 2026')
  })
  it('takes today from the device’s local calendar', () => {
    expect(localToday(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23')
  })
})
