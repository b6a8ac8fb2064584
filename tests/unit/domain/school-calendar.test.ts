import { describe, expect, it } from 'vitest'
import { BUNDLED_COUNTY_CALENDAR } from '../../../src/domain/default-content/county-calendar'
import { formatIsoDate, parseIsoDate } from '../../../src/domain/dates'
import {
  governingBoardDuty, permanentExclusionDeadlines, suspensionDates, suspensionDays, suspensionTotals, yearLimit, type SuspensionLength, type SuspensionTotals,
} from '../../../src/domain/exclusion-rules'
import { leicestershire2025to26 } from './leicestershire-2025-26'
import {
  calendarBasis, calendarDescription, termsBySchoolYear, calendarExplanation, isReached, isSchoolDay, nthSchoolDay, schoolDaysAfter, schoolDaysBetween, termProblems, type Reached, type SchoolCalendar,
} from '../../../src/domain/school-calendar'

const BANK_HOLIDAYS = BUNDLED_COUNTY_CALENDAR.bankHolidays

const d = (iso: string) => parseIsoDate(iso)!
const iso = (date: Reached) => (isReached(date) ? formatIsoDate(date) : date)
const record = (startDate: string, days: number) => ({ startDate: d(startDate), days })
/** Totals with the pupil's days in one term, for the board's duty. */
const inOneTerm = (days: number): SuspensionTotals => ({
  terms: [{ name: 'Autumn 2026', from: d('2026-09-03'), to: d('2026-12-18'), confirmed: true, days }],
  years: [],
  outsideTermDates: 0,
  othersOutsideTermDates: 0,
})

// Test data only: a made-up setting's year (the app ships no term dates; settings enter their own).
const withTerms: SchoolCalendar = {
  bankHolidays: BANK_HOLIDAYS,
  terms: [
    { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-19', end: '2026-10-30' } },
    { name: 'Spring 2027', start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' } },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21', halfTerm: { start: '2027-05-31', end: '2027-06-04' } },
  ],
  insetDays: ['2026-11-09', '2027-01-04'],
}
const weekdaysOnly: SchoolCalendar = { bankHolidays: BANK_HOLIDAYS }

describe('the 6th school day', () => {
  it.each([
    ['across a weekend', weekdaysOnly, '2026-11-05', '2026-11-12'],
    ['starting on a Saturday', weekdaysOnly, '2026-11-07', '2026-11-16'],
    ['across a half term', withTerms, '2026-10-15', '2026-11-05'],
    ['across an INSET day', withTerms, '2026-11-05', '2026-11-13'],
    ['across Christmas, with term dates (and an INSET day on the first day back)', withTerms, '2026-12-16', '2027-01-07'],
    ['across Christmas bank holidays, without term dates', weekdaysOnly, '2026-12-23', '2027-01-04'],
    ['across the Easter bank holidays, without term dates', weekdaysOnly, '2027-03-24', '2027-04-02'],
    ['across the Easter holiday, with term dates', withTerms, '2027-03-22', '2027-04-13'],
  ])('%s: from %s (%s) is %s', (_name, calendar, start, sixth) => {
    expect(iso(nthSchoolDay(calendar, d(start as string), 6))).toBe(sixth)
  })
})

describe('school days', () => {
  it.each([
    ['2026-11-07', false, 'a Saturday'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-10-20', false, 'half term'],
    ['2026-11-09', false, 'an INSET day'],
    ['2026-08-31', false, 'the August bank holiday, out of term'],
    ['2026-11-10', true, 'a Tuesday in term'],
  ])('%s is a school day: %s (%s)', (date, expected) => {
    expect(isSchoolDay(withTerms, d(date as string))).toBe(expected)
  })

  it('counts only weekdays less bank holidays until term dates are confirmed, and says which', () => {
    expect(isSchoolDay(weekdaysOnly, d('2026-10-20'))).toBe(true)
    expect(calendarBasis(weekdaysOnly)).toBe('weekdays-and-bank-holidays')
    expect(calendarBasis(withTerms)).toBe('term-dates')
  })

  it.each<[string, SchoolCalendar, string]>([
    ['term dates and INSET days', withTerms, 'Your setting’s term dates (Autumn 2026 to Summer 2027), INSET days and bank holidays'],
    ['terms entered out of order, no INSET days', { bankHolidays: BANK_HOLIDAYS, terms: [withTerms.terms![1]!, withTerms.terms![0]!] }, 'Your setting’s term dates (Autumn 2026 to Spring 2027) and bank holidays'],
    ['one term', { bankHolidays: BANK_HOLIDAYS, terms: [withTerms.terms![0]!], insetDays: [] }, 'Your setting’s term dates (Autumn 2026) and bank holidays'],
    // 27 characters before the name and 19 after: a name of 154 makes 200, the most sent.
    ['a term name of 154 characters', { bankHolidays: BANK_HOLIDAYS, terms: [{ ...withTerms.terms![0]!, name: 'A'.repeat(154) }] }, `Your setting’s term dates (${'A'.repeat(154)}) and bank holidays`],
    ['a term name of 155 characters, too long to send', { bankHolidays: BANK_HOLIDAYS, terms: [{ ...withTerms.terms![0]!, name: 'A'.repeat(155) }] }, 'Your setting’s term dates and bank holidays'],
    ['no term dates', weekdaysOnly, 'Weekdays less bank holidays: your setting’s term dates had not been added, so school holidays were not taken off'],
  ])('describes the calendar counted with: %s', (_name, calendar, text) => {
    expect(calendarDescription(calendar)).toBe(text)
  })

  it('counts between dates, and after a date not counting it', () => {
    expect(schoolDaysBetween(withTerms, d('2026-10-12'), d('2026-11-06'))).toBe(10)
    expect(iso(schoolDaysAfter(withTerms, d('2026-11-05'), 15))).toBe('2026-11-27')
  })

  it('checks term dates as entered', () => {
    expect(termProblems(withTerms.terms!)).toEqual([])
    expect(termProblems([
      { name: 'Autumn', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-12-20', end: '2026-12-22' } },
      { name: 'Spring', start: '2026-12-01', end: '2026-11-01' },
    ])).toEqual([
      { term: 0, field: 'half-start', message: 'Autumn: the half term must fall inside the term' },
      { term: 1, field: 'start', message: 'Autumn and Spring overlap' },
      { term: 1, field: 'end', message: 'Spring: the last day must be after the first' },
    ])
  })
})

describe('which calendar deadlines were counted with', () => {
  const county = (terms: SchoolCalendar['terms'], insetDays: string[] = ['2025-09-01']): SchoolCalendar => ({ bankHolidays: BANK_HOLIDAYS, terms, insetDays, source: 'county' })
  const countyTerms = leicestershire2025to26.terms!
  // Test data only: one term in each school year from 2025 to 2026 on, `years` of them.
  const termsInYears = (years: number) =>
    Array.from({ length: years }, (_, index) => ({ name: `Autumn ${2025 + index}`, start: `${2025 + index}-09-03`, end: `${2025 + index}-12-18` }))
  const COUNTY_TERM_DATES = 'Counted in school days from the county calendar the local authority publishes, your INSET days and bank holidays.'
  const COUNTY_NO_INSET = 'Counted in school days from the county calendar the local authority publishes and bank holidays.'
  const OWN_TERM_DATES = 'Counted in school days from your setting’s term dates, INSET days and bank holidays.'

  it.each<[string, SchoolCalendar, string, string]>([
    ['county, one school year, INSET days', county(countyTerms), 'The county calendar for 2025 to 2026, your INSET days and bank holidays', COUNTY_TERM_DATES],
    ['county, one school year, no INSET days', county(countyTerms, []), 'The county calendar for 2025 to 2026 and bank holidays', COUNTY_NO_INSET],
    ['county, two school years, published out of order', county([...withTerms.terms!, ...countyTerms]), 'The county calendar for 2025 to 2026 and 2026 to 2027, your INSET days and bank holidays', COUNTY_TERM_DATES],
    ['county, three school years', county(termsInYears(3), []), 'The county calendar for 2025 to 2026, 2026 to 2027 and 2027 to 2028 and bank holidays', COUNTY_NO_INSET],
    // 24 characters before the years and 35 after; 10 years take 141: 200, the most sent.
    [
      'county, ten school years',
      county(termsInYears(10)),
      'The county calendar for 2025 to 2026, 2026 to 2027, 2027 to 2028, 2028 to 2029, 2029 to 2030, 2030 to 2031, 2031 to 2032, 2032 to 2033, 2033 to 2034 and 2034 to 2035, your INSET days and bank holidays',
      COUNTY_TERM_DATES,
    ],
    ['county, eleven school years, too long to send', county(termsInYears(11)), 'The county calendar, your INSET days and bank holidays', COUNTY_TERM_DATES],
    // Without INSET days 18 characters after the years: 11 years (155) still fit, 12 (169) do not.
    ['county, twelve school years, no INSET days, too long to send', county(termsInYears(12), []), 'The county calendar and bank holidays', COUNTY_NO_INSET],
    [
      'county, no terms published',
      county([]),
      'Weekdays less bank holidays: the county term dates had not been published, so school holidays were not taken off',
      'Counted in weekdays less bank holidays, because the local authority has not published the county term dates yet: school holidays are not taken off.',
    ],
    ['the setting’s own terms', { ...withTerms, source: 'setting' }, 'Your setting’s term dates (Autumn 2026 to Summer 2027), INSET days and bank holidays', OWN_TERM_DATES],
    ['own terms, the source not said', withTerms, 'Your setting’s term dates (Autumn 2026 to Summer 2027), INSET days and bank holidays', OWN_TERM_DATES],
    [
      'the setting’s own terms, none entered',
      { bankHolidays: BANK_HOLIDAYS, terms: [], insetDays: ['2026-11-09'], source: 'setting' },
      'Weekdays less bank holidays: your setting’s term dates had not been added, so school holidays were not taken off',
      'Counted in weekdays less bank holidays, because your setting’s term dates have not been added: school holidays are not taken off.',
    ],
  ])('%s', (_name, calendar, description, explanation) => {
    expect(calendarDescription(calendar)).toBe(description)
    expect(calendarExplanation(calendar)).toBe(explanation)
  })
})

describe('a suspension’s dates', () => {
  it.each<[string, SuspensionLength, string, string, boolean, string | undefined]>([
    ['one day', { unit: 'days', amount: 1 }, '2026-11-05', '2026-11-06', false, undefined],
    ['five days, across a weekend', { unit: 'days', amount: 5 }, '2026-11-11', '2026-11-12', false, undefined],
    ['six days: full-time education from the 6th day', { unit: 'days', amount: 6 }, '2026-11-12', '2026-11-13', false, '2026-11-12'],
    ['a lunchtime (one session): back that afternoon', { unit: 'sessions', amount: 1 }, '2026-11-05', '2026-11-05', true, undefined],
    ['three sessions: back the afternoon of the second day', { unit: 'sessions', amount: 3 }, '2026-11-06', '2026-11-06', true, undefined],
  ])('%s', (_name, length, lastDay, returnsOn, afternoon, fullTime) => {
    const dates = suspensionDates(weekdaysOnly, record('2026-11-05', suspensionDays(length)))
    expect([iso(dates.lastDay), iso(dates.returnsOn), dates.returnsAfternoon, dates.fullTimeEducationFrom && iso(dates.fullTimeEducationFrom)]).toEqual([lastDay, returnsOn, afternoon, fullTime])
  })
})

describe('suspension totals', () => {
  const lastYear = record('2026-07-01', 10)
  const september = record('2026-09-20', 3)
  const november = record('2026-11-05', 4)
  const january = record('2027-01-12', 2)
  const brief = (totals: SuspensionTotals) => ({
    terms: totals.terms.map((term) => [term.name, term.confirmed, term.days]),
    years: totals.years.map((year) => [year.name, year.days]),
    outside: [totals.outsideTermDates, totals.othersOutsideTermDates],
  })

  it('adds up this term and this school year, across terms but not across years', () => {
    expect(brief(suspensionTotals(withTerms, november, [lastYear, september, january]))).toEqual({
      terms: [['Autumn 2026', true, 7]], years: [['2026 to 2027', 9]], outside: [0, 0],
    })
    expect(brief(suspensionTotals(withTerms, january, [lastYear, september, november]))).toEqual({
      terms: [['Spring 2027', true, 2]], years: [['2026 to 2027', 9]], outside: [0, 0],
    })
  })

  it('approximates the term by calendar months without confirmed term dates, and says so', () => {
    expect(brief(suspensionTotals(weekdaysOnly, november, [lastYear, september, january]))).toEqual({
      terms: [['Autumn term 2026', false, 7]], years: [['2026 to 2027', 9]], outside: [0, 0],
    })
  })

  it.each([[44, 'within'], [45, 'reached'], [46, 'exceeded']] as const)('%i days in the year: %s the 45-day limit', (days, limit) => {
    expect(yearLimit({ years: [{ name: '2026 to 2027', from: d('2026-09-01'), to: d('2027-08-31'), confirmed: true, days }] })).toBe(limit)
  })
})

describe('the governing board’s duty', () => {
  const notice = d('2026-11-05')
  it.each([
    [5, false, 'representations-only', undefined],
    [6, false, 'consider-if-representations', '2027-02-01'],
    [15, false, 'consider-if-representations', '2027-02-01'],
    [16, false, 'must-consider', '2026-11-27'],
    [2, true, 'must-consider', '2026-11-27'],
  ] as const)('%i days in the term, public exam missed %s: %s by %s', (termDays, exam, kind, by) => {
    const duty = governingBoardDuty(withTerms, notice, inOneTerm(termDays), exam)
    expect(duty.kind).toBe(kind)
    expect('by' in duty ? iso(duty.by) : undefined).toBe(by)
  })

  it('says why the board must meet', () => {
    expect(governingBoardDuty(withTerms, notice, inOneTerm(2), true)).toMatchObject({ because: 'public-exam-missed' })
    expect(governingBoardDuty(withTerms, notice, inOneTerm(16), true)).toMatchObject({ because: 'over-15-days-in-term', term: 'Autumn 2026' })
  })
})

describe('when the term dates entered stop short', () => {
  const autumnOnly: SchoolCalendar = { bankHolidays: BANK_HOLIDAYS, terms: [withTerms.terms![0]!] }
  it('says so rather than guess or fail', () => {
    const duty = governingBoardDuty(autumnOnly, d('2026-11-05'), inOneTerm(8), false)
    expect(duty).toEqual({ kind: 'consider-if-representations', within: 50, by: 'outside-term-dates', term: 'Autumn 2026' })
    expect(permanentExclusionDeadlines(autumnOnly, d('2026-12-16'), d('2026-12-16')).localAuthorityEducationFrom).toBe('outside-term-dates')
  })
})

describe('outside what the calendar covers', () => {
  it('does not move a start before the first term entered into the next term', () => {
    expect(() => nthSchoolDay(withTerms, d('2026-07-14'), 3)).toThrow(/outside the term dates entered/)
  })

  it('does not count past the years whose bank holidays are known', () => {
    expect(() => nthSchoolDay(weekdaysOnly, d('2028-12-22'), 3)).toThrow(/outside/)
  })
})

describe('totals count each day where it falls', () => {
  it('splits a suspension running over Christmas between the terms', () => {
    const totals = suspensionTotals(withTerms, record('2027-01-05', 11), [record('2026-12-14', 10)])
    expect([totals.terms.map((term) => [term.name, term.days]), totals.years.map((year) => year.days)]).toEqual([[['Spring 2027', 16]], [21]])
    expect(governingBoardDuty(withTerms, d('2027-01-05'), totals, false).kind).toBe('must-consider')
  })
})

describe('permanent exclusion deadlines', () => {
  it('gives the local authority’s 6th day, the board’s 15 days, and the parents’ 15 days after the board', () => {
    const deadlines = permanentExclusionDeadlines(withTerms, d('2026-11-05'), d('2026-11-05'), d('2026-11-25'))
    expect([iso(deadlines.localAuthorityEducationFrom), iso(deadlines.boardConsiderBy), iso(deadlines.independentReviewBy!), deadlines.basis]).toEqual([
      '2026-11-13', '2026-11-27', '2026-12-16', 'term-dates',
    ])
  })

  it('differs without confirmed term dates, and says so', () => {
    const deadlines = permanentExclusionDeadlines(weekdaysOnly, d('2026-11-05'), d('2026-11-05'))
    expect([iso(deadlines.localAuthorityEducationFrom), deadlines.independentReviewBy, deadlines.basis]).toEqual(['2026-11-12', undefined, 'weekdays-and-bank-holidays'])
  })
})

describe('termsBySchoolYear', () => {
  it('groups terms by the school year each starts in, years and terms in date order, whatever order they came in', () => {
    // Test data only.
    const spring = { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-25' }
    const autumn = { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18' }
    const summerBefore = { name: 'Summer 2026', start: '2026-04-13', end: '2026-07-22' }
    expect(termsBySchoolYear([spring, summerBefore, autumn])).toEqual([
      { year: '2025 to 2026', terms: [summerBefore] },
      { year: '2026 to 2027', terms: [autumn, spring] },
    ])
    expect(termsBySchoolYear([])).toEqual([])
  })
})
