import { setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptyPermanentExclusion, type PermanentExclusionDraft } from '../../src/domain/permanent-exclusion'
import NoticesPage from '../../src/pages/exclusions/NoticesPage.vue'
import PermanentExclusionPage from '../../src/pages/exclusions/PermanentExclusionPage.vue'
import OutboxPage from '../../src/pages/outbox/OutboxPage.vue'
import type { SubmissionRequest } from '../../src/sync/enqueue'
import { useCalendarStore } from '../../src/stores/calendar'
import { useOutboxStore } from '../../src/stores/outbox'
import { useStaffDetailsStore } from '../../src/stores/staff-details'
import { useVaultStore } from '../../src/stores/vault'
import { leicestershire2025to26 } from '../unit/domain/leicestershire-2025-26'
import { holdTermDates, mountPage, mountWithProps, unlockedAsSam, type ReceiptFixture } from './mount-page'

const date = (iso: string) => {
  const [year, month, day] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year! }
}

const PROGRESS = [
  'The Inclusion Service has received your call to the duty desk',
  'The Inclusion Service has noted that you are continuing with the permanent exclusion',
  'Education is arranged from 19 January 2026',
]

/** A permanent exclusion from Monday 12 January 2026, ready to send, the parents told that day. */
function readyToSend(): PermanentExclusionDraft {
  return Object.assign(emptyPermanentExclusion(), {
    pupil: { name: 'Jo Pupil', dateOfBirth: date('2012-01-01'), yearGroup: 'year-9', upn: '' },
    effectiveDate: date('2026-01-12'),
    reasonCodes: ['PA'],
    description: 'What happened.',
    sen: 'none',
    dutyDeskCall: { at: '2026-01-12T09:15:00+00:00', spokeTo: 'Duty officer' },
    seipContact: { at: '2026-01-12T09:40:00+00:00', who: 'SEIP lead' },
    discussion: { incident: 'The incident.', supportOptions: '', process: '', nextSteps: '' },
    parentsNotified: { date: date('2026-01-12'), time: '15:00', how: 'In person' },
  })
}

const receipt = (changes: Partial<ReceiptFixture>): ReceiptFixture => ({
  id: 'notice-key', kind: 'permanent-exclusion', label: 'Permanent exclusion notice', reference: 'IC-000007', sentAt: Date.UTC(2026, 0, 12, 16),
  draftId: 'notice-1', status: 'received', purgeAt: Date.UTC(2026, 1, 11), purged: false, ...changes,
})

/** Sam's profile unlocked, holding the notice; the Leicestershire 2025/26 term dates entered; and Sam's receipts. */
async function withNotice(draft: PermanentExclusionDraft, status: string, receipts: ReceiptFixture[] = []): Promise<Pinia> {
  // This test's Pinia: earlier tests' stores, locking as this one unlocks, may make theirs active.
  const pinia = (await mountPage({ template: '<div />' })).vm.$pinia
  await unlockedAsSam(receipts)
  setActivePinia(pinia)
  await useCalendarStore().save({ source: 'setting', terms: [...leicestershire2025to26.terms!], insetDays: [...leicestershire2025to26.insetDays!] })
  await useStaffDetailsStore().save({ name: 'Jo Head', jobTitle: 'Head teacher', settingName: 'Ashby Primary', phone: '', email: '' })
  await (await useVaultStore().vault()).put({ id: 'notice-1', kind: 'permanent-exclusion', status }, draft)
  return pinia
}

const openNotice = () =>
  mountWithProps(PermanentExclusionPage, '/exclusions/permanent/notice-1', { noticeId: 'notice-1' }, (page) => page.find('[data-testid="exclusion-step"]').exists())

beforeEach(() => {
  document.body.innerHTML = ''
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('the notice’s deadlines', () => {
  it('sends the dates the page shows, and which calendar counted them', async () => {
    await withNotice(readyToSend(), 'draft')
    const page = await openNotice()
    await vi.waitFor(() => expect(page.find('[data-testid="exclusion-deadlines"]').text()).toContain('term dates, INSET days'))
    // Spring 2026 from Mon 12 Jan: the 6th school day is Mon 19 Jan (12-16, 19). The parents were told on
    // Mon 12 Jan: 15 school days after is Mon 2 Feb (13-16, 19-23, 26-30 Jan, 2 Feb).
    const shown = page.find('[data-testid="exclusion-deadlines"]').text()
    expect(shown).toContain('19 January 2026 (the 6th school day)')
    expect(shown).toContain('2 February 2026 (within 15 school days of the notice)')

    const submit = vi.fn(async (request: SubmissionRequest) => ({ id: 'notice-key', kind: request.kind, label: request.label, state: 'waiting', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0 }))
    useOutboxStore().submit = submit as unknown as ReturnType<typeof useOutboxStore>['submit']
    await page.find('input[name="decision"][value="continue"]').setValue(true)
    await page.findAll('button').find((button) => button.text() === 'Continue and send the notice')!.trigger('click')
    await vi.waitFor(() => expect(submit).toHaveBeenCalledOnce())
    expect((submit.mock.calls[0]![0].payload as { deadlines: unknown }).deadlines).toEqual({
      educationFrom: '2026-01-19',
      boardConsiderBy: '2026-02-02',
      basis: 'term-dates',
      calendar: 'Your setting’s term dates (Autumn 2025 to Summer 2026), INSET days and bank holidays',
    })
  })
})

describe('before the term dates are read', () => {
  it('shows no deadlines, rather than “not known” for a moment', async () => {
    const pinia = await withNotice(readyToSend(), 'draft')
    const letRead = holdTermDates(pinia)
    const page = await openNotice()
    expect(page.find('[data-testid="exclusion-deadlines"]').exists()).toBe(false)
    letRead()
    await vi.waitFor(() => expect(page.find('[data-testid="exclusion-deadlines"]').text()).toContain('19 January 2026 (the 6th school day)'))
  })
})

describe('what the Inclusion Service has done', () => {
  it('lists its steps under the notice’s status', async () => {
    await withNotice({ ...readyToSend(), decision: { choice: 'continue', at: '2026-01-12T16:00:00+00:00' }, noticeKey: 'notice-key' }, 'sent', [receipt({ progress: PROGRESS })])
    const page = await openNotice()
    await vi.waitFor(() => expect(page.find('[data-testid="notice-status"]').exists()).toBe(true))
    const status = page.find('[data-testid="notice-status"]')
    expect(status.find('p').text()).toBe('Received by the Inclusion Service (reference IC-000007)')
    expect(status.findAll('ul.govuk-list--bullet li').map((line) => line.text())).toEqual(PROGRESS)
  })

  it('shows the status alone until there are steps', async () => {
    await withNotice({ ...readyToSend(), decision: { choice: 'continue', at: '2026-01-12T16:00:00+00:00' }, noticeKey: 'notice-key' }, 'sent', [receipt({})])
    const page = await openNotice()
    await vi.waitFor(() => expect(page.find('[data-testid="notice-status"]').exists()).toBe(true))
    expect(page.find('[data-testid="progress"]').exists()).toBe(false)
  })

  it('lists them in the notices list', async () => {
    await withNotice({ ...readyToSend(), noticeKey: 'notice-key' }, 'sent', [receipt({ progress: PROGRESS })])
    const page = await mountPage(NoticesPage, '/exclusions/notices', (wrapper) => wrapper.find('[data-testid="progress"]').exists())
    const cells = page.findAll('tbody td').map((cell) => cell.text())
    expect(cells[2]).toContain('Received by the Inclusion Service')
    expect(page.findAll('[data-testid="progress"] li').map((line) => line.text())).toEqual(PROGRESS)
  })

  it('lists them in the outbox', async () => {
    await withNotice(readyToSend(), 'sent', [receipt({ progress: PROGRESS })])
    const page = await mountPage(OutboxPage, '/outbox', (wrapper) => wrapper.find('[data-testid="progress"]').exists())
    expect(page.findAll('[data-testid="progress"] li').map((line) => line.text())).toEqual(PROGRESS)
  })
})
