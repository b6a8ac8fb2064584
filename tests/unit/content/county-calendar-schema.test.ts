import { describe, expect, it } from 'vitest'
import { checkContent, type Content, type CountyCalendar } from '../../../src/domain/content-schema'
import { countyCalendarOf } from '../../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../../src/domain/default-content/default-content'
import type { Term } from '../../../src/domain/school-calendar'

// DOMAIN.md: England and Wales bank holidays, 2025 to 2027.
const BANK_HOLIDAYS = [
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
]

// Test data only: a Leicestershire-pattern year (the county's exact dates are not confirmed, DOMAIN.md).
const AUTUMN: Term = { name: 'Autumn 2025', start: '2025-09-01', end: '2025-12-19', halfTerm: { start: '2025-10-20', end: '2025-10-24' } }
const SPRING: Term = { name: 'Spring 2026', start: '2026-01-05', end: '2026-03-27', halfTerm: { start: '2026-02-16', end: '2026-02-20' } }
const SUMMER: Term = { name: 'Summer 2026', start: '2026-04-13', end: '2026-07-22', halfTerm: { start: '2026-05-26', end: '2026-05-29' } }
const NEXT_AUTUMN: Term = { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18' }

const withCalendar = (countyCalendar: unknown) => checkContent({ ...defaultContent, countyCalendar })
const calendar = (terms: unknown[], bankHolidays: unknown = BANK_HOLIDAYS) => ({ terms, bankHolidays })

describe('the county calendar in the content', () => {
  it.each<[string, unknown]>([
    ['one school year', calendar([AUTUMN, SPRING, SUMMER])],
    ['two school years, published out of order', calendar([NEXT_AUTUMN, SUMMER, AUTUMN, SPRING])],
    ['no terms yet', calendar([])],
    ['no bank holidays', calendar([AUTUMN], [])],
  ])('accepts %s', (_name, countyCalendar) => {
    expect(withCalendar(countyCalendar)).toEqual({ ok: true, content: { ...defaultContent, countyCalendar } })
  })

  it.each<[string, unknown, string[]]>([
    ['a term without a name', calendar([{ ...AUTUMN, name: '  ' }]), ['countyCalendar.terms.0.name: enter the name of the term']],
    [
      'a first day that is not a real date',
      calendar([{ ...AUTUMN, start: '2025-09-31' }]),
      ['countyCalendar.terms.0.start: a real date written YYYY-MM-DD'],
    ],
    ['a half term day that is not a real date', calendar([{ ...AUTUMN, halfTerm: { start: '2025-10-20', end: '2025-10-32' } }]), ['countyCalendar.terms.0.halfTerm.end: a real date written YYYY-MM-DD']],
    ['a last day before the first', calendar([{ name: 'Autumn 2025', start: '2025-12-19', end: '2025-09-01' }]), ['countyCalendar.terms.0.end: Autumn 2025: the last day must be after the first']],
    [
      'a half term outside its term',
      calendar([AUTUMN, { ...SPRING, halfTerm: { start: '2026-03-30', end: '2026-04-03' } }]),
      ['countyCalendar.terms.1.halfTerm: Spring 2026: the half term must fall inside the term'],
    ],
    ['terms that overlap', calendar([{ ...AUTUMN, end: '2026-01-09' }, SPRING]), ['countyCalendar.terms.1.start: Autumn 2025 and Spring 2026 overlap']],
    [
      'a term past 31 August',
      calendar([AUTUMN, SPRING, { ...SUMMER, end: '2026-09-02' }]),
      ['countyCalendar.terms.2.end: Summer 2026: a term must end by 31 August, the end of its school year'],
    ],
    ['two terms with one name, whatever the case', calendar([AUTUMN, { ...SPRING, name: 'autumn 2025' }]), ['countyCalendar.terms.1.name: there is already a term called autumn 2025']],
    ['a bank holiday that is not a real date', calendar([AUTUMN], ['2025-02-29']), ['countyCalendar.bankHolidays.0: a real date written YYYY-MM-DD']],
    ['a bank holiday listed twice', calendar([AUTUMN], ['2025-12-25', '2025-12-26', '2025-12-25']), ['countyCalendar.bankHolidays.2: 2025-12-25 is listed twice']],
    ['no list of bank holidays', { terms: [AUTUMN] }, ['countyCalendar.bankHolidays: Invalid input: expected array, received undefined']],
    ['no list of terms', { bankHolidays: BANK_HOLIDAYS }, ['countyCalendar.terms: Invalid input: expected array, received undefined']],
  ])('refuses %s, saying so at its place', (_name, countyCalendar, problems) => {
    expect(withCalendar(countyCalendar)).toEqual({ ok: false, problems })
  })

  it('is bundled with the bank holidays and no terms: the county’s dates are not confirmed', () => {
    expect(checkContent(defaultContent)).toEqual({ ok: true, content: defaultContent })
    expect(countyCalendarOf(defaultContent)).toEqual({ terms: [], bankHolidays: BANK_HOLIDAYS })
  })

  it('is the bundled one for content published before the county calendar was content', () => {
    const { countyCalendar: _bundled, ...older } = defaultContent
    const checked = checkContent(older)
    expect(checked).toEqual({ ok: true, content: older })
    expect(countyCalendarOf((checked as { content: Content }).content)).toEqual<CountyCalendar>({ terms: [], bankHolidays: BANK_HOLIDAYS })
    expect(countyCalendarOf(undefined)).toEqual<CountyCalendar>({ terms: [], bankHolidays: BANK_HOLIDAYS })
  })
})
