import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, getActivePinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, ref } from 'vue'
import { useAutosave } from '../../src/composables/useAutosave'
import { emptyForumCase, type ForumCaseDraft } from '../../src/domain/forum-case'
import CaseSectionPage from '../../src/pages/cases/CaseSectionPage.vue'
import CheckAnswersPage from '../../src/pages/cases/CheckAnswersPage.vue'
import { useCasesStore } from '../../src/stores/cases'
import { useVaultStore } from '../../src/stores/vault'
import { mountWithProps, onceOtherTabsHeardOfTheLock, unlockedAsSam } from './mount-page'

let caseId: string

async function unlockedWithCase(): Promise<void> {
  await unlockedAsSam()
  const draft = emptyForumCase('primary')
  draft.caseType = 'anonymous'
  caseId = await useCasesStore().create(draft)
}

/** A named case with the consent section as `consent` leaves it. */
async function namedCase(consent: Partial<ForumCaseDraft['consent']> = {}): Promise<string> {
  const draft = emptyForumCase('primary')
  draft.caseType = 'named'
  draft.consent = { ...draft.consent, ...consent }
  return useCasesStore().create(draft)
}

const checkAnswersLoaded = (page: VueWrapper) => page.find('.govuk-summary-list').exists()
const saveStatus = (page: VueWrapper) => page.find('[data-testid="save-status"]').text()

/** Autosave writes AUTOSAVE_DELAY_MS after the last change: the page says so (the draft is on disk) within half a second of it. */
async function saved(page: VueWrapper): Promise<void> {
  expect(saveStatus(page)).toBe('Saving…')
  await vi.waitFor(() => expect(saveStatus(page)).toMatch(/^Saved on this device at /), { timeout: 500 })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  await unlockedWithCase()
}, 30_000)
afterEach(() => {
  document.body.innerHTML = ''
})

describe('a case section', () => {
  it('saves what is typed to the encrypted store within half a second, and says so', async () => {
    const page = await mountWithProps(CaseSectionPage, `/cases/x/behaviour`, { caseId, section: 'behaviour' })
    expect(page.find('label[for="behaviourInSetting"]').text()).toBe('How the child behaves in the setting')
    await page.find('textarea').setValue('Leaves the classroom several times a day.')
    expect(page.find('[data-testid="save-status"]').text()).toBe('Saving…')
    await saved(page)
    const stored = await (await useVaultStore().vault()).get<{ behaviourInSetting: string }>(caseId)
    expect(stored?.data.behaviourInSetting).toBe('Leaves the classroom several times a day.')
  })

  it('loads nothing while the app is locked, and no error escapes: the lock screen has the page’s place', async () => {
    const pinia = getActivePinia()!
    let autosave!: ReturnType<typeof useAutosave<ForumCaseDraft>>
    mount(defineComponent({ setup: () => ((autosave = useAutosave<ForumCaseDraft>(ref(caseId), 'forum-case')), () => null) }), { global: { plugins: [pinia] } })
    await vi.waitFor(() => expect(autosave.state.value).toBe('saved'))
    // As after a submit: the page reads the case again just as the app locks.
    await onceOtherTabsHeardOfTheLock(() => useVaultStore().lock())
    await expect(autosave.reload()).resolves.toBeUndefined()
    expect(autosave.state.value).toBe('loading')
  })

  it('adds and removes strategies, each with its own labelled fields', async () => {
    const page = await mountWithProps(CaseSectionPage, `/cases/x/strategies`, { caseId, section: 'strategies' })
    await page.find('button.govuk-button--secondary').trigger('click')
    await vi.waitFor(() => expect(page.find('legend').text()).toBe('Strategy 1'))
    expect(page.find('label[for="strategy-0-description"]').text()).toBe('What the strategy or support is')
    expect(page.findAll('button').map((button) => button.text())).toContain('Add another strategy')
    await page.findAll('button').find((button) => button.text() === 'Remove strategy 1')!.trigger('click')
    expect(page.findAll('fieldset legend').map((legend) => legend.text())).not.toContain('Strategy 1')
  })

  it('never keeps a name once a case is made anonymous', async () => {
    const page = await mountWithProps(CaseSectionPage, `/cases/x/about`, { caseId, section: 'about' })
    await page.find('#caseType').setValue(true) // Named
    await vi.waitFor(() => expect(page.find('#childName').exists()).toBe(true))
    await page.find('#childName').setValue('Alex Child')
    await page.find('#caseType-2').setValue(true) // Anonymous
    await vi.waitFor(() => expect(page.find('#childName').exists()).toBe(false))
    await saved(page)
    const stored = await (await useVaultStore().vault()).get<{ child: { name: string } }>(caseId)
    expect(stored?.data.child.name).toBe('')
  })
})

describe('check your answers', () => {
  it('lists every answer with a change link, and what stops it being sent, linked to the field', async () => {
    const page = await mountWithProps(CheckAnswersPage, `/cases/x/check`, { caseId }, checkAnswersLoaded)
    expect(page.find('h1').text()).toBe('Check your answers')
    const changeLinks = page.findAll('.govuk-summary-list__actions a')
    expect(changeLinks.length).toBeGreaterThan(10)
    expect(changeLinks[0]!.attributes('href')).toBe(`/cases/${caseId}/about#forum`)
    expect(changeLinks[0]!.text()).toBe('Change about the child: forum')

    await page.findAll('button').find((button) => button.text() === 'Submit case')!.trigger('click')
    await expect.poll(() => page.findAll('.govuk-error-summary a').map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['About the child: Select the child’s year group', `/cases/${caseId}/about?check=1#yearGroup`],
      ['The advice you want: Select at least one area of advice', `/cases/${caseId}/advice?check=1#adviceWanted`],
      ['About the child: Add your details in Settings: the case must say who it is from', '/settings/your-details'],
    ])
  })
})

describe('how consent was given', () => {
  it('reads on check your answers (and so on the printed case) in the words the user chose', async () => {
    const id = await namedCase({ how: 'in-person' })
    const consentPage = await mountWithProps(CaseSectionPage, `/cases/${id}/consent`, { caseId: id, section: 'consent' })
    const chosen = consentPage.find('#consentHow')
    expect(chosen.attributes('value')).toBe('in-person')
    const chosenLabel = consentPage.find('label[for="consentHow"]').text()
    consentPage.unmount()

    const check = await mountWithProps(CheckAnswersPage, `/cases/${id}/check`, { caseId: id }, checkAnswersLoaded)
    const howRow = check.findAll('#answers-consent ~ dl .govuk-summary-list__row').find((row) => row.find('dt').text() === 'How')!
    expect(howRow.find('.govuk-summary-list__value').text()).toBe(chosenLabel)
    expect(chosenLabel).toBe('In person')
  })
})

describe('a section reached from an error link on check your answers', () => {
  const messageOf = (page: VueWrapper, id: string) => page.find(`#${id}-error`).exists() ? page.find(`#${id}-error`).text() : undefined

  it('shows each problem beside its field and in a summary, and clears each as it is fixed', async () => {
    const id = await namedCase({ givenBy: 'Pat Parent', date: { day: '10', month: '', year: '' } })
    const page = await mountWithProps(CaseSectionPage, `/cases/${id}/consent?check=1#consentHow`, { caseId: id, section: 'consent' })
    await expect.poll(() => messageOf(page, 'consentHow')).toBe('Error: Select how consent was given')

    // Beside the field, tied to it for screen readers, with the error styling.
    const howGroup = page.find('#consentHow').element.closest('.govuk-form-group')!
    expect(howGroup.classList.contains('govuk-form-group--error')).toBe(true)
    expect(howGroup.querySelector('fieldset')!.getAttribute('aria-describedby')).toContain('consentHow-error')
    expect(messageOf(page, 'consentRelationship')).toBe('Error: Enter their relationship to the child')
    // A half-typed date marks only the boxes still to fill, and its link goes to the first of them.
    expect(messageOf(page, 'consentDate')).toBe('Error: Date consent was given must include a month and year')
    expect(['consentDate', 'consentDate-month', 'consentDate-year'].map((box) => page.find(`#${box}`).classes('govuk-input--error'))).toEqual([false, true, true])
    expect(messageOf(page, 'consentGivenBy')).toBeUndefined()

    expect(page.findAll('.govuk-error-summary a').map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['Date consent was given must include a month and year', '#consentDate-month'],
      ['Enter their relationship to the child', '#consentRelationship'],
      ['Select how consent was given', '#consentHow'],
    ])
    expect(document.title).toBe('Error: Forum case – Inclusion Companion')
    expect(document.activeElement?.id).toBe('consentHow')

    await page.find('#consentHow').setValue(true)
    await expect.poll(() => messageOf(page, 'consentHow')).toBeUndefined()
    expect(howGroup.classList.contains('govuk-form-group--error')).toBe(false)
    expect(page.findAll('.govuk-error-summary a')).toHaveLength(2)

    await page.find('#consentRelationship').setValue('Mother')
    await page.find('#consentDate-month').setValue('11')
    await page.find('#consentDate-year').setValue('2026')
    await expect.poll(() => page.find('.govuk-error-summary').exists()).toBe(false)
    expect(page.findAll('.govuk-error-message')).toHaveLength(0)
    expect(document.title).toBe('Forum case – Inclusion Companion')
  })

  it('shows no problems on the same section reached from the task list or a Change link', async () => {
    const id = await namedCase()
    const page = await mountWithProps(CaseSectionPage, `/cases/${id}/consent#consentHow`, { caseId: id, section: 'consent' })
    // Focus reaches the field once the page has loaded and checked the case: any problems would be showing by then.
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('consentHow'))
    expect(page.find('.govuk-error-summary').exists()).toBe(false)
    expect(page.findAll('.govuk-error-message')).toHaveLength(0)
  })
})
