import { afterEach, describe, expect, it, vi } from 'vitest'
import TermDatesPage from '../../src/pages/settings/TermDatesPage.vue'
import { mountPage, settle } from './mount-page'

afterEach(() => {
  document.body.innerHTML = ''
})

async function fillDate(page: Awaited<ReturnType<typeof mountPage>>, id: string, [day, month, year]: [string, string, string]) {
  await page.find(`#${id}`).setValue(day)
  await page.find(`#${id}-month`).setValue(month)
  await page.find(`#${id}-year`).setValue(year)
}

describe('term dates', () => {
  it('links each problem to the term it is about, with the message beside that term’s field', async () => {
    const page = await mountPage(TermDatesPage, '/settings/term-dates')
    await vi.waitFor(() => expect(page.find('#term-2-end').exists()).toBe(true))
    await fillDate(page, 'term-0-start', ['1', '9', '2025'])
    await fillDate(page, 'term-0-end', ['19', '12', '2025'])
    await fillDate(page, 'term-1-start', ['5', '1', '2026'])
    await fillDate(page, 'term-1-end', ['27', '3', '2026'])
    await fillDate(page, 'term-1-half-start', ['16', '4', '2026'])
    await fillDate(page, 'term-1-half-end', ['20', '4', '2026'])
    await fillDate(page, 'term-2-start', ['20', '3', '2026'])
    await fillDate(page, 'term-2-end', ['22', '7', '2026'])
    await page.find('form').trigger('submit')
    await settle()
    const links = page.findAll('.govuk-error-summary a').map((link) => [link.attributes('href'), link.text()])
    expect(links).toEqual([
      ['#term-1-half-start', 'Spring term: the half term must fall inside the term'],
      ['#term-2-start', 'Spring term and Summer term overlap'],
    ])
    expect(page.find('#term-1-half-start-error').text()).toContain('the half term must fall inside the term')
    expect(page.find('#term-2-start-error').text()).toContain('overlap')
    expect(page.find('#term-0-start-error').exists()).toBe(false)
  })
})
