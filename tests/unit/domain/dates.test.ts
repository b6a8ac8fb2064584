import { describe, expect, it } from 'vitest'
import { addDaysToIsoDate, ageOn, compareIsoText, formatClockTime, formatDateTime, formatLongDate, hoursAndMinutes, localToday, parseIsoDate, ukDate, ukDayStart } from '../../../src/domain/dates'

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

describe('compareIsoText', () => {
  it.each([
    ['2026-08-31', '2026-09-01', -1, 'the last day of a school year before the first of the next'],
    ['2026-12-31', '2027-01-01', -1, 'across a new year'],
    ['2027-01-01', '2026-12-31', 1, 'a later year first'],
    ['2026-10-09', '2026-10-10', -1, 'a single digit day before a double digit one'],
    ['2026-09-01', '2026-09-01', 0, 'the same day'],
    ['09:30', '13:00', -1, 'morning before afternoon'],
    ['16:00', '09:30', 1, 'afternoon after morning'],
  ])('%s against %s is %i (%s)', (a, b, expected) => {
    expect(compareIsoText(a, b)).toBe(expected)
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
  it.each([
    ['2026-08-31', '31 August 2026'],
    ['2027-01-01', '1 January 2027'],
    ['2028-02-29', '29 February 2028'],
    ['2026-03-09', '9 March 2026'],
    ['2026-04-30', '30 April 2026'],
    ['2026-05-25', '25 May 2026'],
    ['2026-06-01', '1 June 2026'],
    ['2026-07-22', '22 July 2026'],
    ['2026-09-03', '3 September 2026'],
    ['2026-10-26', '26 October 2026'],
    ['2026-11-02', '2 November 2026'],
    ['2026-12-25', '25 December 2026'],
  ])('writes %s the GOV.UK way: %s', (iso, expected) => {
    expect(formatLongDate(date(iso))).toBe(expected)
  })
  it.each([
    [[9, 5, 3], '9:05:03'],
    [[0, 0, 0], '0:00:00'],
    [[12, 30, 0], '12:30:00'],
    [[23, 59, 59], '23:59:59'],
  ] as const)('writes the time %j on the device’s clock as en-GB does: %s', ([hours, minutes, seconds], expected) => {
    expect(formatClockTime(new Date(2026, 7, 31, hours, minutes, seconds))).toBe(expected)
  })
  it.each([
    [[2026, 7, 31, 9, 5], '31 August 2026 at 09:05'],
    [[2027, 0, 1, 0, 0], '1 January 2027 at 00:00'],
    [[2026, 11, 25, 23, 59], '25 December 2026 at 23:59'],
    [[2028, 1, 29, 12, 30], '29 February 2028 at 12:30'],
  ] as const)('writes the moment %j on the device’s clock as en-GB does: %s', ([year, monthIndex, day, hours, minutes], expected) => {
    expect(formatDateTime(new Date(year, monthIndex, day, hours, minutes))).toBe(expected)
  })
  it.each([
    [0, 0, '00:00'],
    [9, 5, '09:05'],
    [12, 30, '12:30'],
    [23, 59, '23:59'],
    [1, 0, '01:00'],
  ] as const)('writes %i hours and %i minutes as %s', (hours, minutes, expected) => {
    expect(hoursAndMinutes(hours, minutes)).toBe(expected)
  })
  it('takes today from the device’s local calendar', () => {
    expect(localToday(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23')
  })
})

describe('the UK’s day, whatever the machine’s time zone', () => {
  it.each([
    ['2026-12-02T23:59:59.999Z', '2026-12-02', 'winter: UK time is UTC'],
    ['2026-06-30T22:59:59.999Z', '2026-06-30', 'summer: 23:59 in the UK'],
    ['2026-06-30T23:00:00.000Z', '2026-07-01', 'summer: midnight in the UK is 23:00 UTC'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29', 'the night the clocks go forward, before 01:00 UTC'],
    ['2026-10-24T23:30:00.000Z', '2026-10-25', 'the night the clocks go back: still summer time'],
  ])('at %s it is %s in the UK (%s)', (moment, expected) => {
    expect(ukDate(new Date(moment))).toBe(expected)
  })

  it.each([
    ['2026-12-02', '2026-12-02T00:00:00.000Z', 'winter'],
    ['2026-07-01', '2026-06-30T23:00:00.000Z', 'summer'],
    ['2026-03-29', '2026-03-29T00:00:00.000Z', 'the clocks go forward at 01:00 UTC that day: its midnight is still GMT'],
    ['2026-03-30', '2026-03-29T23:00:00.000Z', 'the first whole day of summer time'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z', 'the clocks go back at 01:00 UTC that day: its midnight is still BST'],
    ['2026-10-26', '2026-10-26T00:00:00.000Z', 'the first whole day of winter time'],
  ])('the UK day %s starts at %s (%s)', (day, expected) => {
    expect(ukDayStart(day)).toBe(expected)
  })

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-30', 3, '2026-12-03'],
  ])('%s and %i days is %s', (from, days, expected) => {
    expect(addDaysToIsoDate(from, days)).toBe(expected)
  })
})
