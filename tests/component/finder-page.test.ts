import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import FinderPage from '../../src/pages/forums/FinderPage.vue'
import { mountPage, settle } from './mount-page'

/** The content comes from IndexedDB: on a busy machine that takes more than vi.waitFor's default second. */
const CONTENT_LOADED = { timeout: 10_000 }

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(2026, 10, 23, 10, 0))
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

/** The finder, asked about a school pupil born 31 August 2015 (year 7 in 2026 to 2027), with no EHCP. */
async function askForASecondaryPupil() {
  const page = await mountPage(FinderPage, '/which-forum', (page) => page.find('form').exists())
  await page.find('#setting-2').setValue(true) // School
  await page.find('#dateOfBirth').setValue('31')
  await page.find('#dateOfBirth-month').setValue('8')
  await page.find('#dateOfBirth-year').setValue('2015')
  await page.find('#hasEhcp-2').setValue(true) // No
  await page.find('form').trigger('submit')
  return page
}

describe('the forum finder', () => {
  it('lists every missing answer in an error summary that links to the field', async () => {
    const page = await mountPage(FinderPage, '/which-forum', (page) => page.find('form').exists())
    await page.find('form').trigger('submit')
    await settle()

    const links = page.findAll('.govuk-error-summary a')
    expect(links.map((link) => [link.attributes('href'), link.text()])).toEqual([
      ['#setting', 'Select the type of setting the child attends'],
      ['#dateOfBirth', 'Enter the child’s date of birth, or select their year group'],
      ['#hasEhcp', 'Select yes if the child has an education, health and care plan (EHCP)'],
    ])
    expect(document.activeElement?.classList.contains('govuk-error-summary')).toBe(true)
    expect(document.title).toMatch(/^Error: /)
    expect(page.find('#setting-error').text()).toContain('Select the type of setting')

    await links[0]!.trigger('click')
    expect(document.activeElement?.id).toBe('setting')
  })

  it('shows the GOV.UK message for a half-typed date and keeps what was typed', async () => {
    const page = await mountPage(FinderPage, '/which-forum', (page) => page.find('form').exists())
    await page.find('#dateOfBirth').setValue('31')
    await page.find('form').trigger('submit')
    await settle()
    expect(page.find('#dateOfBirth-error').text()).toContain('Date of birth must include a month and year')
    expect((page.find('#dateOfBirth').element as HTMLInputElement).value).toBe('31')
  })

  it('gives the forum, the reason and what to bring', async () => {
    const page = await askForASecondaryPupil()
    await settle()

    expect(page.find('.govuk-error-summary').exists()).toBe(false)
    const heading = page.find('#finder-result')
    expect(document.activeElement).toBe(heading.element)
    expect(page.text()).toContain('the child was 11 on 31 August 2026, so by age is in year 7')
    // The answer is drawn first; the forum's details and the links follow it a frame later.
    expect(page.find('.govuk-button-group').exists()).toBe(false)
    await vi.waitFor(() => expect(page.text()).toContain('What to bring'), CONTENT_LOADED)
    expect(page.text()).toContain('For a named case: the consent of the child’s parent or guardian')
    expect(page.find('.govuk-button-group').text()).toContain('Start a case for this forum')
    expect(page.text()).toContain('Worked out on 23 November 2026.')
    // The forum's name is content, read from IndexedDB.
    await vi.waitFor(() => expect(heading.text()).toBe('Secondary inclusion forum'), CONTENT_LOADED)
  })

  it('updates the details in place for the next answer, without hiding them for a frame', async () => {
    const page = await askForASecondaryPupil()
    await vi.waitFor(() => expect(page.text()).toContain('What to bring'), CONTENT_LOADED)

    await page.find('#dateOfBirth-year').setValue('2018') // 8 on 31 August 2026: year 4
    await page.find('form').trigger('submit')
    await settle()
    const readAbout = page.find('.govuk-button-group a.govuk-link')
    expect(readAbout.attributes('href')).toBe('/forums/primary')
    expect(page.text()).toContain('What to bring')
  })

  it('explains rather than guesses when the answers do not fit a forum', async () => {
    const page = await mountPage(FinderPage, '/which-forum', (page) => page.find('form').exists())
    await page.find('#setting').setValue(true) // Early years
    await page.find('#yearGroup').setValue('year-3')
    await page.find('#hasEhcp-2').setValue(true)
    await page.find('form').trigger('submit')
    await settle()
    expect(page.find('#finder-result').text()).toBe('No forum matches these answers')
    expect(page.text()).toContain('is of statutory school age')
  })
})
