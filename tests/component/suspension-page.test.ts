import { setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { storeContent } from '../../src/db/content-repository'
import type { Content } from '../../src/domain/content-schema'
import { BUNDLED_COUNTY_CALENDAR } from '../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { BUNDLED_CONTENT_VERSION } from '../../src/domain/default-content/version'
import type { Term } from '../../src/domain/school-calendar'
import { emptySuspension, type SuspensionDraft } from '../../src/domain/suspension-notice'
import SuspensionPage from '../../src/pages/exclusions/SuspensionPage.vue'
import { useCalendarStore, type SettingCalendar } from '../../src/stores/calendar'
import { useContentStore } from '../../src/stores/content'
import { useVaultStore } from '../../src/stores/vault'
import { leicestershire2025to26 } from '../unit/domain/leicestershire-2025-26'
import { holdTermDates, mountPage, mountWithProps, unlockedAsSam } from './mount-page'

const date = (iso: string) => {
  const [year, month, day] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year! }
}

const OWN_LEICESTERSHIRE_TERMS: SettingCalendar = { source: 'setting', terms: [...leicestershire2025to26.terms!], insetDays: [...leicestershire2025to26.insetDays!] }
const COUNTY_WITH_INSET_DAYS: SettingCalendar = { source: 'county', terms: [], insetDays: [...leicestershire2025to26.insetDays!] }

// Test data only: the 2026/27 year the county publishes next (the app ships no term dates).
const COUNTY_2026_27: Term[] = [
  { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-19', end: '2026-10-30' } },
  { name: 'Spring 2027', start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' } },
  { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
]

/** Content published after the bundled copy (`later` versions on), its county calendar holding `terms`. */
const contentWithCountyTerms = (terms: Term[], later: number): Content => ({
  ...defaultContent,
  version: BUNDLED_CONTENT_VERSION.replace(/\d+$/, (revision) => String(Number(revision) + later)),
  countyCalendar: { terms, bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays },
})

/**
 * A suspension notice saved in the vault, counted with `calendar` (by default the term dates of
 * a Leicestershire 2025/26 year, entered as the setting's own); `countyTerms`: those of the content on the device.
 */
async function openNotice(change: (draft: SuspensionDraft) => void, calendar = OWN_LEICESTERSHIRE_TERMS, countyTerms: Term[] = []) {
  await saveNotice(change, calendar, countyTerms)
  // The first figures shown are already counted with the calendar (the county's terms come
  // with the content on the device): the page waits for it rather than showing "not known".
  return mountWithProps(SuspensionPage, '/exclusions/suspensions/notice-1', { noticeId: 'notice-1' }, (wrapper) => wrapper.find('[data-testid="suspension-figures"]').exists())
}

async function saveNotice(change: (draft: SuspensionDraft) => void, calendar: SettingCalendar, countyTerms: Term[]) {
  // This test's Pinia: earlier tests' stores, locking as this one unlocks, may make theirs active.
  const pinia = (await mountPage({ template: '<div />' })).vm.$pinia
  const { appDatabase } = await import('../../src/db/database')
  await appDatabase().content.clear()
  if (countyTerms.length > 0) await storeContent(appDatabase(), contentWithCountyTerms(countyTerms, 1))
  await unlockedAsSam()
  setActivePinia(pinia)
  await useCalendarStore(pinia).save(calendar)
  const draft = emptySuspension()
  draft.lengthUnit = 'days'
  draft.parentsNotified.date = date('2025-12-19')
  change(draft)
  await (await useVaultStore(pinia).vault()).put({ id: 'notice-1', kind: 'suspension', status: 'draft' }, draft)
  return pinia
}

/** The figures as "key: value" lines, one a row. */
const figures = (page: Awaited<ReturnType<typeof openNotice>>) =>
  page.findAll('[data-testid="suspension-figures"] .govuk-summary-list__row').map((row) => `${row.find('dt').text()}: ${row.find('dd').text().replace(/\s+/g, ' ')}`).join('\n')

beforeEach(() => {
  document.body.innerHTML = ''
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('a suspension across the end of a term', () => {
  it('counts each day in its own term, and the board’s duty follows the term the pupil goes over 15 days in', async () => {
    const page = await openNotice((draft) => Object.assign(draft, { startDate: date('2025-12-19'), lengthAmount: '17' }))
    const text = figures(page)
    expect(text).toContain('Suspended in Autumn 2025: 1 school day')
    expect(text).toContain('Suspended in Spring 2026: 16 school days')
    expect(text).toContain('Last day: 27 January 2026')
    expect(text).toContain('because the pupil is over 15 school days in Spring 2026')
    expect(text).not.toContain('No meeting is required')
  })

  it('shows what is known past the last term entered, and says which figures need the next term’s dates', async () => {
    const page = await openNotice((draft) => Object.assign(draft, { startDate: date('2026-07-15'), lengthAmount: '8' }))
    const text = figures(page)
    expect(text).toContain('Full-time education from: 22 July 2026')
    expect(text).toContain('Last day: Not known yet: it falls outside your term dates.')
    expect(text).toContain('Suspended in Summer 2026: 6 school days')
    expect(text).toContain('2 school days of this suspension fall outside your term dates')
    expect(page.find('[data-testid="board-duty"]').text()).toMatch(/^Not known yet: 2 school days/)
  })

  it('gives the last day when only the return falls after the term dates', async () => {
    const text = figures(await openNotice((draft) => Object.assign(draft, { startDate: date('2026-07-22'), lengthAmount: '1' })))
    expect(text).toContain('Last day: 22 July 2026')
    expect(text).toContain('Back in school: Not known yet')
  })
})

describe('the start of a suspension', () => {
  it('says which school day a suspension entered on a Saturday starts on', async () => {
    const page = await openNotice((draft) => Object.assign(draft, { startDate: date('2025-12-13'), lengthAmount: '1' }))
    expect(page.find('[data-testid="start-moved"]').text()).toContain('starts on the next school day, 15 December 2025')
  })

  it('counts an afternoon start as half of the first day, and the pupil back for the afternoon of the last', async () => {
    const page = await openNotice((draft) => Object.assign(draft, { startDate: date('2025-12-19'), lengthAmount: '1', startsAfternoon: true }))
    const text = figures(page)
    expect(text).toContain('Suspended in Autumn 2025: half a school day')
    expect(text).toContain('Suspended in Spring 2026: half a school day')
    expect(text).toContain('Back in school: The afternoon of 6 January 2026')
    expect(page.find('[data-testid="start-moved"]').exists()).toBe(false)
  })
})

describe('before sending', () => {
  it('asks for an explicit confirmation past 45 days, and names each incomplete earlier suspension', async () => {
    const page = await openNotice((draft) => {
      Object.assign(draft, { startDate: date('2026-01-12'), lengthAmount: '6' })
      draft.earlierSuspensions = [{ startDate: date('2025-09-08'), days: '40' }, { startDate: date('2025-10-06'), days: '' }]
    })
    expect(page.find('.govuk-warning-text').text()).toContain('over the 45-day limit')
    expect(page.find('#confirmedOverLimit').exists()).toBe(true)
    await page.find('form').trigger('submit')
    await vi.waitFor(() => expect(page.find('.govuk-error-summary').exists()).toBe(true))
    const summary = page.find('.govuk-error-summary').text()
    expect(summary).toContain('Confirm that you are sending a suspension that takes the pupil over 45 school days in the school year')
    expect(summary).toContain('Enter the school days of earlier suspension 2 as a number from 0.5 to 45, like 2 or 2.5')
    expect(page.find('#earlier-1-days-error').text()).toContain('earlier suspension 2')
    expect(page.find('#confirmedOverLimit-error').exists()).toBe(true)
  })
})

describe('counted with the county calendar', () => {
  const countyNotice = (start: string, days: string, notified = '2025-12-19') =>
    openNotice(
      (draft) => {
        Object.assign(draft, { startDate: date(start), lengthAmount: days })
        draft.parentsNotified.date = date(notified)
      },
      COUNTY_WITH_INSET_DAYS,
      [...leicestershire2025to26.terms!],
    )

  it('counts with the county terms the content holds and the setting’s INSET days, and says so', async () => {
    const page = await countyNotice('2025-12-19', '17')
    const text = figures(page)
    expect(text).toContain('Suspended in Autumn 2025: 1 school day')
    expect(text).toContain('Suspended in Spring 2026: 16 school days')
    expect(text).toContain('Last day: 27 January 2026')
    expect(page.find('[data-testid="calendar-basis"]').text()).toBe(
      'Counted in school days from the county calendar the local authority publishes, your INSET days and bank holidays.',
    )
  })

  it('shows no figures while the term dates are still being read, rather than “not known” for a moment', async () => {
    const pinia = await saveNotice((draft) => Object.assign(draft, { startDate: date('2025-12-19'), lengthAmount: '17' }), COUNTY_WITH_INSET_DAYS, [...leicestershire2025to26.terms!])
    const letRead = holdTermDates(pinia)
    const page = await mountWithProps(SuspensionPage, '/exclusions/suspensions/notice-1', { noticeId: 'notice-1' }, (wrapper) =>
      wrapper.text().includes('The local authority must be told on the day'),
    )
    expect(page.find('[data-testid="suspension-figures"]').exists()).toBe(false)
    letRead()
    await vi.waitFor(() => expect(figures(page)).toContain('Last day: 27 January 2026'))
  })

  it('waits for the next county year past the last county term, and works it out once it is published, without reloading', async () => {
    const page = await countyNotice('2026-07-15', '8', '2026-07-15')
    expect(figures(page)).toContain(
      'Last day: Not known yet: it falls after the county term dates published so far, and is worked out when the local authority publishes the next ones.',
    )
    expect(page.find('[data-testid="board-duty"]').text()).toMatch(/^Not known yet: 2 school days of this suspension fall after the county term dates published so far/)

    // The local authority publishes 2026/27; the device fetches it while the notice is open.
    const published = contentWithCountyTerms([...leicestershire2025to26.terms!, ...COUNTY_2026_27], 2)
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(published), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"next-year"' } }))
    expect(await useContentStore().refresh()).toBe('updated')

    // Wed 15 to Wed 22 Jul 2026 are 6 school days; the other 2 are Thu 3 and Fri 4 Sep 2026, the first of Autumn 2026.
    await vi.waitFor(() => expect(figures(page)).toContain('Last day: 4 September 2026'))
    const text = figures(page)
    expect(text).toContain('Back in school: 7 September 2026')
    expect(text).toContain('Suspended in Summer 2026: 6 school days')
    expect(text).toContain('Suspended in Autumn 2026: 2 school days')
    expect(text).not.toContain('Beyond the term dates')
    // 50 school days after Wed 15 Jul 2026: 5 to 22 Jul, then 45 from Thu 3 Sep (half term 19 to 30 Oct): Wed 18 Nov 2026.
    expect(page.find('[data-testid="board-duty"]').text()).toBe(
      'If the parents make representations, the board must consider reinstatement by 18 November 2026 (within 50 school days), because the pupil is over 5 school days in Summer 2026.',
    )
  })
})
