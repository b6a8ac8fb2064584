import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer, createSetting, issueEnrolmentCode } from '../../server/service'
import type { MonitoredCase } from '../../server/store/plans-store'
import { monitoringFigures } from '../../server/workspace/monitoring'
import { applyRetention } from '../../server/workspace/retention'
import type { ForumMeeting } from '../../src/domain/content-schema'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { EducationPlanRecord, SubmissionStatusReport } from '../../src/domain/submissions'
import {
  enrol, namedForumCase, sendSubmission, signIn, startIntake, suspension, workspaceGet, workspacePost,
  type EnrolledDevice, type Intake, type WorkspaceSession,
} from './intake-harness'

// The workspace's clock, moved by a test where it needs to: a Wednesday in December.
const TODAY = new Date('2026-12-09T10:00:00.000Z')
let clock = TODAY

// Test meetings, as the Inclusion Service would publish them: test venues, plausible dates.
const DECEMBER: ForumMeeting = { id: 'primary-2026-12-03', forum: 'primary', date: '2026-12-03', start: '13:30', place: 'Test venue: room 1', online: false, slots: 4 }
const JANUARY: ForumMeeting = { id: 'primary-2027-01-14', forum: 'primary', date: '2027-01-14', start: '09:30', online: true, slots: 4 }

let intake: Intake
let device: EnrolledDevice
let admin: WorkspaceSession
beforeEach(async () => {
  clock = TODAY
  intake = await startIntake({ now: () => clock })
  device = await enrol(intake.url, intake.code)
  admin = await signIn(intake.url)
  await publish({ forumMeetings: [DECEMBER, JANUARY] })
})
afterEach(() => intake.close())

const publish = (extra: Record<string, unknown>) =>
  intake.store.content.publishContent(JSON.stringify({ ...defaultContent, ...extra }), new Date().toISOString(), { note: 'Test content' })

const get = async (path: string, session = admin) => {
  const response = await workspaceGet(intake.url, session, path)
  return { status: response.status, text: await response.text(), location: response.headers.get('location'), headers: response.headers }
}
const send = async (path: string, fields: Record<string, string>, session = admin) => {
  const response = await workspacePost(intake.url, session, path, fields)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const decode = (html: string) => html.replace(/&#39;/g, '’').replace(/&amp;/g, '&').replace(/&quot;/g, '"')
const fieldError = (html: string, id: string) => new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html)?.[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()
const errorSummary = (html: string) => {
  const start = html.indexOf('There is a problem')
  expect(start).toBeGreaterThan(-1)
  return html.slice(start, html.indexOf('</ul>', start))
}
const inputValue = (html: string, name: string) => decode(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '')
const textareaValue = (html: string, name: string) => decode(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1] ?? '')
const checkedAdvice = (html: string) => [...html.matchAll(/<input[^>]*name="advice"[^>]*value="([^"]+)"[^>]*checked/g)].map((match) => match[1])
const actionRows = (html: string) => [...html.matchAll(/name="action-(\d+)-what"/g)].map((match) => Number(match[1]))
const auditEntries = async () => (await intake.store.audit.list({}, 100, 0)).entries.map((entry): [string, string] => [entry.action, entry.subject ?? '']).reverse()

const planOf = (of: EnrolledDevice, key: string) => fetch(`${intake.url}/api/submissions/${key}/plan`, { headers: { Authorization: `Bearer ${of.token}` } })
const statusesOf = async (of: EnrolledDevice, since?: string) => {
  const query = since ? `?since=${encodeURIComponent(since)}` : ''
  const body = (await (await fetch(`${intake.url}/api/submissions/status${query}`, { headers: { Authorization: `Bearer ${of.token}` } })).json()) as { submissions: SubmissionStatusReport[]; cursor: string }
  return body
}

/** A plan as an officer fills the form: two actions, the advice and a review date. */
const planFields = (overrides: Record<string, string> = {}) => ({
  advice: 'best-endeavours',
  adviceNotes: 'Advice given at the forum, in the officer’s words.',
  'action-1-what': 'Daily check-in with a trusted adult',
  'action-1-who': 'SENCO',
  'action-1-by-day': '8', 'action-1-by-month': '1', 'action-1-by-year': '2027',
  'action-2-what': 'Referral to the Educational Psychology Service',
  'action-2-who': 'Inclusion Service',
  'action-2-by-day': '29', 'action-2-by-month': '1', 'action-2-by-year': '2027',
  'action-3-what': '', 'action-3-who': '', 'action-3-by-day': '', 'action-3-by-month': '', 'action-3-by-year': '',
  'review-day': '12', 'review-month': '3', 'review-year': '2027',
  ...overrides,
})

/** The form with more than one kind of advice: checkboxes send their name once for each. */
const sendPlan = (id: number, fields: Record<string, string>, advice: string[] = [], session = admin) =>
  fetch(`${intake.url}/workspace/submissions/${id}/plan`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session.cookie },
    body: new URLSearchParams([['_csrf', session.csrfToken], ...Object.entries(fields), ...advice.map((area) => ['advice', area])]).toString(),
  })

const EXPECTED_PLAN: EducationPlanRecord = {
  advice: ['best-endeavours', 'staff-training'],
  adviceNotes: 'Advice given at the forum, in the officer’s words.',
  actions: [
    { id: 'a1', action: 'Daily check-in with a trusted adult', who: 'SENCO', byWhen: '2027-01-08' },
    { id: 'a2', action: 'Referral to the Educational Psychology Service', who: 'Inclusion Service', byWhen: '2027-01-29' },
  ],
  reviewDate: '2027-03-12',
  recordedAt: TODAY.toISOString(),
}

describe('recording the education plan', () => {
  it('records the plan from the form: the case shows it, is closed as plan issued, the audit names it, and its device can fetch it', async () => {
    const sent = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    const before = await get('/workspace/submissions/1')
    expect(before.text).not.toContain('Mark the education plan as issued')
    expect(before.text).toContain('No education plan has been recorded.')
    expect(before.text).toContain('href="/workspace/submissions/1/plan"')

    const form = await get('/workspace/submissions/1/plan')
    expect(form.status).toBe(200)
    expect(form.text).toContain('Record the education plan')
    expect(actionRows(form.text)).toEqual([1, 2, 3, 4, 5])

    const { advice: _advice, ...fields } = planFields()
    const answer = await sendPlan(1, fields, ['best-endeavours', 'staff-training'])
    expect(answer.status).toBe(303)
    expect(answer.headers.get('location')).toBe('/workspace/submissions/1?updated=plan-recorded')

    const page = decode((await get('/workspace/submissions/1?updated=plan-recorded')).text)
    expect(page).toContain('Education plan recorded. The setting’s devices will receive it, and the record is closed.')
    expect(page).toContain('Best endeavours and reasonable adjustments')
    expect(page).toContain('Training available to support staff')
    expect(page).toContain('Daily check-in with a trusted adult (SENCO, by Friday 8 January 2027)')
    expect(page).toContain('Referral to the Educational Psychology Service (Inclusion Service, by Friday 29 January 2027)')
    expect(page).toContain('Friday 12 March 2027')
    expect(page).toContain('Change<span class="govuk-visually-hidden"> (The setting’s education plan)</span>')

    expect(await intake.store.submission(1)).toMatchObject({ status: 'plan-issued', closedAt: TODAY.toISOString(), updatedAt: TODAY.toISOString() })
    expect(await auditEntries()).toContainEqual(['Recorded education plan', sent.reference])

    const fetched = await planOf(device, sent.key)
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('cache-control')).toBe('no-store')
    expect(await fetched.json()).toEqual(EXPECTED_PLAN)
    expect((await statusesOf(device)).submissions[0]).toMatchObject({ status: 'plan-issued', planRecordedAt: TODAY.toISOString() })
  })

  it.each([
    ['no advice chosen', { advice: '' }, 'advice', 'Select the advice given', 'advice'],
    ['no action', { 'action-1-what': '', 'action-1-who': '', 'action-1-by-day': '', 'action-1-by-month': '', 'action-1-by-year': '', 'action-2-what': '', 'action-2-who': '', 'action-2-by-day': '', 'action-2-by-month': '', 'action-2-by-year': '' }, 'action-1-what', 'Enter at least one action', 'action-1-what'],
    ['an action without what is to be done', { 'action-2-what': '' }, 'action-2-what', 'Enter what is to be done for action 2', 'action-2-what'],
    ['an action without who does it', { 'action-1-who': '' }, 'action-1-who', 'Enter who will do action 1', 'action-1-who'],
    ['an action without its date', { 'action-2-by-day': '', 'action-2-by-month': '', 'action-2-by-year': '' }, 'action-2-by', 'Enter the date action 2 is to be done by', 'action-2-by-day'],
    ['an action’s date that is not real', { 'action-1-by-day': '31', 'action-1-by-month': '2' }, 'action-1-by', 'Date for action 1 must be a real date', 'action-1-by-day'],
    ['no review date', { 'review-day': '', 'review-month': '', 'review-year': '' }, 'review', 'Enter the review date', 'review-day'],
    ['a review date without its year', { 'review-year': '' }, 'review', 'Review date must include a year', 'review-year'],
    ['a third row filled in only in part', { 'action-3-who': 'Class teacher' }, 'action-3-what', 'Enter what is to be done for action 3', 'action-3-what'],
  ])('refuses %s, with the message beside its field and everything typed kept', async (_name, overrides, field, message, href) => {
    await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    const typed = planFields(overrides)
    const refused = await send('/workspace/submissions/1/plan', typed)
    expect(refused.status).toBe(400)
    expect(refused.text).toMatch(/<title>Error: /)
    expect(decode(errorSummary(refused.text))).toContain(`<a href="#${href}">${message}</a>`)
    expect(decode(fieldError(refused.text, field)!)).toBe(`Error: ${message}`)
    expect(checkedAdvice(refused.text)).toEqual(typed.advice ? [typed.advice] : [])
    expect(textareaValue(refused.text, 'adviceNotes').trim()).toBe(typed.adviceNotes)
    expect(textareaValue(refused.text, 'action-2-what').trim()).toBe(typed['action-2-what'])
    expect(inputValue(refused.text, 'action-1-who')).toBe(typed['action-1-who'])
    expect(inputValue(refused.text, 'review-day')).toBe(typed['review-day'])
    expect(inputValue(refused.text, 'action-3-who')).toBe(typed['action-3-who'])
    expect(await intake.store.plans.plan(1)).toBeUndefined()
    expect((await intake.store.submission(1))!.status).toBe('received')
  })

  it('refuses a review date before the forum date of the meeting the case is assigned to', async () => {
    await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    expect((await send('/workspace/submissions/1/meeting', { meeting: JANUARY.id })).status).toBe(303)
    const refused = await send('/workspace/submissions/1/plan', planFields({ 'review-day': '13', 'review-month': '1', 'review-year': '2027' }))
    expect(refused.status).toBe(400)
    expect(fieldError(refused.text, 'review')).toBe('Error: Review date must be the same as or after Thursday 14 January 2027, the forum date')
    expect((await send('/workspace/submissions/1/plan', planFields({ 'review-day': '14', 'review-month': '1', 'review-year': '2027' }))).status).toBe(303)
  })

  it('changes the plan, prefilled: kept rows keep their ids, new rows get new ones, and the device’s change feed sends the case again', async () => {
    // Recorded now, by the real clock, as the device's cursor is.
    const recordedAt = new Date()
    clock = recordedAt
    const sent = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    await send('/workspace/submissions/1/plan', planFields())
    const form = await get('/workspace/submissions/1/plan')
    expect(form.text).toContain('Change the education plan')
    expect(checkedAdvice(form.text)).toEqual(['best-endeavours'])
    expect(textareaValue(form.text, 'action-1-what').trim()).toBe('Daily check-in with a trusted adult')
    expect(inputValue(form.text, 'action-2-id')).toBe('a2')
    expect(inputValue(form.text, 'review-month')).toBe('3')
    expect(actionRows(form.text)).toEqual([1, 2, 3, 4, 5, 6, 7])

    // A cursor from an hour ahead, as the device would hold after asking then: a correction after it must reach the device.
    const cursor = `${new Date(Date.now() + 3_600_000).toISOString()}~${await intake.store.content.latestContentId()}`
    expect((await statusesOf(device, cursor)).submissions).toEqual([])
    clock = new Date(Date.now() + 7_200_000)
    // The first action taken out, the second kept, a new one in the third row.
    const changed = await send('/workspace/submissions/1/plan', planFields({
      'action-1-id': 'a1', 'action-1-what': '', 'action-1-who': '', 'action-1-by-day': '', 'action-1-by-month': '', 'action-1-by-year': '',
      'action-2-id': 'a2', 'action-3-what': 'Transition visits to the new school', 'action-3-who': 'Class teacher', 'action-3-by-day': '5', 'action-3-by-month': '2', 'action-3-by-year': '2027',
    }))
    expect(changed.status).toBe(303)
    expect(changed.location).toBe('/workspace/submissions/1?updated=plan-corrected')
    const recorded = (await intake.store.plans.plan(1))!
    expect(recorded.plan.actions).toEqual([
      { id: 'a2', action: 'Referral to the Educational Psychology Service', who: 'Inclusion Service', byWhen: '2027-01-29' },
      { id: 'a3', action: 'Transition visits to the new school', who: 'Class teacher', byWhen: '2027-02-05' },
    ])
    // Issued when first recorded; the record stays closed from then.
    expect(recorded.issuedAt).toBe(recordedAt.toISOString())
    expect((await intake.store.submission(1))!.closedAt).toBe(recordedAt.toISOString())

    const feed = await statusesOf(device, cursor)
    expect(feed.submissions.map((status) => [status.reference, status.planRecordedAt])).toEqual([[sent.reference, clock.toISOString()]])
    expect(((await (await planOf(device, sent.key)).json()) as EducationPlanRecord).actions.map((action) => action.id)).toEqual(['a2', 'a3'])
  })

  it('saves and offers five more blank rows, to add more actions than the form shows', async () => {
    await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    const saved = await send('/workspace/submissions/1/plan', { ...planFields(), more: 'yes' })
    expect(saved.status).toBe(303)
    expect(saved.location).toBe('/workspace/submissions/1/plan?saved=more')
    const form = await get(saved.location!)
    expect(form.text).toContain('Education plan saved. Add more actions in the blank rows.')
    expect(actionRows(form.text)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(inputValue(form.text, 'action-3-what')).toBe('')
  })

  it('is only for a forum case, and only for an officer or administrator', async () => {
    await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    await sendSubmission(intake.url, device, 'suspension', suspension())
    expect((await get('/workspace/submissions/2/plan')).status).toBe(404)
    expect((await send('/workspace/submissions/2/plan', planFields())).status).toBe(404)
    expect((await send('/workspace/submissions/99/plan', planFields())).status).toBe(404)

    await createOfficer(intake.store, { username: 'viewer', displayName: 'Val Viewer', role: 'viewer', password: 'a long viewer password' })
    const viewer = await signIn(intake.url, 'viewer', 'a long viewer password')
    expect((await get('/workspace/submissions/1/plan', viewer)).status).toBe(403)
    expect((await send('/workspace/submissions/1/plan', planFields(), viewer)).status).toBe(403)
    expect(await intake.store.plans.plan(1)).toBeUndefined()

    await send('/workspace/submissions/1/plan', planFields())
    const page = await get('/workspace/submissions/1', viewer)
    expect(page.text).toContain('Daily check-in with a trusted adult')
    expect(page.text).not.toContain('href="/workspace/submissions/1/plan"')
    expect((await auditEntries()).filter(([action]) => action === 'Recorded education plan')).toEqual([['Recorded education plan', 'IC-000001']])
  })
})

describe('the plan on the device', () => {
  it('reaches only the devices of the setting that sent the case: another setting’s, an unknown key and a case with no plan are all 404', async () => {
    const ours = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    const planless = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    await send('/workspace/submissions/1/plan', planFields())
    const other = await createSetting(intake.store, { name: 'Burbage Infants', urn: '654321', phase: 'primary' })
    const otherDevice = await enrol(intake.url, other.code)

    expect((await planOf(otherDevice, ours.key)).status).toBe(404)
    const unknown = await planOf(device, crypto.randomUUID())
    expect(unknown.status).toBe(404)
    const noPlan = await planOf(device, planless.key)
    expect(noPlan.status).toBe(404)
    // The same answer whoever asks, so it confirms nothing.
    const [theirs, none] = [await (await planOf(otherDevice, ours.key)).text(), await unknown.text()]
    expect(theirs).toBe(none)
    expect(unknown.headers.get('content-type')).toBe('application/problem+json; charset=utf-8')

    expect((await planOf(device, 'not-a-key')).status).toBe(400)
    expect((await fetch(`${intake.url}/api/submissions/${ours.key}/plan`)).status).toBe(401)
    expect((await planOf({ ...device, token: 'a'.repeat(40) }, ours.key)).status).toBe(401)
    expect((await planOf(device, ours.key)).status).toBe(200)
  })

  it('reaches another enrolled device of the same setting', async () => {
    const ours = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    await send('/workspace/submissions/1/plan', planFields())
    const tablet = await enrol(intake.url, (await issueEnrolmentCode(intake.store, intake.settingId)).code)
    expect((await planOf(tablet, ours.key)).status).toBe(200)
  })
})

describe('retention and subject access', () => {
  it('exports the plan with its case, and deletes it with its case', async () => {
    const sent = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    await send('/workspace/submissions/1/plan', planFields())

    const exported = await fetch(`${intake.url}/workspace/subject-access/export`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: admin.cookie },
      body: new URLSearchParams({ _csrf: admin.csrfToken, name: 'Alex Child', 'dateOfBirth-day': '5', 'dateOfBirth-month': '5', 'dateOfBirth-year': '2017' }).toString(),
    })
    expect(exported.status).toBe(200)
    const [record] = ((await exported.json()) as { records: { reference: string; recordedByTheInclusionService: Record<string, Record<string, unknown>[]> }[] }).records
    expect(record!.reference).toBe(sent.reference)
    expect(record!.recordedByTheInclusionService.education_plans).toMatchObject([
      { plan: { ...EXPECTED_PLAN, advice: ['best-endeavours'] }, review_date: '2027-03-12', issued_at: TODAY.toISOString(), recorded_by_name: 'inbox' },
    ])

    // Closed on 9 December 2026; past a period of 1 month on 10 January 2027.
    await intake.store.retention.setMonths(1, TODAY.toISOString(), 'inbox')
    expect(await applyRetention(intake.store, new Date('2027-01-10T10:00:00.000Z'))).toEqual([sent.reference])
    expect(await intake.store.plans.plan(1)).toBeUndefined()
    expect((await planOf(device, sent.key)).status).toBe(404)
  })
})

describe('monitoring', () => {
  // Test county terms for 2026 to 2027, and meetings in them.
  const TERMS = [
    { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18' },
    { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
  ]
  const NOVEMBER: ForumMeeting = { id: 'primary-2026-11-12', forum: 'primary', date: '2026-11-12', start: '13:30', place: 'Test venue', online: false, slots: 4 }
  const SECONDARY: ForumMeeting = { id: 'secondary-2026-12-10', forum: 'secondary', area: 'Test area', date: '2026-12-10', start: '10:00', place: 'Test venue', online: false, slots: 4 }
  const FEBRUARY: ForumMeeting = { id: 'primary-2027-02-18', forum: 'primary', date: '2027-02-18', start: '13:30', place: 'Test venue', online: false, slots: 4 }
  const OFFICER = { id: 'officer-1', displayName: 'Casey Officer' }

  /** A forum case as the store keeps it, received when given, from a device of the setting. */
  const forumCase = async (receivedAt: string, payload: Record<string, unknown>, pupilKey?: string, settingId = intake.settingId) => {
    const stored = (await intake.store.listDevices()).find((each) => each.settingId === settingId)
    return intake.store.recordSubmission(
      { deviceId: stored!.id, settingId, idempotencyKey: crypto.randomUUID(), kind: 'forum-case', receivedAt, payload, ...(pupilKey ? { pupilKey } : {}) },
      () => ({ status: 201, body: '{}' }),
    )
  }
  const plan = (id: number, recordedAt: string, reviewDate: string) =>
    intake.store.plans.record(id, { advice: ['transition'], actions: [{ id: 'a1', action: 'An action', who: 'SENCO', byWhen: reviewDate }], reviewDate, recordedAt }, OFFICER)
  const reReferral = { reReferral: { planUpdates: [{ action: 'An action', status: 'done' }] } }
  /** An anonymous re-referral as a device sends it, naming the case it follows. */
  const reReferralOf = (previousReference: string) =>
    namedForumCase({ caseType: 'anonymous', child: undefined, consent: undefined, reReferral: { planUpdates: [{ action: 'An action', status: 'done' }], previousReference } })

  /** The worked example: today is Wednesday 10 February 2027. */
  async function workedExample() {
    clock = new Date('2027-02-10T10:00:00.000Z')
    await publish({ forumMeetings: [NOVEMBER, SECONDARY, JANUARY, FEBRUARY], countyCalendar: { terms: TERMS, bankHolidays: [] } })
    // Named, heard in the autumn, its plan issued then and due for review in January; but re-referred since: not due.
    const first = await forumCase('2026-10-20T09:00:00.000Z', { forum: 'primary', caseType: 'named' }, 'test-pupil-1')
    await intake.store.meetings.assign(first, NOVEMBER, OFFICER, '2026-10-21T09:00:00.000Z')
    await plan(first, '2026-11-13T15:00:00.000Z', '2027-01-20')
    // Anonymous, heard in January, its plan issued then, its review on 5 February: due.
    const second = await forumCase('2026-11-02T09:00:00.000Z', { forum: 'primary', caseType: 'anonymous' })
    await intake.store.meetings.assign(second, JANUARY, OFFICER, '2026-11-03T09:00:00.000Z')
    await plan(second, '2027-01-15T11:00:00.000Z', '2027-02-05')
    // Secondary, heard in December, its plan recorded in the Christmas holiday, reviewed in March: not yet due.
    const third = await forumCase('2026-11-20T09:00:00.000Z', { forum: 'secondary', caseType: 'anonymous' })
    await intake.store.meetings.assign(third, SECONDARY, OFFICER, '2026-11-21T09:00:00.000Z')
    await plan(third, '2026-12-22T10:00:00.000Z', '2027-03-01')
    // The first child re-referred by the same setting in January, at a meeting still to come: not heard.
    const fourth = await forumCase('2027-01-25T09:00:00.000Z', { forum: 'primary', caseType: 'named', ...reReferral }, 'test-pupil-1')
    await intake.store.meetings.assign(fourth, FEBRUARY, OFFICER, '2027-01-26T09:00:00.000Z')
    // A re-referral in the summer holiday of the school year before.
    await forumCase('2026-08-20T09:00:00.000Z', { forum: 'primary', caseType: 'anonymous', ...reReferral })
  }

  /** Each table's caption, and its rows as their cells' text. */
  const tables = (html: string) =>
    [...html.matchAll(/<caption[^>]*>([\s\S]*?)<\/caption>([\s\S]*?)<\/table>/g)].map((table) => [
      decode(table[1]!.trim()),
      [...table[2]!.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => decode(cell[1]!.trim()))),
    ])

  const FORUMS = ['Early years inclusion forum', 'Primary inclusion forum', 'Secondary inclusion forum', 'Post 16 education, employment and training (EET) forum']
  const row = (forum: number, ...figures: number[]) => [FORUMS[forum]!, ...figures.map(String)]

  it('counts cases heard, plans issued, reviews due and re-referrals per county term and forum', async () => {
    await workedExample()
    expect((await get('/workspace/meetings')).text).toContain('href="/workspace/meetings/monitoring"')
    const page = await get('/workspace/meetings/monitoring')
    expect(page.status).toBe(200)
    expect(tables(page.text)).toEqual([
      ['Autumn 2026: Thursday 3 September 2026 to Friday 18 December 2026', [row(0, 0, 0, 0, 0), row(1, 1, 1, 0, 0), row(2, 1, 0, 0, 0), row(3, 0, 0, 0, 0)]],
      ['Spring 2027: Tuesday 5 January 2027 to Friday 26 March 2027', [row(0, 0, 0, 0, 0), row(1, 1, 1, 1, 1), row(2, 0, 0, 0, 0), row(3, 0, 0, 0, 0)]],
      ['Summer 2027: Monday 12 April 2027 to Wednesday 21 July 2027', [row(0, 0, 0, 0, 0), row(1, 0, 0, 0, 0), row(2, 0, 0, 0, 0), row(3, 0, 0, 0, 0)]],
      ['Outside the county’s terms (holidays)', [row(0, 0, 0, 0, 0), row(1, 0, 0, 0, 0), row(2, 0, 1, 0, 0), row(3, 0, 0, 0, 0)]],
    ])
    expect(page.text).toContain('<option value="2026" selected>2026 to 2027</option>')
    expect(page.text).toContain('<option value="2025">2025 to 2026</option>')
    // Counts only: no reference, setting or child.
    expect(page.text).not.toMatch(/IC-\d{6}|Ashby Primary/)

    // A school year without published terms is counted whole.
    const before = await get('/workspace/meetings/monitoring?year=2025')
    expect(tables(before.text)).toEqual([['2025 to 2026: Monday 1 September 2025 to Monday 31 August 2026', [row(0, 0, 0, 0, 0), row(1, 0, 0, 0, 1), row(2, 0, 0, 0, 0), row(3, 0, 0, 0, 0)]]])
    expect((await get('/workspace/meetings/monitoring?year=twenty')).status).toBe(400)
  })

  it('takes an anonymous case’s plan off reviews due once its setting re-refers it by its reference, and counts the re-referral', async () => {
    await workedExample()
    const spring = async () => tables((await get('/workspace/meetings/monitoring')).text)[1]

    // The second case (IC-000002), anonymous, its review on 5 February: due.
    expect(await spring()).toEqual(['Spring 2027: Tuesday 5 January 2027 to Friday 26 March 2027', [row(0, 0, 0, 0, 0), row(1, 1, 1, 1, 1), row(2, 0, 0, 0, 0), row(3, 0, 0, 0, 0)]])
    // Another setting's re-referral naming it, on 8 February, is a re-referral, but not of this setting's case: still due.
    const other = await createSetting(intake.store, { name: 'Burbage Infants', urn: '654321', phase: 'primary' })
    await enrol(intake.url, other.code)
    await forumCase('2027-02-08T09:00:00.000Z', reReferralOf('IC-000002'), undefined, other.setting.id)
    expect(await spring()).toEqual(['Spring 2027: Tuesday 5 January 2027 to Friday 26 March 2027', [row(0, 0, 0, 0, 0), row(1, 1, 1, 1, 2), row(2, 0, 0, 0, 0), row(3, 0, 0, 0, 0)]])
    // Its own setting's re-referral naming it, on 9 February, after the plan was issued: no longer due.
    expect(await forumCase('2027-02-09T09:00:00.000Z', reReferralOf('IC-000002'))).toBe(7)
    expect(await spring()).toEqual(['Spring 2027: Tuesday 5 January 2027 to Friday 26 March 2027', [row(0, 0, 0, 0, 0), row(1, 1, 1, 0, 3), row(2, 0, 0, 0, 0), row(3, 0, 0, 0, 0)]])
    // The officer sees which case it follows on its record.
    expect(decode((await get('/workspace/submissions/7')).text)).toMatch(/Previous reference\s*<\/dt>\s*<dd class="govuk-summary-list__value[^"]*">\s*IC-000002/)
  })

  it('takes the reference a re-referral gives from a device, and refuses one in another form', async () => {
    await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    expect((await sendSubmission(intake.url, device, 'forum-case', reReferralOf('IC-000001'))).reference).toBe('IC-000002')
    expect((await intake.store.submission(2))!.payload).toMatchObject({ reReferral: { previousReference: 'IC-000001' } })
    await expect(sendSubmission(intake.url, device, 'forum-case', reReferralOf('IC-1'))).rejects.toThrow('forum-case not accepted: 422')
  })

  it('matches a re-referral by the reference it gives before the child: one naming another case is not about this plan', () => {
    // Test cases as the store lists them: a named case's plan due on 5 February 2027, and re-referrals of the same child.
    const plan: MonitoredCase = { id: 2, settingId: 'setting-1', forum: 'primary', receivedAt: '2026-11-02T09:00:00.000Z', reReferral: false, pupilKey: 'test-pupil-1', planIssuedAt: '2027-01-15T11:00:00.000Z', reviewDate: '2027-02-05' }
    const reReferral = (changes: Partial<MonitoredCase>): MonitoredCase => ({ id: 3, settingId: 'setting-1', forum: 'primary', receivedAt: '2027-02-08T09:00:00.000Z', reReferral: true, pupilKey: 'test-pupil-1', ...changes })
    const reviewsDue = (cases: MonitoredCase[]) =>
      monitoringFigures(cases, { year: 2026, periods: [], forums: [{ id: 'primary', name: 'Primary' }], meetingDates: new Map(), today: '2027-02-10' })[0]!.forums[0]!.figures.reviewsDue
    expect(reviewsDue([plan])).toBe(1)
    expect(reviewsDue([plan, reReferral({})])).toBe(0)
    expect(reviewsDue([plan, reReferral({ previousReference: 'IC-000002' })])).toBe(0)
    expect(reviewsDue([plan, reReferral({ previousReference: 'IC-000001' })])).toBe(1)
    expect(reviewsDue([plan, reReferral({ previousReference: 'IC-000002', settingId: 'setting-2' })])).toBe(1)
    expect(reviewsDue([plan, reReferral({ previousReference: 'IC-000002', receivedAt: '2027-01-10T09:00:00.000Z' })])).toBe(1)
  })

  it('exports the same figures as CSV, and a viewer may read and export them', async () => {
    await workedExample()
    await createOfficer(intake.store, { username: 'viewer', displayName: 'Val Viewer', role: 'viewer', password: 'a long viewer password' })
    const viewer = await signIn(intake.url, 'viewer', 'a long viewer password')
    expect((await get('/workspace/meetings/monitoring', viewer)).status).toBe(200)
    const csv = await get('/workspace/meetings/monitoring.csv?year=2026', viewer)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="monitoring-2026-2027.csv"')
    const line = (...cells: string[]) => cells.map((cell) => `"${cell}"`).join(',')
    const autumn = ['2026 to 2027', 'Autumn 2026', '2026-09-03', '2026-12-18'] as const
    const spring = ['2026 to 2027', 'Spring 2027', '2027-01-05', '2027-03-26'] as const
    const summer = ['2026 to 2027', 'Summer 2027', '2027-04-12', '2027-07-21'] as const
    const outside = ['2026 to 2027', 'Outside the county’s terms', '', ''] as const
    expect(csv.text.split('\r\n')).toEqual([
      line('School year', 'Term', 'From', 'To', 'Forum', 'Cases heard', 'Plans issued', 'Reviews due', 'Re-referrals'),
      line(...autumn, ...row(0, 0, 0, 0, 0)), line(...autumn, ...row(1, 1, 1, 0, 0)), line(...autumn, ...row(2, 1, 0, 0, 0)), line(...autumn, ...row(3, 0, 0, 0, 0)),
      line(...spring, ...row(0, 0, 0, 0, 0)), line(...spring, ...row(1, 1, 1, 1, 1)), line(...spring, ...row(2, 0, 0, 0, 0)), line(...spring, ...row(3, 0, 0, 0, 0)),
      line(...summer, ...row(0, 0, 0, 0, 0)), line(...summer, ...row(1, 0, 0, 0, 0)), line(...summer, ...row(2, 0, 0, 0, 0)), line(...summer, ...row(3, 0, 0, 0, 0)),
      line(...outside, ...row(0, 0, 0, 0, 0)), line(...outside, ...row(1, 0, 0, 0, 0)), line(...outside, ...row(2, 0, 1, 0, 0)), line(...outside, ...row(3, 0, 0, 0, 0)),
      '',
    ])
    expect(await auditEntries()).toContainEqual(['Exported monitoring CSV', '2026 to 2027'])
  })
})
