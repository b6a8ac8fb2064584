import type { VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { emptyForumCase } from '../../src/domain/forum-case'
import CasePage from '../../src/pages/cases/CasePage.vue'
import CaseSectionPage from '../../src/pages/cases/CaseSectionPage.vue'
import CheckAnswersPage from '../../src/pages/cases/CheckAnswersPage.vue'
import { routes } from '../../src/router'
import { useCasesStore } from '../../src/stores/cases'
import { mountWithProps, unlockedAsSam } from './mount-page'

// The app with one more section in its table and its id in the router's list (a unit test
// keeps the two in step), and no other change: every page must pick it up.
vi.mock('../../src/domain/forum-case-sections', async (importOriginal) => {
  const table = await importOriginal<typeof import('../../src/domain/forum-case-sections')>()
  const { WORRIES_SECTION } = await import('../unit/domain/extra-section')
  return { ...table, CASE_SECTIONS: [...table.CASE_SECTIONS, WORRIES_SECTION] }
})
vi.mock('../../src/domain/case-section-ids', async (importOriginal) => {
  const ids = await importOriginal<typeof import('../../src/domain/case-section-ids')>()
  return { ...ids, CASE_SECTION_IDS: [...ids.CASE_SECTION_IDS, 'worries'] }
})

let caseId: string

beforeEach(async () => {
  setActivePinia(createPinia())
  await unlockedAsSam()
  caseId = await useCasesStore().create({ ...emptyForumCase('primary'), caseType: 'anonymous' })
}, 30_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const rowOf = (page: VueWrapper) => page.find('#answers-worries ~ dl .govuk-summary-list__row')

describe('a section added to the table', () => {
  it('has an address that opens the section page', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    const route = router.resolve(`/cases/${caseId}/worries`)
    expect(route.params).toEqual({ caseId, section: 'worries' })
    const load = route.matched.at(-1)?.components?.default as () => Promise<{ default: unknown }>
    expect((await load()).default).toBe(CaseSectionPage)
  })

  it('is on the task list, not yet started', async () => {
    const page = await mountWithProps(CasePage, `/cases/${caseId}`, { caseId }, (wrapper) => wrapper.find('.govuk-task-list').exists())
    const link = page.find(`a[href="/cases/${caseId}/worries"]`)
    expect(link.text()).toBe('Worries the child has shared')
    expect(page.find('#status-worries').text()).toBe('Not yet started')
  })

  it('has a page that asks for its answer and keeps it, and check your answers shows it with a Change link', async () => {
    const section = await mountWithProps(CaseSectionPage, `/cases/${caseId}/worries`, { caseId, section: 'worries' })
    expect(section.find('h1').text()).toBe('Worries the child has shared')
    expect(section.find('label[for="worries"]').text()).toBe('Worries the child has shared')
    await section.find('#worries').setValue('Being left out at lunch')
    await vi.waitFor(() => expect(section.find('[data-testid="save-status"]').text()).toMatch(/^Saved on this device at /))
    section.unmount()

    const check = await mountWithProps(CheckAnswersPage, `/cases/${caseId}/check`, { caseId }, (wrapper) => wrapper.find('.govuk-summary-list').exists())
    expect(check.find('#answers-worries').text()).toBe('Worries the child has shared')
    expect(rowOf(check).find('dt').text()).toBe('Answer')
    expect(rowOf(check).find('.govuk-summary-list__value').text()).toBe('Being left out at lunch')
    expect(rowOf(check).find('a').attributes('href')).toBe(`/cases/${caseId}/worries#worries`)
  })

  it('is checked before the case is sent, and its problem links to its page', async () => {
    const check = await mountWithProps(CheckAnswersPage, `/cases/${caseId}/check`, { caseId }, (wrapper) => wrapper.find('.govuk-summary-list').exists())
    expect(rowOf(check).find('.govuk-summary-list__value').text()).toBe('Not given')
    await check.findAll('button').find((button) => button.text() === 'Submit case')!.trigger('click')
    await vi.waitFor(() =>
      expect(check.findAll('.govuk-error-summary a').map((link) => [link.text(), link.attributes('href')])).toContainEqual([
        'Worries the child has shared: Enter the worries the child has shared',
        `/cases/${caseId}/worries?check=1#worries`,
      ]),
    )
  })
})
