import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils'
import { getActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { emptyForumCase, type ForumCaseDraft, type PlanProgress } from '../../src/domain/forum-case'
import type { EducationPlanRecord, ForumCasePayload } from '../../src/domain/submissions'
import CasePage from '../../src/pages/cases/CasePage.vue'
import CaseSectionPage from '../../src/pages/cases/CaseSectionPage.vue'
import CasesPage from '../../src/pages/cases/CasesPage.vue'
import CheckAnswersPage from '../../src/pages/cases/CheckAnswersPage.vue'
import type { SubmissionRequest } from '../../src/sync/enqueue'
import { FORUM_CASE, useCasesStore } from '../../src/stores/cases'
import { useOutboxStore } from '../../src/stores/outbox'
import { useStaffDetailsStore } from '../../src/stores/staff-details'
import { useVaultStore } from '../../src/stores/vault'
import { mountPage, mountWithProps, PASSPHRASE, unlockedAsSam, type ReceiptFixture } from './mount-page'

// Test data only: a made-up plan, child and reference. The device's date is Tuesday 5 January 2027.
const PLAN: EducationPlanRecord = {
  advice: ['best-endeavours', 'staff-training'],
  adviceNotes: 'Try the visual timetable for half a term before the review.',
  actions: [
    { id: 'visual-timetable', action: 'Visual timetable in class', who: 'Class teacher', byWhen: '2027-02-12' },
    { id: 'movement-breaks', action: 'Movement breaks twice a morning', who: 'Teaching assistant', byWhen: '2027-03-05' },
  ],
  reviewDate: '2027-03-19',
  recordedAt: '2026-12-15T15:20:00.000Z',
}

/** A named primary case the Inclusion Service has heard. */
function heardCase(changes: Partial<ForumCaseDraft> = {}): ForumCaseDraft {
  return Object.assign(emptyForumCase('primary'), {
    caseType: 'named', yearGroup: 'year-4', adviceWanted: ['staff-training'],
    child: { name: 'Alex Child', dateOfBirth: { day: '5', month: '5', year: '2017' }, upn: '' }, ...changes,
  })
}

// A case of its own in each test, and the Pinia its pages use.
let CASE_ID = ''
let pinia: Pinia

const receipt = (changes: Partial<ReceiptFixture> = {}): ReceiptFixture => ({
  id: `key-${CASE_ID}`, kind: 'forum-case', label: 'Forum case: Primary inclusion forum, named', reference: 'IC-000001', sentAt: Date.UTC(2026, 11, 1, 16),
  draftId: CASE_ID, status: 'plan-issued', planRecordedAt: PLAN.recordedAt, planStoredAt: PLAN.recordedAt, purgeAt: Date.UTC(2027, 11, 1), purged: false, ...changes,
})

/** Sam's profile unlocked, holding the case (sent), and Sam's receipts (by default the one for the case). */
async function withCase(draft: ForumCaseDraft, receipts: ReceiptFixture[] = [receipt()]): Promise<void> {
  await mountPage({ template: '<div />' })
  pinia = getActivePinia()!
  const { appDatabase } = await import('../../src/db/database')
  await appDatabase().enrolment.clear()
  await unlockedAsSam(receipts)
  await (await useVaultStore(pinia).vault()).put({ id: CASE_ID, kind: FORUM_CASE, status: 'sent' }, draft)
}

const storedCase = async () => (await (await useVaultStore(pinia).vault()).get<ForumCaseDraft>(CASE_ID))?.data
const openCase = () => mountWithProps(CasePage, `/cases/${CASE_ID}`, { caseId: CASE_ID }, (page) => page.find('.govuk-tag').exists())
const openPlan = () => mountWithProps(CasePage, `/cases/${CASE_ID}`, { caseId: CASE_ID }, (page) => page.find('[data-testid="issued-plan"]').exists())
const plan = (page: VueWrapper) => page.find('[data-testid="issued-plan"]')
const rowsOf = (list: ReturnType<VueWrapper['find']>) => list.findAll(':scope > .govuk-summary-list__row').map((row) => [row.find('dt').text(), row.find('dd').text()])
const action = (page: VueWrapper, id: string) => page.find(`[data-action="${id}"]`)
const saveStatus = (page: VueWrapper) => page.find('[data-testid="save-status"]').text()
const saved = (page: VueWrapper) => vi.waitFor(() => expect(saveStatus(page)).toMatch(/^Saved on this device at /), { timeout: 2_000 })

// A page left mounted would go on saving and reading after its test.
enableAutoUnmount(afterEach)

beforeEach(() => {
  CASE_ID = crypto.randomUUID()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(2027, 0, 5, 10, 0))
  document.body.innerHTML = ''
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  delete (navigator as { locks?: LockManager }).locks
  document.body.innerHTML = ''
})

describe('the education plan on the case page', () => {
  it('shows the advice given, each action with who does it and by when, and the review date', async () => {
    await withCase(heardCase({ issuedPlan: PLAN, planProgress: {} }))
    const page = await openPlan()
    expect(page.find('.govuk-tag').text()).toBe('Plan issued')
    expect(plan(page).find('h2').text()).toBe('Education plan from the Inclusion Service')
    expect(plan(page).find('h2 + p + p').text()).toBe('Recorded by the Inclusion Service on 15 December 2026.')
    const summary = plan(page).find('dl')
    expect(rowsOf(summary).map(([key]) => key)).toEqual(['Advice given', 'Notes on the advice', 'Review date'])
    expect(summary.findAll('li').map((item) => item.text())).toEqual(['Best endeavours and reasonable adjustments', 'Training available to support staff'])
    expect(rowsOf(summary).slice(1)).toEqual([
      ['Notes on the advice', 'Try the visual timetable for half a term before the review.'],
      ['Review date', '19 March 2027'],
    ])
    expect(page.find('[data-testid="review-due"]').exists()).toBe(false)

    const actions = plan(page).findAll('[data-action]').map((fieldset) => [fieldset.find('legend').text(), ...rowsOf(fieldset.find('dl')).map((row) => row.join(': '))])
    expect(actions).toEqual([
      ['Visual timetable in class', 'Who: Class teacher', 'By when: 12 February 2027'],
      ['Movement breaks twice a morning', 'Who: Teaching assistant', 'By when: 5 March 2027'],
    ])
    // The setting's own record of a plan is for cases heard before plans came to the device.
    expect(page.findAll('a').map((link) => link.text())).not.toContain('Record the education plan')
  })

  it('asks how far each action has got, in a fieldset named by the action, with nothing chosen yet', async () => {
    await withCase(heardCase({ issuedPlan: PLAN, planProgress: {} }))
    const page = await openPlan()
    const first = action(page, 'visual-timetable')
    expect(first.element.tagName).toBe('FIELDSET')
    expect(first.find('legend').text()).toBe('Visual timetable in class')
    expect(first.find('.govuk-radios').element.closest('fieldset')!.querySelector('legend')!.textContent).toBe('How far has it got?')
    expect(first.findAll('.govuk-radios__item').map((item) => item.find('label').text())).toEqual(['Done', 'In progress', 'Not done'])
    expect(first.findAll('input[type="radio"]').filter((input) => (input.element as HTMLInputElement).checked)).toHaveLength(0)
    expect(first.find('label[for="issued-visual-timetable-notes"]').text()).toBe('Notes on progress (optional)')
  })

  it('saves progress with the case as it is recorded, encrypted, and shows it when the case is opened again', async () => {
    await withCase(heardCase({ issuedPlan: PLAN, planProgress: {} }))
    const page = await openPlan()
    await action(page, 'movement-breaks').find('input[value="in-progress"]').setValue(true)
    await action(page, 'movement-breaks').find('textarea').setValue('Mornings only so far.')
    await action(page, 'visual-timetable').find('input[value="done"]').setValue(true)
    await saved(page)
    expect((await storedCase())?.planProgress).toEqual({
      'movement-breaks': { status: 'in-progress', notes: 'Mornings only so far.' },
      'visual-timetable': { status: 'done', notes: '' },
    })
    // The plan itself is kept as it came.
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)

    page.unmount()
    const again = await openPlan()
    expect((action(again, 'movement-breaks').find('input[value="in-progress"]').element as HTMLInputElement).checked).toBe(true)
    expect((action(again, 'movement-breaks').find('textarea').element as HTMLTextAreaElement).value).toBe('Mornings only so far.')
    expect((action(again, 'visual-timetable').find('input[value="done"]').element as HTMLInputElement).checked).toBe(true)
  })

  it('prints the plan alone: the rest of the case, the questions and the buttons are left out, the progress is in words', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    await withCase(heardCase({ issuedPlan: PLAN, planProgress: { 'movement-breaks': { status: 'in-progress', notes: 'Mornings only so far.' } } }))
    const page = await openPlan()
    const button = plan(page).findAll('button').find((each) => each.text() === 'Print the plan')!
    await button.trigger('click')
    expect(print).toHaveBeenCalledOnce()

    const printed = (element: Element) => !element.closest('.app-no-print')
    expect(printed(button.element)).toBe(false)
    expect(printed(plan(page).find('.govuk-radios').element)).toBe(false)
    expect(printed(page.find('.govuk-task-list').element)).toBe(false)
    expect(printed(page.find('.govuk-back-link').element)).toBe(false)
    expect(printed(page.find('[data-testid="save-status"]').element)).toBe(false)
    expect(printed(plan(page).element)).toBe(true)
    expect(page.findAll('[data-action] .app-print-only').map((line) => line.text())).toEqual([
      'Progress: Not updated yet',
      'Progress: In progress. Mornings only so far.',
    ])
    expect(plan(page).find('.app-print-only').text()).toBe('Case reference IC-000001. Printed 5 January 2027 at 10:00.')
  })

  it('prints the case page as it did before a plan came', async () => {
    await withCase(heardCase(), [receipt({ status: 'received', planRecordedAt: undefined, planStoredAt: undefined })])
    const page = await openCase()
    expect(page.find('[data-testid="issued-plan"]').exists()).toBe(false)
    expect(page.find('.app-no-print').exists()).toBe(false)
    expect(page.findAll('a').map((link) => link.text())).toContain('Record the education plan')
  })

  it('shows the plan read-only, with the notice, while the case is open elsewhere', async () => {
    await withCase(heardCase({ issuedPlan: PLAN, planProgress: {} }))
    // Another tab holds the case's edit lock.
    const held = `record:${CASE_ID}`
    Object.defineProperty(navigator, 'locks', {
      configurable: true,
      value: { request: (name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown) => Promise.resolve(callback(name === held ? null : ({ name } as Lock))) },
    })
    const page = await openPlan()
    expect(page.find('.govuk-notification-banner__heading').text()).toBe('This case is open in another tab or window.')
    expect(plan(page).find('fieldset.app-plain-fieldset').attributes('disabled')).toBeDefined()
    // Still printable.
    expect(plan(page).findAll('button').map((each) => each.text())).toEqual(['Print the plan'])
    expect((plan(page).find('input[value="done"]').element as HTMLInputElement).matches(':disabled')).toBe(true)
  })

  it('takes a plan that arrives while the case is open into the page, and keeps it as the user goes on', async () => {
    await withCase(heardCase(), [receipt({ status: 'plan-issued', planStoredAt: undefined })])
    const { appDatabase } = await import('../../src/db/database')
    await appDatabase().enrolment.put({
      key: 'device', token: 'device-token', deviceId: 'device-1', enrolledAt: 0,
      setting: { id: 'setting-1', name: 'Ashby Primary', urn: '123456', phase: 'primary' },
      sealingKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
    })
    const asked: string[] = []
    vi.stubGlobal('fetch', async (input: string) => {
      asked.push(input)
      return new Response(JSON.stringify(PLAN), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    const page = await openCase()
    expect(page.find('[data-testid="issued-plan"]').exists()).toBe(false)

    await useOutboxStore(pinia).fetchPlans()
    expect(asked).toEqual([`/api/submissions/key-${CASE_ID}/plan`])
    await vi.waitFor(() => expect(page.find('[data-testid="issued-plan"]').exists()).toBe(true))
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)
    expect((await appDatabase().receipts.get(`key-${CASE_ID}`))?.planStoredAt).toBe(PLAN.recordedAt)

    await action(page, 'visual-timetable').find('input[value="done"]').setValue(true)
    await saved(page)
    const stored = await storedCase()
    expect(stored?.issuedPlan).toEqual(PLAN)
    expect(stored?.planProgress).toEqual({ 'visual-timetable': { status: 'done', notes: '' } })
  })
})

describe('the review date on the list of cases', () => {
  it.each<[string, string, boolean]>([
    ['says a review is due on the review date', '2027-01-05', true],
    ['says a review is due once the date has passed', '2026-12-18', true],
    ['says nothing before the review date', '2027-01-06', false],
  ])('%s', async (_name, reviewDate, due) => {
    await withCase(heardCase({ issuedPlan: { ...PLAN, reviewDate }, planProgress: {} }))
    const page = await mountPage(CasesPage, '/cases', (wrapper) => wrapper.find('.app-card .govuk-tag').exists())
    const tags = page.findAll('.app-card .govuk-tag').map((tag) => tag.text())
    expect(tags).toEqual(due ? ['Plan issued', 'Review due'] : ['Plan issued'])
  })

  it('says nothing of a review for a case with no plan from the Inclusion Service', async () => {
    await withCase(heardCase({ educationPlan: [{ action: 'Own record of an action', who: 'SENCO', reviewDate: { day: '1', month: '1', year: '2027' } }] }), [receipt({ status: 'received' })])
    const page = await mountPage(CasesPage, '/cases', (wrapper) => wrapper.find('.app-card .govuk-tag').exists())
    expect(page.findAll('.app-card .govuk-tag').map((tag) => tag.text())).toEqual(['Sent: IC-000001'])
  })
})

describe('a re-referral from a case with a plan', () => {
  it('starts with each action of the plan and the progress recorded on it', async () => {
    await withCase(heardCase({ issuedPlan: PLAN, planProgress: { 'visual-timetable': { status: 'done', notes: 'In use every day.' } } }))
    const newId = (await useCasesStore(pinia).startReReferral(CASE_ID))!
    const page = await mountWithProps(CaseSectionPage, `/cases/${newId}/re-referral`, { caseId: newId, section: 're-referral' })
    const updates = page.findAll('fieldset.app-card').map((fieldset) => [
      (fieldset.find('input[type="text"]').element as HTMLInputElement).value,
      fieldset.findAll('input[type="radio"]').find((input) => (input.element as HTMLInputElement).checked)?.attributes('value') ?? 'none',
      (fieldset.find('textarea').element as HTMLTextAreaElement).value,
    ])
    expect(updates).toEqual([
      ['Visual timetable in class', 'done', 'In use every day.'],
      ['Movement breaks twice a morning', 'none', ''],
    ])
  })
})

describe('a re-referral sent from check your answers', () => {
  /**
   * The re-referral of an anonymous case with a plan, started and made ready to send (the advice
   * wanted is not carried over), submitted from check your answers: what the page sends.
   */
  async function sendReReferral(receipts: ReceiptFixture[]): Promise<ForumCasePayload> {
    const progress: Record<string, PlanProgress> = { 'visual-timetable': { status: 'done', notes: '' }, 'movement-breaks': { status: 'in-progress', notes: '' } }
    await withCase(heardCase({ caseType: 'anonymous', issuedPlan: PLAN, planProgress: progress }), receipts)
    await useStaffDetailsStore(pinia).save({ name: 'Sam SENCO', jobTitle: 'SENCO', settingName: 'Ashby Primary', phone: '', email: '' })
    const newId = (await useCasesStore(pinia).startReReferral(CASE_ID))!
    const vault = await useVaultStore(pinia).vault()
    await vault.put({ id: newId, kind: FORUM_CASE, status: 'draft' }, { ...(await vault.get<ForumCaseDraft>(newId))!.data, adviceWanted: ['staff-training'] })
    const submit = vi.fn(async (request: SubmissionRequest) => ({ id: 'new-key', kind: request.kind, label: request.label, state: 'waiting', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0 }))
    useOutboxStore(pinia).submit = submit as unknown as ReturnType<typeof useOutboxStore>['submit']
    const page = await mountWithProps(CheckAnswersPage, `/cases/${newId}/check`, { caseId: newId }, (wrapper) => wrapper.find('input[name="preferredMeeting"]').exists())
    await page.findAll('button').find((button) => button.text() === 'Submit case')!.trigger('click')
    await vi.waitFor(() => expect(submit).toHaveBeenCalledOnce())
    return submit.mock.calls[0]![0].payload as ForumCasePayload
  }

  it('names the case it follows by the reference on the device’s receipt for it', async () => {
    const payload = await sendReReferral([receipt({ reference: 'IC-000042' })])
    expect(payload.reReferral).toEqual({
      planUpdates: [
        { action: 'Visual timetable in class', status: 'done' },
        { action: 'Movement breaks twice a morning', status: 'in-progress' },
      ],
      previousReference: 'IC-000042',
    })
  })

  it('names none when the device has no receipt for that case (another case’s receipt is not it)', async () => {
    const payload = await sendReReferral([receipt({ id: 'key-another-case', draftId: 'another-case', reference: 'IC-000007' })])
    expect(payload.reReferral).toEqual({
      planUpdates: [
        { action: 'Visual timetable in class', status: 'done' },
        { action: 'Movement breaks twice a morning', status: 'in-progress' },
      ],
    })
  })
})

describe('when the device fetches a plan', () => {
  const STATUS_REPORT = { reference: 'IC-000001', kind: 'forum-case', status: 'plan-issued', receivedAt: '2026-12-01T16:00:00.000Z', updatedAt: PLAN.recordedAt, planRecordedAt: PLAN.recordedAt }

  /** An enrolled device whose service reports the plan issued, and answers the plan; the paths asked. */
  async function serviceWithPlan(): Promise<string[]> {
    const { appDatabase } = await import('../../src/db/database')
    await appDatabase().enrolment.put({
      key: 'device', token: 'device-token', deviceId: 'device-1', enrolledAt: 0,
      setting: { id: 'setting-1', name: 'Ashby Primary', urn: '123456', phase: 'primary' },
      sealingKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
    })
    const asked: string[] = []
    vi.stubGlobal('fetch', async (input: string) => {
      asked.push(input.replace(/\?.*/, ''))
      const body = input.endsWith('/plan') ? PLAN : { submissions: [{ ...STATUS_REPORT, idempotencyKey: `key-${CASE_ID}` }] }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    return asked
  }

  it('fetches it after the page’s sync pass while the app is unlocked, into the case in the vault', async () => {
    await withCase(heardCase(), [receipt({ status: 'received', planRecordedAt: undefined, planStoredAt: undefined })])
    const asked = await serviceWithPlan()
    await useOutboxStore(pinia).syncNow()
    expect(asked).toEqual(['/api/submissions/status', `/api/submissions/key-${CASE_ID}/plan`])
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)
  })

  it('only notes the plan’s time while the app is locked, and fetches the plan as soon as it is unlocked', async () => {
    await withCase(heardCase(), [receipt({ status: 'received', planRecordedAt: undefined, planStoredAt: undefined })])
    const asked = await serviceWithPlan()
    const vault = useVaultStore(pinia)
    await vault.lock()
    await useOutboxStore(pinia).syncNow()
    expect(asked).toEqual(['/api/submissions/status'])
    const { appDatabase } = await import('../../src/db/database')
    expect(await appDatabase().receipts.get(`key-${CASE_ID}`)).toMatchObject({ status: 'plan-issued', planRecordedAt: PLAN.recordedAt, planStoredAt: undefined })

    // The page's sync as the app runs it, with its passes left out: unlocking alone fetches the plan.
    const { useOutboxSync } = await import('../../src/composables/useOutboxSync')
    useOutboxStore(pinia).syncNow = vi.fn(async () => {})
    mount(defineComponent({ setup: () => (useOutboxSync(), () => null) }), { global: { plugins: [pinia] } })
    await vault.unlock(PASSPHRASE)
    await vi.waitFor(async () => expect((await storedCase())?.issuedPlan).toEqual(PLAN))
    expect(asked).toContain(`/api/submissions/key-${CASE_ID}/plan`)
  })
})
