import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { storeContent } from '../../src/db/content-repository'
import { appDatabase } from '../../src/db/database'
import { BUNDLED_COUNTY_CALENDAR } from '../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { BUNDLED_CONTENT_VERSION } from '../../src/domain/default-content/version'
import type { Term } from '../../src/domain/school-calendar'
import TermDatesPage from '../../src/pages/settings/TermDatesPage.vue'
import { leicestershire2025to26 } from '../unit/domain/leicestershire-2025-26'
import { mountPage, settle } from './mount-page'

// Test data only: a 2026/27 year for the county to have published (the app ships no term dates).
const COUNTY_2026_27: Term[] = [
  { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-19', end: '2026-10-30' } },
  { name: 'Spring 2027', start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' } },
  { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
]
// Test data only: an academy's own first term.
const OWN_TERM: Term = { name: 'Autumn term', start: '2025-09-03', end: '2025-12-17', halfTerm: { start: '2025-10-27', end: '2025-10-31' } }

/** The content held on the device (newer than the bundled copy), its county calendar holding `terms`. */
async function deviceContentWithCountyTerms(terms: Term[]): Promise<void> {
  const version = BUNDLED_CONTENT_VERSION.replace(/\d+$/, (revision) => String(Number(revision) + 1))
  await storeContent(appDatabase(), { ...defaultContent, version, countyCalendar: { terms, bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays } })
}

const storedCalendar = async () => (await appDatabase().settings.get('schoolCalendar'))?.value
const openPage = () => mountPage(TermDatesPage, '/settings/term-dates', (page) => page.find('form').exists())
const checked = (page: VueWrapper, id: string) => (page.find(`#${id}`).element as HTMLInputElement).checked

async function fillDate(page: VueWrapper, id: string, [day, month, year]: [string, string, string]) {
  await page.find(`#${id}`).setValue(day)
  await page.find(`#${id}-month`).setValue(month)
  await page.find(`#${id}-year`).setValue(year)
}

async function save(page: VueWrapper) {
  await page.find('form').trigger('submit')
  await settle()
}

beforeEach(async () => {
  await appDatabase().settings.clear()
  await appDatabase().content.clear()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('term dates: which calendar', () => {
  it('counts a new device with the county calendar and, while the local authority has published no terms, says what deadlines count', async () => {
    const page = await openPage()
    expect(page.find('legend').text()).toBe('Which term dates should deadlines be counted with?')
    expect(page.findAll('.govuk-radios__item').map((item) => [item.find('label').text(), item.find('.govuk-hint').text()])).toEqual([
      ['The county calendar', 'The term dates the local authority publishes for maintained schools. Most maintained schools use them.'],
      ['Your setting’s own term dates', 'For academies and other settings whose terms differ.'],
    ])
    expect(checked(page, 'source')).toBe(true)
    expect(checked(page, 'source-2')).toBe(false)
    expect(page.find('[data-testid="county-terms"]').text()).toContain(
      'The local authority has not published the county term dates yet. Until it does, deadlines count weekdays less bank holidays and your INSET days, and say so.',
    )
    expect(page.find('table').exists()).toBe(false)
    expect(page.find('#term-0-start').exists()).toBe(false)
  })

  it('shows the county terms the content holds, by school year and in order', async () => {
    // Published out of order: the page puts them in order.
    await deviceContentWithCountyTerms([...COUNTY_2026_27, ...leicestershire2025to26.terms!])
    const page = await openPage()
    const tables = page.findAll('[data-testid="county-terms"] table').map((table) => [
      table.find('caption').text(),
      ...table.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()).join(' | ')),
    ])
    expect(tables).toEqual([
      [
        '2025 to 2026',
        'Autumn 2025 | 1 September 2025 | 19 December 2025 | 20 October 2025 to 24 October 2025',
        'Spring 2026 | 5 January 2026 | 27 March 2026 | 16 February 2026 to 20 February 2026',
        'Summer 2026 | 13 April 2026 | 22 July 2026 | 26 May 2026 to 29 May 2026',
      ],
      [
        '2026 to 2027',
        'Autumn 2026 | 3 September 2026 | 18 December 2026 | 19 October 2026 to 30 October 2026',
        'Spring 2027 | 4 January 2027 | 25 March 2027 | 15 February 2027 to 19 February 2027',
        'Summer 2027 | 12 April 2027 | 21 July 2027 | None',
      ],
    ])
    expect(page.find('[data-testid="county-terms"]').text()).toContain(
      'Deadlines that fall after 21 July 2027 are worked out when the local authority publishes the next term dates.',
    )
  })

  it('shows the own-terms form once chosen, and saves the setting’s own terms', async () => {
    const page = await openPage()
    await page.find('#source-2').setValue(true)
    expect(page.find('[data-testid="county-terms"]').exists()).toBe(false)
    await fillDate(page, 'term-0-start', ['3', '9', '2025'])
    await fillDate(page, 'term-0-end', ['17', '12', '2025'])
    await fillDate(page, 'term-0-half-start', ['27', '10', '2025'])
    await fillDate(page, 'term-0-half-end', ['31', '10', '2025'])
    await fillDate(page, 'term-1-start', ['5', '1', '2026'])
    await fillDate(page, 'term-1-end', ['27', '3', '2026'])
    await fillDate(page, 'term-2-start', ['13', '4', '2026'])
    await fillDate(page, 'term-2-end', ['22', '7', '2026'])
    await save(page)

    expect(await storedCalendar()).toEqual({
      source: 'setting',
      terms: [
        OWN_TERM,
        { name: 'Spring term', start: '2026-01-05', end: '2026-03-27' },
        { name: 'Summer term', start: '2026-04-13', end: '2026-07-22' },
      ],
      insetDays: [],
    })
    expect(page.find('#term-dates-saved').text()).toContain(
      'Deadlines are now counted with your setting’s term dates (Autumn term to Summer term) and bank holidays.',
    )
    expect(document.activeElement?.id).toBe('term-dates-saved')
  })

  it('keeps the own terms stored when a setting moves to the county calendar, so that switching back loses nothing', async () => {
    await deviceContentWithCountyTerms([...leicestershire2025to26.terms!])
    // Stored before the choice existed: own terms and no source.
    await appDatabase().settings.put({ key: 'schoolCalendar', value: { terms: [OWN_TERM], insetDays: ['2025-09-01'] } })
    let page = await openPage()
    expect(checked(page, 'source-2')).toBe(true)
    expect((page.find('#term-0-start').element as HTMLInputElement).value).toBe('3')

    await page.find('#source').setValue(true)
    expect(page.find('#term-0-start').exists()).toBe(false)
    await save(page)
    expect(await storedCalendar()).toEqual({ source: 'county', terms: [OWN_TERM], insetDays: ['2025-09-01'] })
    expect(page.find('#term-dates-saved').text()).toContain(
      'Deadlines are now counted with the county calendar for 2025 to 2026, your INSET days and bank holidays.',
    )

    await page.find('#source-2').setValue(true)
    expect(page.find('#term-dates-saved').exists()).toBe(false)
    expect(page.findAll('fieldset.app-card > legend').map((legend) => legend.text())).toEqual(['Autumn term'])
    expect(['#term-0-start', '#term-0-end', '#term-0-half-start'].map((id) => (page.find(id).element as HTMLInputElement).value)).toEqual(['3', '17', '27'])

    page.unmount()
    page = await openPage()
    expect(checked(page, 'source')).toBe(true)
  })

  it('does not keep own terms typed and then not chosen', async () => {
    const page = await openPage()
    await page.find('#source-2').setValue(true)
    await fillDate(page, 'term-0-start', ['3', '9', '2025'])
    await page.find('#source').setValue(true)
    await save(page)
    expect(await storedCalendar()).toEqual({ source: 'county', terms: [], insetDays: [] })
    expect(page.find('#term-dates-saved').text()).toContain(
      'Deadlines are now counted with the county calendar. The local authority has not published its term dates yet, so until it does deadlines count weekdays less bank holidays.',
    )
  })
})

describe('term dates: errors', () => {
  it('checks only the INSET days with the county calendar, keeping what was typed', async () => {
    const page = await openPage()
    const addInset = page.findAll('button').find((button) => button.text() === 'Add an INSET day')!
    await addInset.trigger('click')
    await addInset.trigger('click')
    await fillDate(page, 'inset-1', ['30', '2', '2026'])
    await save(page)

    const links = page.findAll('.govuk-error-summary a').map((link) => [link.attributes('href'), link.text()])
    expect(links).toEqual([
      ['#inset-0', 'Enter the INSET day 1'],
      ['#inset-1', 'INSET day 2 must be a real date'],
    ])
    expect(page.find('#inset-1-error').text()).toContain('INSET day 2 must be a real date')
    expect((page.find('#inset-1').element as HTMLInputElement).value).toBe('30')
    expect(document.activeElement?.classList.contains('govuk-error-summary')).toBe(true)
    expect(document.title).toMatch(/^Error: Term dates/)
    expect(await storedCalendar()).toBeUndefined()
  })

  it('links each problem to the term it is about, with the message beside that term’s field', async () => {
    const page = await openPage()
    await page.find('#source-2').setValue(true)
    await fillDate(page, 'term-0-start', ['1', '9', '2025'])
    await fillDate(page, 'term-0-end', ['19', '12', '2025'])
    await fillDate(page, 'term-1-start', ['5', '1', '2026'])
    await fillDate(page, 'term-1-end', ['27', '3', '2026'])
    await fillDate(page, 'term-1-half-start', ['16', '4', '2026'])
    await fillDate(page, 'term-1-half-end', ['20', '4', '2026'])
    await fillDate(page, 'term-2-start', ['20', '3', '2026'])
    await fillDate(page, 'term-2-end', ['22', '7', '2026'])
    await save(page)
    const links = page.findAll('.govuk-error-summary a').map((link) => [link.attributes('href'), link.text()])
    expect(links).toEqual([
      ['#term-1-half-start', 'Spring term: the half term must fall inside the term'],
      ['#term-2-start', 'Spring term and Summer term overlap'],
    ])
    expect(page.find('#term-1-half-start-error').text()).toContain('the half term must fall inside the term')
    expect(page.find('#term-2-start-error').text()).toContain('overlap')
    expect(page.find('#term-0-start-error').exists()).toBe(false)

    // The county calendar has none of these fields: its summary does not link to them.
    await page.find('#source').setValue(true)
    expect(page.find('.govuk-error-summary').exists()).toBe(false)
    expect(await storedCalendar()).toBeUndefined()
  })
})
