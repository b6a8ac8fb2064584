import { describe, expect, it } from 'vitest'
import { schoolYearOfTerm, termYearProblem, type Term } from '../../../src/domain/school-calendar'
import {
  compareLevels, describeThreshold, formatTenths, highSummary, isHigh, rateTenths, readRoll, readThreshold, thisTerm,
} from '../../../src/domain/suspension-levels'

describe('rate per 100 pupils, in tenths', () => {
  it.each([
    // suspensions, roll, tenths: worked by hand as suspensions / roll × 100, to 1 decimal place
    [9, 220, 41], // 4.0909… -> 4.1
    [1, 400, 3], // 0.25 -> 0.3 (half up)
    [3, 100, 30], // 3.0
    [0, 300, 0],
    [7, 3, 2333], // 233.33… -> 233.3
    [1, 800, 1], // 0.125 -> 0.1
  ])('%i suspensions on a roll of %i is %i tenths', (suspensions, roll, tenths) => {
    expect(rateTenths(suspensions, roll)).toBe(tenths)
  })

  it('is unknown without a roll', () => {
    expect(rateTenths(5, undefined)).toBeUndefined()
  })

  it.each([
    [41, '4.1'],
    [30, '3.0'],
    [3, '0.3'],
    [2333, '233.3'],
  ])('%i tenths reads %s', (tenths, text) => expect(formatTenths(tenths)).toBe(text))
})

describe('high levels', () => {
  it.each([
    // level, threshold, high
    [{ suspensions: 9, roll: 220 }, { rateTenths: 30 }, true], // 4.1 >= 3.0
    [{ suspensions: 6, roll: 200 }, { rateTenths: 30 }, true], // exactly 3.0: at the threshold counts
    [{ suspensions: 5, roll: 200 }, { rateTenths: 30 }, false], // 2.5
    [{ suspensions: 59, roll: 2000 }, { rateTenths: 30 }, true], // 2.95 shows as 3.0: compared as shown
    [{ suspensions: 8, roll: undefined }, { rateTenths: 30 }, false], // no roll, no count threshold
    [{ suspensions: 8, roll: undefined }, { rateTenths: 30, suspensions: 8 }, true],
    [{ suspensions: 7, roll: undefined }, { suspensions: 8 }, false],
    [{ suspensions: 40, roll: 1000 }, { suspensions: 8 }, false], // roll known: the count threshold does not apply
    [{ suspensions: 0, roll: 100 }, { rateTenths: 1 }, false],
    [{ suspensions: 9, roll: 220 }, {}, false], // no threshold set
  ])('%o against %o is high: %s', (level, threshold, high) => {
    expect(isHigh(level, threshold)).toBe(high)
  })

  it('describes the threshold and why a setting is high', () => {
    expect(describeThreshold({})).toEqual([])
    expect(describeThreshold({ rateTenths: 30, suspensions: 1 })).toEqual([
      '3.0 or more suspensions per 100 pupils in a term',
      '1 or more suspension in a term, where the setting’s roll is not entered',
    ])
    expect(highSummary({ suspensions: 9, roll: 220 }, { rateTenths: 30 })).toBe('9 suspensions this term, 4.1 per 100 pupils (threshold 3.0)')
    expect(highSummary({ suspensions: 6 }, { suspensions: 5 })).toBe('6 suspensions this term, roll not entered (threshold 5 suspensions)')
  })
})

describe('the threshold form', () => {
  it.each([
    [{ rate: '3.5', count: '' }, { rateTenths: 35 }, {}],
    [{ rate: ' 3 ', count: '5' }, { rateTenths: 30, suspensions: 5 }, {}],
    [{ rate: '', count: '' }, {}, {}],
    [{ rate: 'three', count: '' }, {}, { rate: 'Enter the rate as a number, like 3.5' }],
    [{ rate: '3.25', count: '' }, {}, { rate: 'Enter the rate to 1 decimal place at most, like 3.5' }],
    [{ rate: '0', count: '' }, {}, { rate: 'The rate must be between 0.1 and 1000.0' }],
    [{ rate: '1000.1', count: '' }, {}, { rate: 'The rate must be between 0.1 and 1000.0' }],
    [{ rate: '', count: '2.5' }, {}, { count: 'Enter the number of suspensions as a whole number, like 5' }],
    [{ rate: '', count: '0' }, {}, { count: 'The number of suspensions must be between 1 and 10,000' }],
  ])('%o reads as %o with problems %o', (typed, threshold, problems) => {
    expect(readThreshold(typed)).toEqual({ threshold, problems })
  })
})

describe('a roll as typed', () => {
  it.each([
    ['420', { roll: 420 }],
    [' 1,250 ', { roll: 1250 }],
    ['', { problem: 'Enter the number of pupils on roll' }],
    ['about 400', { problem: 'The number of pupils on roll must be a whole number, like 420' }],
    ['0', { problem: 'The number of pupils on roll must be between 1 and 10,000' }],
    ['10001', { problem: 'The number of pupils on roll must be between 1 and 10,000' }],
  ])('%s', (typed, result) => expect(readRoll(typed)).toEqual(result))
})

describe('this term, from the county terms', () => {
  const terms: Term[] = [
    { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } },
    { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
  ]
  it.each([
    ['2026-11-16', 'in-term', 'Autumn 2026'],
    ['2026-10-28', 'in-term', 'Autumn 2026'], // half term is inside the term
    ['2026-09-03', 'in-term', 'Autumn 2026'],
    ['2026-12-18', 'in-term', 'Autumn 2026'],
    ['2026-12-25', 'holiday', 'Autumn 2026'], // a later term is entered
    ['2027-04-01', 'holiday', 'Spring 2027'],
    ['2027-08-20', 'holiday', 'Summer 2027'], // summer holiday, same school year
  ])('on %s it is %s: %s', (today, kind, name) => {
    const found = thisTerm(terms, today)
    expect(found.kind).toBe(kind)
    expect(found.kind !== 'none' && found.term.name).toBe(name)
  })

  it.each([
    ['2026-09-01'], // before any term entered
    ['2027-09-06'], // a new school year with no terms entered
  ])('on %s no term is known', (today) => {
    expect(thisTerm(terms, today)).toEqual({ kind: 'none' })
  })

  it('finds none with no terms', () => expect(thisTerm([], '2026-11-16')).toEqual({ kind: 'none' }))

  it('keeps a term within its school year', () => {
    expect(termYearProblem({ name: 'Summer 2027', start: '2027-04-12', end: '2027-08-31' })).toBeUndefined()
    expect(termYearProblem({ name: 'Summer 2027', start: '2027-04-12', end: '2027-09-01' })).toBe('Summer 2027: a term must end by 31 August, the end of its school year')
    expect(schoolYearOfTerm('2027-04-12')).toBe('2026 to 2027')
    expect(schoolYearOfTerm('2026-09-03')).toBe('2026 to 2027')
  })
})

describe('the order of the levels page', () => {
  it('puts high first, then the highest rate, then the most suspensions, then the name', () => {
    const levels = [
      { name: 'Birch', suspensions: 2, roll: 100, high: false }, // 2.0
      { name: 'Ash', suspensions: 9, roll: 220, high: true }, // 4.1
      { name: 'Cedar', suspensions: 12, roll: undefined, high: true },
      { name: 'Alder', suspensions: 2, roll: 100, high: false }, // 2.0, name before Birch
      { name: 'Elm', suspensions: 5, roll: undefined, high: false },
    ]
    expect([...levels].sort(compareLevels).map((level) => level.name)).toEqual(['Ash', 'Cedar', 'Alder', 'Birch', 'Elm'])
  })
})
