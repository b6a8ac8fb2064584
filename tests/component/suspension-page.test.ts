import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptySuspension, type SuspensionDraft } from '../../src/domain/suspension-notice'
import SuspensionPage from '../../src/pages/exclusions/SuspensionPage.vue'
import { useCalendarStore } from '../../src/stores/calendar'
import { useVaultStore } from '../../src/stores/vault'
import { leicestershire2025to26 } from '../unit/domain/leicestershire-2025-26'
import { mountPage, mountWithProps } from './mount-page'

const date = (iso: string) => {
  const [year, month, day] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year! }
}

/** A suspension notice saved in the vault, with the term dates of a Leicestershire 2025/26 year entered. */
async function openNotice(change: (draft: SuspensionDraft) => void) {
  await mountPage({ template: '<div />' })
  const vault = useVaultStore()
  const { appDatabase } = await import('../../src/db/database')
  await appDatabase().keyring.clear()
  await appDatabase().secureRecords.clear()
  await vault.refresh()
  await vault.create('long enough passphrase')
  await useCalendarStore().save({ source: 'setting', terms: [...leicestershire2025to26.terms!], insetDays: [...leicestershire2025to26.insetDays!] })
  const draft = emptySuspension()
  draft.lengthUnit = 'days'
  draft.parentsNotified.date = date('2025-12-19')
  change(draft)
  await (await vault.vault()).put({ id: 'notice-1', kind: 'suspension', status: 'draft' }, draft)
  return mountWithProps(SuspensionPage, '/exclusions/suspensions/notice-1', { noticeId: 'notice-1' }, (page) => page.find('[data-testid="suspension-figures"]').exists())
}

/** The figures as "key: value" lines, one a row. */
const figures = (page: Awaited<ReturnType<typeof openNotice>>) =>
  page.findAll('[data-testid="suspension-figures"] .govuk-summary-list__row').map((row) => `${row.find('dt').text()}: ${row.find('dd').text().replace(/\s+/g, ' ')}`).join('\n')

beforeEach(() => {
  document.body.innerHTML = ''
})
afterEach(() => {
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
