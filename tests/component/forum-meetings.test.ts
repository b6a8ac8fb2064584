import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { createPinia, getActivePinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { storeContent } from '../../src/db/content-repository'
import type { Content, ForumMeeting } from '../../src/domain/content-schema'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { BUNDLED_CONTENT_VERSION } from '../../src/domain/default-content/version'
import { emptyForumCase, type ForumCaseDraft } from '../../src/domain/forum-case'
import CasePage from '../../src/pages/cases/CasePage.vue'
import CasesPage from '../../src/pages/cases/CasesPage.vue'
import CheckAnswersPage from '../../src/pages/cases/CheckAnswersPage.vue'
import ForumPage from '../../src/pages/forums/ForumPage.vue'
import type { SubmissionRequest } from '../../src/sync/enqueue'
import { FORUM_CASE } from '../../src/stores/cases'
import { useOutboxStore } from '../../src/stores/outbox'
import { useStaffDetailsStore } from '../../src/stores/staff-details'
import { useVaultStore } from '../../src/stores/vault'
import { mountPage, mountWithProps, unlockedAsSam, type ReceiptFixture } from './mount-page'

// Test data only: meetings, places and references made up for these tests. The device's date is
// Tuesday 5 January 2027.
const meeting = (changes: Partial<ForumMeeting> & Pick<ForumMeeting, 'id' | 'date'>): ForumMeeting => ({
  forum: 'primary', area: 'North', start: '13:30', end: '15:00', place: 'Room 2, County Hall', online: false, slots: 6, ...changes,
})
const MEETINGS: ForumMeeting[] = [
  meeting({ id: 'primary-2027-02-09', date: '2027-02-09', area: 'South', start: '09:30', end: undefined, place: undefined, online: true }),
  meeting({ id: 'secondary-2027-01-14', forum: 'secondary', date: '2027-01-14', area: 'Hinckley' }),
  meeting({ id: 'primary-2026-12-08', date: '2026-12-08' }),
  meeting({ id: 'primary-2027-01-12', date: '2027-01-12' }),
]

/** The content the service published after the bundled copy, with the meetings above. */
const contentWithMeetings: Content = {
  ...defaultContent,
  version: BUNDLED_CONTENT_VERSION.replace(/\d+$/, (revision) => String(Number(revision) + 1)),
  forumMeetings: MEETINGS,
}

/** A primary case ready to send: anonymous, so the year group and the advice wanted are all it must have. */
function readyToSend(): ForumCaseDraft {
  return Object.assign(emptyForumCase('primary'), { caseType: 'anonymous', yearGroup: 'year-4', adviceWanted: ['staff-training'] })
}

// A case of its own in each test, and the Pinia its pages use: stores are looked up in it, not
// in whichever Pinia a page's code used last.
let CASE_ID = ''
let pinia: Pinia

/** Sam's profile unlocked, holding the case and the sender's details; the content with meetings; and Sam's receipts. */
async function withCase(draft: ForumCaseDraft & { preferredMeeting?: string }, status = 'draft', receipts: ReceiptFixture[] = []): Promise<void> {
  await mountPage({ template: '<div />' })
  pinia = getActivePinia()!
  const { appDatabase } = await import('../../src/db/database')
  const db = appDatabase()
  await db.content.clear()
  await storeContent(db, contentWithMeetings)
  await unlockedAsSam(receipts)
  const vault = useVaultStore(pinia)
  await useStaffDetailsStore(pinia).save({ name: 'Sam SENCO', jobTitle: 'SENCO', settingName: 'Ashby Primary', phone: '', email: '' })
  await (await vault.vault()).put({ id: CASE_ID, kind: FORUM_CASE, status }, draft)
}

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
  document.body.innerHTML = ''
})

describe('a forum’s page', () => {
  const openForum = async (forumId: string) => {
    setActivePinia(createPinia())
    const { appDatabase } = await import('../../src/db/database')
    await appDatabase().content.clear()
    await storeContent(appDatabase(), contentWithMeetings)
    return mountWithProps(ForumPage, `/forums/${forumId}`, { forumId }, (page) => page.find('[data-testid="forum-meetings"]').exists())
  }
  const rows = (page: VueWrapper) => page.findAll('[data-testid="forum-meetings"] tr').map((row) => row.findAll('th, td').map((cell) => cell.text()))

  it('lists the forum’s meetings still to come, in date order, from the content on the device', async () => {
    const page = await openForum('primary')
    expect(page.find('#meetings-heading').text()).toBe('Upcoming meetings')
    // The page shows the bundled content (no meetings) until it has read the stored content.
    await vi.waitFor(() =>
      expect(rows(page)).toEqual([
        ['Date', 'Time', 'Area', 'Where'],
        ['Tuesday 12 January 2027', '1:30pm to 3pm', 'North', 'Room 2, County Hall'],
        ['Tuesday 9 February 2027', '9:30am', 'South', 'Online'],
      ]),
    )
  })

  it('says so when none are published', async () => {
    const page = await openForum('post-16')
    expect(page.find('table').exists()).toBe(false)
    expect(page.find('[data-testid="forum-meetings"] p').text()).toBe('No upcoming meetings of this forum have been published yet.')
  })
})

describe('the preferred meeting, asked on check your answers', () => {
  // Ready once the stored content's meetings are listed: the page shows the bundled content (no meetings) until it has read them.
  const openCheck = () => mountWithProps(CheckAnswersPage, `/cases/${CASE_ID}/check`, { caseId: CASE_ID }, (page) => page.find('input[name="preferredMeeting"][value="primary-2027-01-12"]').exists())
  const submitButton = (page: VueWrapper) => page.findAll('button').find((button) => button.text() === 'Submit case')!

  /** The outbox's submit, recording what the page sends. */
  function recordSubmissions() {
    const submit = vi.fn(async (request: SubmissionRequest) => ({ id: 'case-key', kind: request.kind, label: request.label, state: 'waiting', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0 }))
    useOutboxStore(pinia).submit = submit as unknown as ReturnType<typeof useOutboxStore>['submit']
    return submit
  }
  const sentMeeting = (submit: ReturnType<typeof recordSubmissions>) => (submit.mock.calls[0]![0].payload as { preferredMeeting?: string }).preferredMeeting

  it('offers the case’s forum’s meetings still to come, with no preference chosen until the user chooses', async () => {
    await withCase(readyToSend())
    const page = await openCheck()
    expect(page.find('legend').text()).toBe('Which forum meeting would you like the case to go to?')
    const options = page.findAll('.govuk-radios__item').map((item) => [item.find('label').text(), item.find('.govuk-radios__hint').exists() ? item.find('.govuk-radios__hint').text() : ''])
    expect(options).toEqual([
      ['No preference', ''],
      ['The next meeting', ''],
      ['Tuesday 12 January 2027, 1:30pm to 3pm', 'North – Room 2, County Hall'],
      ['Tuesday 9 February 2027, 9:30am', 'South – Online'],
    ])
    expect((page.find('#preferredMeeting').element as HTMLInputElement).checked).toBe(true)
  })

  it.each<[string, string, string | undefined, string]>([
    ['a meeting: its id', 'Tuesday 12 January 2027, 1:30pm to 3pm', 'primary-2027-01-12', 'primary-2027-01-12'],
    ['the next meeting', 'The next meeting', 'next', 'next'],
    ['no preference: nothing', 'No preference', undefined, ''],
  ])('sends %s, and keeps the choice in the encrypted draft', async (_name, label, sent, kept) => {
    // Chosen before: the February meeting, which the user changes.
    await withCase({ ...readyToSend(), preferredMeeting: 'primary-2027-02-09' })
    const page = await openCheck()
    const submit = recordSubmissions()
    const item = page.findAll('.govuk-radios__item').find((each) => each.find('label').text() === label)!
    await item.find('input').setValue(true)
    await submitButton(page).trigger('click')
    await vi.waitFor(() => expect(page.find('.govuk-panel__title').exists()).toBe(true))
    expect(submit).toHaveBeenCalledOnce()
    expect(sentMeeting(submit)).toBe(sent)
    const stored = await (await useVaultStore(pinia).vault()).get<{ preferredMeeting?: string }>(CASE_ID)
    expect(stored?.data.preferredMeeting).toBe(kept)
  })

  it.each([
    ['has passed', 'primary-2026-12-08', 'The meeting on Tuesday 8 December 2026 has passed – choose another meeting, the next meeting or no preference'],
    ['is no longer published', 'primary-2027-03-09', 'The meeting you chose is no longer published – choose another meeting, the next meeting or no preference'],
  ])('refuses a meeting chosen earlier that %s, says so beside the question, and sends once the user chooses again', async (_name, chosen, message) => {
    await withCase({ ...readyToSend(), preferredMeeting: chosen })
    const page = await openCheck()
    const submit = recordSubmissions()
    expect(page.findAll('input[name="preferredMeeting"]').filter((input) => (input.element as HTMLInputElement).checked)).toHaveLength(0)

    await submitButton(page).trigger('click')
    await vi.waitFor(() => expect(page.findAll('.govuk-error-summary a').map((link) => [link.text(), link.attributes('href')])).toEqual([[message, '#preferredMeeting']]))
    expect(page.find('#preferredMeeting-error').text()).toBe(`Error: ${message}`)
    expect(page.find('#preferredMeeting').element.closest('.govuk-form-group')!.classList.contains('govuk-form-group--error')).toBe(true)
    expect(submit).not.toHaveBeenCalled()

    await page.find('input[name="preferredMeeting"][value="next"]').setValue(true)
    await vi.waitFor(() => expect(page.find('#preferredMeeting-error').exists()).toBe(false))
    await submitButton(page).trigger('click')
    await vi.waitFor(() => expect(page.find('.govuk-panel__title').exists()).toBe(true))
    expect(submit).toHaveBeenCalledOnce()
    expect(sentMeeting(submit)).toBe('next')
  })

  it('reads as the case was sent once submitted, with no question', async () => {
    await withCase({ ...readyToSend(), preferredMeeting: 'primary-2027-01-12' }, 'sent')
    const page = await mountWithProps(CheckAnswersPage, `/cases/${CASE_ID}/check`, { caseId: CASE_ID }, (wrapper) => wrapper.find('#answers-meeting').exists())
    expect(page.find('input[name="preferredMeeting"]').exists()).toBe(false)
    // Named once the page has read the stored content's meetings.
    const row = () => page.find('#answers-meeting ~ dl .govuk-summary-list__row')
    await vi.waitFor(() => expect([row().find('dt').text(), row().find('dd').text()]).toEqual(['Preferred meeting', 'Tuesday 12 January 2027, 1:30pm to 3pm, Room 2, County Hall']))
  })
})

describe('the meeting the Inclusion Service confirmed', () => {
  const CONFIRMED = { id: 'primary-2027-01-12', forum: 'primary', area: 'North', date: '2027-01-12', start: '13:30', end: '15:00', place: 'Room 2, County Hall', online: false } as const
  const receipt = (changes: Partial<ReceiptFixture> = {}): ReceiptFixture => ({
    id: 'case-key', kind: 'forum-case', label: 'Forum case: Primary inclusion forum, named', reference: 'IC-000001', sentAt: Date.UTC(2027, 0, 4, 16),
    draftId: CASE_ID, status: 'forum-date-set', forumDate: '2027-01-12', meeting: CONFIRMED, purgeAt: Date.UTC(2027, 1, 3), purged: false, ...changes,
  })
  const namedCase = () => Object.assign(readyToSend(), { caseType: 'named', child: { name: 'Alex Child', dateOfBirth: { day: '5', month: '5', year: '2017' }, upn: '' } })

  /** Blob URLs as the page makes them: the files it made, and the URLs it let go. */
  function recordBlobUrls() {
    const made: Blob[] = []
    const revoked: string[] = []
    vi.stubGlobal('URL', Object.assign(class extends URL {}, {
      createObjectURL: (blob: Blob) => `blob:calendar-${made.push(blob)}`,
      revokeObjectURL: (url: string) => void revoked.push(url),
    }))
    return { made, revoked }
  }
  const textOf = (blob: Blob) =>
    new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result as string)
      reader.readAsText(blob)
    })

  it('shows the meeting on the case page, with a calendar file made on the device that never names the child', async () => {
    const blobs = recordBlobUrls()
    await withCase(namedCase(), 'sent', [receipt()])
    const page = await mountWithProps(CasePage, `/cases/${CASE_ID}`, { caseId: CASE_ID }, (wrapper) => wrapper.find('[data-testid="case-meeting"]').exists())
    expect(page.find('.govuk-tag').text()).toBe('Forum on Tuesday 12 January 2027')
    const rows = page.findAll('[data-testid="case-meeting"] .govuk-summary-list__row').map((row) => [row.find('dt').text(), row.find('dd').text()])
    expect(rows).toEqual([
      ['Forum', 'Primary inclusion forum'],
      ['Area', 'North'],
      ['Date', 'Tuesday 12 January 2027'],
      ['Time', '1:30pm to 3pm'],
      ['Where', 'Room 2, County Hall'],
    ])
    const link = page.find('[data-testid="case-meeting"] a')
    expect([link.text(), link.attributes('href'), link.attributes('download')]).toEqual(['Add to your calendar', 'blob:calendar-1', 'forum-meeting-2027-01-12.ics'])

    expect(blobs.made).toHaveLength(1)
    expect(blobs.made[0]!.type).toBe('text/calendar')
    const lines = (await textOf(blobs.made[0]!)).split('\r\n')
    expect(lines).toContain('UID:primary-2027-01-12-IC-000001@inclusion-companion')
    expect(lines).toContain('DTSTART;TZID=Europe/London:20270112T133000')
    expect(lines).toContain('SUMMARY:Primary inclusion forum: case IC-000001')
    expect(lines).toContain('LOCATION:Room 2\\, County Hall')
    expect(lines.join('\n')).not.toContain('Alex')

    page.unmount()
    expect(blobs.revoked).toEqual(['blob:calendar-1'])
  })

  it('says where an online meeting is, with no area', async () => {
    recordBlobUrls()
    await withCase(readyToSend(), 'sent', [receipt({ meeting: { id: 'primary-2027-02-09', forum: 'primary', date: '2027-02-09', start: '09:30', online: true } })])
    const page = await mountWithProps(CasePage, `/cases/${CASE_ID}`, { caseId: CASE_ID }, (wrapper) => wrapper.find('[data-testid="case-meeting"]').exists())
    const rows = page.findAll('[data-testid="case-meeting"] .govuk-summary-list__row').map((row) => [row.find('dt').text(), row.find('dd').text()])
    expect(rows).toEqual([
      ['Forum', 'Primary inclusion forum'],
      ['Date', 'Tuesday 9 February 2027'],
      ['Time', '9:30am'],
      ['Where', 'Online'],
    ])
  })

  it('shows no meeting until one is confirmed', async () => {
    await withCase(readyToSend(), 'sent', [receipt({ status: 'received', forumDate: undefined, meeting: undefined })])
    const page = await mountWithProps(CasePage, `/cases/${CASE_ID}`, { caseId: CASE_ID }, (wrapper) => wrapper.find('.govuk-tag').text() === 'Sent: IC-000001')
    expect(page.find('[data-testid="case-meeting"]').exists()).toBe(false)
  })

  it('gives the meeting’s date as the case’s status in the list of cases', async () => {
    recordBlobUrls()
    await withCase(namedCase(), 'sent', [receipt()])
    const page = await mountPage(CasesPage, '/cases', (wrapper) => wrapper.find('.app-card .govuk-tag').exists() && wrapper.find('.app-card .govuk-tag').text() !== 'Sent')
    expect(page.find('.app-card .govuk-tag').text()).toBe('Forum on Tuesday 12 January 2027')
  })
})
