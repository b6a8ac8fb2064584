import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer, createSetting } from '../../server/service'
import type { NewSubmission, SubmissionFilter } from '../../server/store/intake-store'
import type { SqliteStore } from '../../server/store/sqlite-store'
import { normalisedName } from '../../server/store/pupil-identity'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { SubmissionKind } from '../../src/domain/submissions'
import {
  enrol, namedForumCase, post, sealedBody, signIn, startIntake, suspension, workspaceGet, workspacePost,
  type EnrolledDevice, type Intake, type WorkspaceSession,
} from './intake-harness'

// The workspace's clock: a Wednesday in the autumn term.
const TODAY = new Date('2026-11-25T10:00:00Z')

let intake: Intake
let device: EnrolledDevice
let admin: WorkspaceSession
beforeEach(async () => {
  intake = await startIntake({ now: () => TODAY })
  device = await enrol(intake.url, intake.code)
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

/** A submission sent as a device sends it, over HTTP. */
async function submit(kind: SubmissionKind, payload: unknown): Promise<string> {
  const key = crypto.randomUUID()
  const response = await post(intake.url, device, key, await sealedBody(device, kind, key, payload))
  expect(response.status).toBe(201)
  return key
}

/** A submission written straight to the store, for dates and states the real clock cannot give. */
async function record(fields: Partial<NewSubmission> & { kind: SubmissionKind; receivedAt: string; payload?: unknown }, settingId = intake.settingId): Promise<number> {
  const [first] = await intake.store.listDevices()
  const deviceId = settingId === intake.settingId ? first!.id : (await intake.store.listDevices()).find((candidate) => candidate.settingId === settingId)!.id
  const pupil = (fields.payload as { pupil?: { name: string } } | undefined)?.pupil
  return intake.store.recordSubmission(
    { deviceId, settingId, idempotencyKey: crypto.randomUUID(), payload: {}, ...(pupil ? { pupilName: normalisedName(pupil.name) } : {}), ...fields },
    () => ({ status: 201, body: '{}' }),
  )
}

/** The education plan form as an officer fills it in: one action and the review date (test values). */
const PLAN_FIELDS = {
  advice: 'best-endeavours', 'action-1-what': 'Daily check-in with a trusted adult', 'action-1-who': 'SENCO',
  'action-1-by-day': '8', 'action-1-by-month': '1', 'action-1-by-year': '2027', 'review-day': '12', 'review-month': '3', 'review-year': '2027',
}

const permanentExclusion = (name: string, effectiveDate: string, educationFrom: string) => ({
  pupil: { name, dateOfBirth: '2012-01-01', yearGroup: 'year-9' },
  effectiveDate,
  deadlines: { educationFrom, boardConsiderBy: '2026-12-18', basis: 'setting', calendar: 'Test calendar' },
})

const get = async (path: string, session = admin) => {
  const response = await workspaceGet(intake.url, session, path)
  return { status: response.status, text: await response.text(), headers: response.headers }
}
const send = async (path: string, fields: Record<string, string>, session = admin) => {
  const response = await workspacePost(intake.url, session, path, fields)
  return { status: response.status, text: await response.text(), headers: response.headers }
}

/** The references in a results table, in order. */
const references = (html: string) => [...html.matchAll(/>(IC-\d{6})<\/a>/g)].map((match) => match[1])
/** Every address on a page: links, forms and the CSV. */
const addresses = (html: string) => [...html.matchAll(/(?:href|action)="([^"]*)"/g)].map((match) => match[1]!)
const auditActions = async () => (await intake.store.audit.list({}, 100, 0)).entries.map((entry) => [entry.action, entry.subject ?? ''])
const deviceStatuses = async () =>
  (await (await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: `Bearer ${device.token}` } })).json()).submissions as {
    idempotencyKey: string; reference: string; status: string; forumDate?: string; outcome?: string
  }[]

describe('signing in', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const response = await fetch(`${intake.url}/workspace/submissions`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/workspace/sign-in')
  })

  it('refuses a wrong password with an error summary', async () => {
    const form = await fetch(`${intake.url}/workspace/sign-in`)
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!
    const response = await fetch(`${intake.url}/workspace/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.headers.getSetCookie()[0]!.split(';')[0]! },
      body: new URLSearchParams({ _csrf: token, username: 'inbox', password: 'wrong' }).toString(),
    })
    expect(response.status).toBe(401)
    const text = await response.text()
    expect(text).toContain('There is a problem')
    expect(text).toContain('The username or password is not right')
  })

  it('gives HttpOnly, SameSite=Strict cookies for /workspace, and ends the session on sign-out', async () => {
    const form = await fetch(`${intake.url}/workspace/sign-in`)
    const csrfCookie = form.headers.getSetCookie()[0]!
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!
    const response = await fetch(`${intake.url}/workspace/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie.split(';')[0]! },
      body: new URLSearchParams({ _csrf: token, username: 'inbox', password: 'a long admin password' }).toString(),
    })
    const sessionCookie = response.headers.getSetCookie()[0]!
    for (const cookie of [csrfCookie, sessionCookie]) {
      expect(cookie).toMatch(/HttpOnly/)
      expect(cookie).toMatch(/SameSite=Strict/)
      expect(cookie).toMatch(/Path=\/workspace/)
    }
    const session = { cookie: `${csrfCookie.split(';')[0]}; ${sessionCookie.split(';')[0]}`, csrfToken: token }
    expect((await get('/workspace/submissions', session)).status).toBe(200)
    expect((await send('/workspace/sign-out', {}, session)).status).toBe(303)
    expect((await get('/workspace/submissions', session)).status).toBe(303)
  })

  it('refuses a form without the CSRF token, and changes nothing', async () => {
    await submit('forum-case', namedForumCase())
    const response = await send('/workspace/submissions/1/forum-date', { 'forumDate-day': '3', 'forumDate-month': '12', 'forumDate-year': '2026' }, { ...admin, csrfToken: 'made-up' })
    expect(response.status).toBe(403)
    const unchanged = (await intake.store.submission(1))!
    expect(unchanged.status).toBe('received')
    expect(unchanged.forumDate).toBeUndefined()
  })
})

describe('Find', () => {
  it('lists submissions newest first, with no names, and filters by kind', async () => {
    await submit('forum-case', namedForumCase())
    await submit('suspension', suspension())
    const all = await get('/workspace/submissions')
    expect(all.status).toBe(200)
    expect(references(all.text)).toEqual(['IC-000002', 'IC-000001'])
    expect(all.text).toContain('2 submissions')
    expect(all.text).toContain('Suspension notice')
    expect(all.text).toContain('Ashby Primary')
    expect(all.text).toMatch(/<strong class="govuk-tag govuk-tag--blue">\s*Received\s*<\/strong>/)
    expect(all.text).not.toContain('Alex Child')
    expect(all.text).not.toContain('Sam Pupil')
    expect(all.text).toContain('href="/workspace/submissions/1"')

    const casesOnly = await get('/workspace/submissions?kind=forum-case')
    expect(references(casesOnly.text)).toEqual(['IC-000001'])
    expect(casesOnly.text).toMatch(/<option value="forum-case" selected>Forum case<\/option>/)
  })

  it('sends filters that name no one back as an address, so they can be bookmarked', async () => {
    const response = await workspacePost(intake.url, admin, '/workspace/submissions', { kind: 'suspension', status: 'received', overdue: 'yes', pupilName: '' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/workspace/submissions?kind=suspension&status=received&overdue=yes')
  })

  it('finds by reference, with or without the prefix and zeros, in any case', async () => {
    await submit('forum-case', namedForumCase())
    await submit('suspension', suspension())
    for (const reference of ['IC-000002', 'ic-000002', 'ic2', '000002', '2', ' IC-2 ']) {
      expect(references((await get(`/workspace/submissions?reference=${encodeURIComponent(reference)}`)).text), reference).toEqual(['IC-000002'])
    }
    expect(references((await get('/workspace/submissions?reference=IC-000009')).text)).toEqual([])
    const wrong = await get('/workspace/submissions?reference=AB-12')
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('Enter a reference like IC-000123')
    expect(wrong.text).toContain('<title>Error: Find submissions')
    expect(wrong.text).toContain('href="#reference"')
    expect(wrong.text).toContain('value="AB-12"')
  })

  it('finds by setting name, part of it, or URN', async () => {
    const { setting, code } = await createSetting(intake.store, { name: 'Birstall Academy', urn: '654321', phase: 'secondary' })
    await enrol(intake.url, code)
    await record({ kind: 'suspension', receivedAt: '2026-11-02T09:00:00.000Z' })
    await record({ kind: 'suspension', receivedAt: '2026-11-03T09:00:00.000Z' }, setting.id)
    expect(references((await get('/workspace/submissions?setting=birstall')).text)).toEqual(['IC-000002'])
    expect(references((await get('/workspace/submissions?setting=654321')).text)).toEqual(['IC-000002'])
    expect(references((await get('/workspace/submissions?setting=Ashby%20Primary')).text)).toEqual(['IC-000001'])
    // A LIKE wildcard typed is a character searched for, not a wildcard.
    expect(references((await get('/workspace/submissions?setting=%25')).text)).toEqual([])
  })

  it('filters by status', async () => {
    await submit('forum-case', namedForumCase())
    await submit('suspension', suspension())
    await intake.store.updateSubmissionStatus(1, { status: 'forum-date-set', forumDate: '2026-12-03' }, TODAY.toISOString())
    expect(references((await get('/workspace/submissions?status=forum-date-set')).text)).toEqual(['IC-000001'])
    expect(references((await get('/workspace/submissions?status=received')).text)).toEqual(['IC-000002'])
  })

  it('finds by the received date or the event date, inclusive of both ends', async () => {
    // Received 2, 3 and 4 November; the suspensions started 20 October and 3 November.
    await record({ kind: 'forum-case', receivedAt: '2026-11-02T09:00:00.000Z' })
    await record({ kind: 'suspension', receivedAt: '2026-11-03T23:30:00.000Z', eventDate: '2026-10-20' })
    await record({ kind: 'suspension', receivedAt: '2026-11-04T08:00:00.000Z', eventDate: '2026-11-03' })
    const range = (dateOn: string, from: [string, string, string], to: [string, string, string]) =>
      `/workspace/submissions?dateOn=${dateOn}&from-day=${from[0]}&from-month=${from[1]}&from-year=${from[2]}&to-day=${to[0]}&to-month=${to[1]}&to-year=${to[2]}`
    expect(references((await get(range('received', ['3', '11', '2026'], ['4', '11', '2026']))).text)).toEqual(['IC-000003', 'IC-000002'])
    expect(references((await get(range('received', ['2', '11', '2026'], ['2', '11', '2026']))).text)).toEqual(['IC-000001'])
    expect(references((await get(range('event', ['1', 'October', '2026'], ['31', '10', '2026']))).text)).toEqual(['IC-000002'])
    expect(references((await get(range('event', ['3', '11', '2026'], ['', '', '']))).text)).toEqual(['IC-000003'])
    // On the event date with no dates given: no range, so forum cases (which have no event date) are still found.
    expect(references((await get('/workspace/submissions?dateOn=event')).text)).toEqual(['IC-000003', 'IC-000002', 'IC-000001'])
    // Only "to": everything up to the end of that day.
    expect(references((await get(range('received', ['', '', ''], ['3', '11', '2026']))).text)).toEqual(['IC-000002', 'IC-000001'])
  })

  it('explains a date it cannot use, keeping what was typed', async () => {
    const unreal = await get('/workspace/submissions?from-day=31&from-month=2&from-year=2026')
    expect(unreal.status).toBe(400)
    expect(unreal.text).toContain('Date from must be a real date')
    expect(unreal.text).toContain('href="#from-day"')
    expect(unreal.text).toMatch(/id="from-day" name="from-day" type="text" value="31"/)
    const partial = await get('/workspace/submissions?to-day=4&to-year=2026')
    expect(partial.status).toBe(400)
    expect(partial.text).toContain('Date to must include a month')
    expect(partial.text).toContain('href="#to-month"')
    const backwards = await get('/workspace/submissions?from-day=4&from-month=11&from-year=2026&to-day=3&to-month=11&to-year=2026')
    expect(backwards.status).toBe(400)
    expect(backwards.text).toContain('Date to must be the same as or after date from')
  })

  it('finds overdue permanent exclusions: open, 6th school day passed, no education arranged', async () => {
    await record({ kind: 'permanent-exclusion', receivedAt: '2026-11-10T09:00:00.000Z', educationFrom: '2026-11-18', payload: permanentExclusion('Ola One', '2026-11-10', '2026-11-18') })
    await record({ kind: 'permanent-exclusion', receivedAt: '2026-11-11T09:00:00.000Z', educationFrom: '2026-11-19', payload: permanentExclusion('Tam Two', '2026-11-11', '2026-11-19') })
    await record({ kind: 'permanent-exclusion', receivedAt: '2026-11-20T09:00:00.000Z', educationFrom: '2026-11-25', payload: permanentExclusion('Uma Three', '2026-11-20', '2026-11-25') })
    await record({ kind: 'permanent-exclusion', receivedAt: '2026-11-12T09:00:00.000Z', educationFrom: '2026-11-20', payload: permanentExclusion('Vic Four', '2026-11-12', '2026-11-20') })
    await record({ kind: 'suspension', receivedAt: '2026-11-01T09:00:00.000Z' })
    const db = new Database(join(intake.dataDir, 'intake.sqlite'))
    db.prepare('UPDATE submissions SET education_arranged = 1 WHERE id = 2').run()
    db.prepare("UPDATE submissions SET case_state = 'withdrawn' WHERE id = 4").run()
    db.close()
    // Today is 25 November: number 3's 6th school day is today, so it is not yet overdue.
    const overdue = await get('/workspace/submissions?overdue=yes')
    expect(references(overdue.text)).toEqual(['IC-000001'])
    expect(overdue.text).toContain('href="/workspace/cases/1"')
    expect(overdue.text).toMatch(/id="overdue" name="overdue" type="checkbox" value="yes" checked/)
  })

  it('shows 50 a page with the total, pages by links that keep the filters, and stays within the pages there are', async () => {
    for (let day = 0; day < 120; day++) {
      await record({ kind: 'suspension', receivedAt: new Date(Date.UTC(2026, 8, 1, 9) + day * 3_600_000).toISOString() })
    }
    await record({ kind: 'forum-case', receivedAt: '2026-11-01T09:00:00.000Z' })
    const first = await get('/workspace/submissions?kind=suspension')
    expect(first.text).toContain('120 submissions')
    expect(first.text).toContain('Showing 1 to 50 of 120, newest first')
    expect(references(first.text)).toHaveLength(50)
    expect(references(first.text)[0]).toBe('IC-000120')
    expect(first.text).toContain('href="/workspace/submissions?kind=suspension&amp;page=2" rel="next"')
    const third = await get('/workspace/submissions?kind=suspension&page=3')
    expect(third.text).toContain('Showing 101 to 120 of 120, newest first')
    expect(references(third.text)).toEqual(Array.from({ length: 20 }, (_, index) => `IC-${String(20 - index).padStart(6, '0')}`))
    expect(third.text).toContain('href="/workspace/submissions?kind=suspension&amp;page=2" rel="prev"')
    const beyond = await get('/workspace/submissions?kind=suspension&page=99')
    expect(beyond.text).toContain('Showing 101 to 120 of 120, newest first')
    expect((await get('/workspace/submissions')).text).toContain('121 submissions')
  })
})

describe('Find’s queries', () => {
  it('never read the whole table: every search is served by an index', () => {
    const filters: SubmissionFilter[] = [
      {}, { kind: 'suspension' }, { status: 'plan-issued' }, { settingId: intake.settingId }, { setting: '123456' }, { id: 123 },
      { dateOn: 'received', from: '2026-11-01', to: '2026-11-30' }, { dateOn: 'event', from: '2026-11-01', to: '2026-11-30' },
      { pupilName: { name: 'sam pupil', match: 'exact' } }, { pupilName: { name: 'sa', match: 'prefix' } }, { overdueOn: '2026-11-25' },
      { kind: 'suspension', status: 'received', dateOn: 'event', from: '2026-11-01' },
    ]
    for (const filter of filters) {
      const plan = (intake.store as SqliteStore).findSubmissionsPlan(filter)
      // "SCAN s" with no index is a read of every row; the settings table (a thousand rows) may be scanned.
      expect(plan.filter((line) => /^SCAN (s|submissions)$/.test(line)), JSON.stringify(filter)).toEqual([])
    }
  })
})

describe('Find by pupil name', () => {
  beforeEach(async () => {
    await submit('suspension', suspension('Sam Pupil'))
    await submit('suspension', suspension('Samira Khan'))
    await submit('forum-case', namedForumCase({ child: { name: 'Sam  PUPIL', dateOfBirth: '2017-05-05' } }))
    await submit('suspension', suspension('Alex Other'))
  })

  it('finds the exact name, however it is spaced or capitalised, and shows names only here', async () => {
    const found = await send('/workspace/submissions', { pupilName: '  sam pupil ', nameMatch: 'exact' })
    expect(found.status).toBe(200)
    expect(found.headers.get('location')).toBeNull()
    expect(references(found.text)).toEqual(['IC-000003', 'IC-000001'])
    expect(found.text).toContain('<th scope="col" class="govuk-table__header">Pupil</th>')
    expect(found.text).toContain('Sam  PUPIL')
    expect(found.text).not.toContain('Samira Khan')
    expect(found.text).toContain('Results of a search by name cannot be exported')
  })

  it('finds names that start with what was typed', async () => {
    const found = await send('/workspace/submissions', { pupilName: 'SAM', nameMatch: 'prefix' })
    expect(references(found.text)).toEqual(['IC-000003', 'IC-000002', 'IC-000001'])
    expect(found.text).toContain('Samira Khan')
    expect(found.text).toMatch(/value="prefix" checked/)
    // With the other filters too.
    expect(references((await send('/workspace/submissions', { pupilName: 'sam', nameMatch: 'prefix', kind: 'forum-case' })).text)).toEqual(['IC-000003'])
    const tooShort = await send('/workspace/submissions', { pupilName: 's', nameMatch: 'prefix' })
    expect(tooShort.status).toBe(400)
    expect(tooShort.text).toContain('Enter at least 2 letters of the pupil’s name')
    expect(tooShort.text).toContain('value="s"')
  })

  it('never puts the name in an address, and records the search without the name', async () => {
    const found = await send('/workspace/submissions', { pupilName: 'Samira', nameMatch: 'prefix' })
    expect(addresses(found.text).length).toBeGreaterThan(0)
    expect(addresses(found.text).filter((address) => /sam/i.test(address))).toEqual([])
    expect(await auditActions()).toContainEqual(['Searched by pupil name', ''])
    const entries = (await intake.store.audit.list({}, 100, 0)).entries
    expect(JSON.stringify(entries)).not.toMatch(/samira/i)
    // A name in an address is refused, not searched on; and never exported.
    for (const path of ['/workspace/submissions?pupilName=Samira', '/workspace/submissions/export.csv?pupilName=Samira&nameMatch=prefix']) {
      const refused = await get(path)
      expect(refused.status, path).toBe(400)
      expect(refused.text).toContain('Search by name with the form')
      expect(refused.text).not.toContain('Samira Khan')
    }
  })

  it('pages a search by name by form, with the name in the body', async () => {
    for (let index = 0; index < 52; index++) await record({ kind: 'suspension', receivedAt: `2026-10-01T09:${String(index).padStart(2, '0')}:00.000Z`, payload: { pupil: { name: `Samuel ${index}` } } })
    const first = await send('/workspace/submissions', { pupilName: 'sam', nameMatch: 'prefix' })
    expect(first.text).toContain('Showing 1 to 50 of 55, newest first')
    expect(first.text).toContain('<input type="hidden" name="pupilName" value="sam">')
    expect(first.text).toContain('<input type="hidden" name="page" value="2">')
    expect(first.text).not.toContain('rel="next"')
    const second = await send('/workspace/submissions', { pupilName: 'sam', nameMatch: 'prefix', page: '2' })
    expect(second.text).toContain('Showing 51 to 55 of 55, newest first')
    expect(references(second.text)).toEqual(['IC-000009', 'IC-000008', 'IC-000007', 'IC-000006', 'IC-000005'])
    expect(second.text).toContain('<input type="hidden" name="page" value="1">')
  })
})

describe('a submission’s page', () => {
  it('shows what a forum case sent, with consent in the setting’s words, and audits the view', async () => {
    await submit('forum-case', namedForumCase())
    const detail = await get('/workspace/submissions/1')
    expect(detail.status).toBe(200)
    expect(detail.text).toContain('Alex Child')
    expect(detail.text).toContain('Pat Parent')
    expect(detail.text).toMatch(/<dt class="govuk-summary-list__key">\s*How\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*In person\s*<\/dd>/)
    expect(detail.text).not.toContain('in-person')
    // Nested parts under their own headings; dates written out.
    expect(detail.text).toContain('<h3 class="govuk-heading-s">Strategies (1 of 1)</h3>')
    expect(detail.text).toContain('Movement breaks')
    expect(detail.text).toContain('5 May 2017')
    expect(await auditActions()).toContainEqual(['Viewed submission', 'IC-000001'])
  })

  it('shows no banner for a change it does not know, an inherited name such as constructor included', async () => {
    await submit('forum-case', namedForumCase())
    for (const updated of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'unknown']) {
      const shown = await get(`/workspace/submissions/1?updated=${updated}`)
      expect(shown.status).toBe(200)
      expect(shown.text).not.toContain('govuk-notification-banner')
      expect(shown.text).not.toContain('native code')
    }
  })

  it('sets a forum date that the device then sees, and keeps it after the plan is issued, which closes the record', async () => {
    const caseKey = await submit('forum-case', namedForumCase())
    const set = await send('/workspace/submissions/1/forum-date', { 'forumDate-day': '3', 'forumDate-month': '12', 'forumDate-year': '2026' })
    expect(set.status).toBe(303)
    expect(set.headers.get('location')).toBe('/workspace/submissions/1?updated=forum-date')
    const after = await get('/workspace/submissions/1?updated=forum-date')
    expect(after.text).toContain('Forum date set. The setting’s device will show it.')
    expect(after.text).toMatch(/id="forumDate-day" name="forumDate-day" type="text" value="3"/)
    expect((await deviceStatuses()).find((report) => report.idempotencyKey === caseKey)).toMatchObject({ reference: 'IC-000001', status: 'forum-date-set', forumDate: '2026-12-03' })

    // Recording the plan issues it.
    expect((await send('/workspace/submissions/1/plan', PLAN_FIELDS)).status).toBe(303)
    const issued = (await intake.store.submission(1))!
    expect(issued.status).toBe('plan-issued')
    expect(issued.closedAt).toBe(TODAY.toISOString())
    // A corrected forum date does not reopen it.
    await send('/workspace/submissions/1/forum-date', { 'forumDate-day': '4', 'forumDate-month': '12', 'forumDate-year': '2026' })
    expect(await intake.store.submission(1)).toMatchObject({ status: 'plan-issued', forumDate: '2026-12-04', closedAt: TODAY.toISOString() })
    expect((await deviceStatuses())[0]).toMatchObject({ status: 'plan-issued', forumDate: '2026-12-04' })
    expect((await auditActions()).filter(([action]) => action !== 'Viewed submission' && action !== 'Signed in')).toEqual([
      ['Set forum date', 'IC-000001'],
      ['Recorded education plan', 'IC-000001'],
      ['Set forum date', 'IC-000001'],
    ].reverse())
  })

  it('refuses a forum date that is missing, not real, or before the case was received, keeping what was typed', async () => {
    await record({ kind: 'forum-case', receivedAt: '2026-11-20T09:00:00.000Z', payload: namedForumCase() })
    const cases: [Record<string, string>, string, string][] = [
      [{}, 'Enter the forum date', '#forumDate-day'],
      [{ 'forumDate-day': '3', 'forumDate-year': '2026' }, 'Forum date must include a month', '#forumDate-month'],
      [{ 'forumDate-day': '30', 'forumDate-month': '2', 'forumDate-year': '2026' }, 'Forum date must be a real date', '#forumDate-day'],
      [{ 'forumDate-day': '19', 'forumDate-month': '11', 'forumDate-year': '2026' }, 'Forum date must be the same as or after 20 November 2026, when the case was received', '#forumDate-day'],
    ]
    for (const [fields, message, href] of cases) {
      const refused = await send('/workspace/submissions/1/forum-date', fields)
      expect(refused.status, message).toBe(400)
      expect(refused.text).toContain(message)
      expect(refused.text).toContain(`href="${href}"`)
      if (fields['forumDate-day']) expect(refused.text).toContain(`value="${fields['forumDate-day']}"`)
      // The form can be sent again: the page carries a fresh token.
      expect(refused.text).toMatch(/name="_csrf" value="[^"]+"/)
    }
    expect((await intake.store.submission(1))!.status).toBe('received')
    // The day it was received will do.
    expect((await send('/workspace/submissions/1/forum-date', { 'forumDate-day': '20', 'forumDate-month': '11', 'forumDate-year': '2026' })).status).toBe(303)
  })

  it('records a suspension’s outcome from the fixed list only, which closes the record and reaches the device', async () => {
    await submit('suspension', suspension())
    const page = await get('/workspace/submissions/1')
    expect(page.text).toContain('value="Contact made to discuss support"')
    const madeUp = await send('/workspace/submissions/1/outcome', { outcome: 'Alex was moved to another school' })
    expect(madeUp.status).toBe(400)
    expect(madeUp.text).toContain('Select the outcome')
    expect(madeUp.text).not.toContain('Alex was moved')
    expect((await send('/workspace/submissions/1/outcome', {})).status).toBe(400)
    expect((await send('/workspace/submissions/1/outcome', { outcome: 'Contact made to discuss support' })).status).toBe(303)
    expect(await intake.store.submission(1)).toMatchObject({ status: 'outcome-recorded', outcome: 'Contact made to discuss support', closedAt: TODAY.toISOString() })
    expect((await deviceStatuses())[0]).toMatchObject({ status: 'outcome-recorded', outcome: 'Contact made to discuss support' })
    expect(await auditActions()).toContainEqual(['Recorded outcome', 'IC-000001'])
  })

  it('keeps a forum date and a plan to forum cases, and an outcome to notices: a clear 400 page (a notice has no plan page: 404), nothing changed', async () => {
    await submit('forum-case', namedForumCase())
    await submit('suspension', suspension())
    const forumDate = await send('/workspace/submissions/2/forum-date', { 'forumDate-day': '3', 'forumDate-month': '12', 'forumDate-year': '2026' })
    expect(forumDate.status).toBe(400)
    expect(forumDate.text).toContain('Only a forum case has a forum date')
    expect(forumDate.text).toContain('IC-000002 is a suspension notice, not a forum case. Nothing has been changed.')
    const plan = await send('/workspace/submissions/2/plan', PLAN_FIELDS)
    expect(plan.status).toBe(404)
    expect(plan.text).toContain('Page not found')
    const outcome = await send('/workspace/submissions/1/outcome', { outcome: 'Noted' })
    expect(outcome.status).toBe(400)
    expect(outcome.text).toContain('A forum case has no outcome to record')
    expect((await intake.store.submission(1))!.status).toBe('received')
    expect((await intake.store.submission(2))!.status).toBe('received')
  })

  it('sends a permanent exclusion to its case, and notes an outcome sent after it', async () => {
    await record({ kind: 'permanent-exclusion', receivedAt: '2026-11-10T09:00:00.000Z', educationFrom: '2026-11-18', payload: permanentExclusion('Ola One', '2026-11-10', '2026-11-18') })
    await record({ kind: 'permanent-exclusion-update', receivedAt: '2026-11-12T09:00:00.000Z', payload: { outcome: 'upheld', decidedOn: '2026-11-12' } })
    const exclusion = await get('/workspace/submissions/1')
    expect(exclusion.status).toBe(303)
    expect(exclusion.headers.get('location')).toBe('/workspace/cases/1')
    const refused = await send('/workspace/submissions/1/outcome', { outcome: 'Noted' })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('A permanent exclusion is worked as a case')

    const update = await get('/workspace/submissions/2')
    expect(update.text).toContain('Permanent exclusion outcome')
    expect(update.text).toContain('Record outcome: Noted')
    expect((await send('/workspace/submissions/2/outcome', { outcome: 'Noted' })).status).toBe(303)
    expect(await intake.store.submission(2)).toMatchObject({ status: 'outcome-recorded', outcome: 'Noted' })
  })

  it('says a case marked plan issued before plans were recorded here has no plan recorded', async () => {
    await submit('forum-case', namedForumCase())
    // As the "plan issued" button, since removed, left such a case.
    await intake.store.updateSubmissionStatus(1, { status: 'plan-issued', closes: true }, TODAY.toISOString())
    expect((await get('/workspace/submissions/1')).text).toContain('The education plan has been issued. It was marked as issued before plans were recorded here, so no plan is recorded.')
  })

  it('answers the old "plan issued" address with the 404 page and changes nothing: recording the plan issues it', async () => {
    await submit('forum-case', namedForumCase())
    const old = await send('/workspace/submissions/1/plan-issued', {})
    expect(old.status).toBe(404)
    expect(old.text).toContain('Page not found')
    expect((await intake.store.submission(1))!.status).toBe('received')
  })

  it('answers an unknown record with a 404 page, and an address that is not a record with 400', async () => {
    const unknown = await get('/workspace/submissions/99')
    expect(unknown.status).toBe(404)
    expect(unknown.text).toContain('Page not found')
    expect((await send('/workspace/submissions/99/forum-date', { 'forumDate-day': '3', 'forumDate-month': '12', 'forumDate-year': '2026' })).status).toBe(404)
    expect((await get('/workspace/submissions/abc')).status).toBe(400)
  })

  it('escapes what settings sent when showing it', async () => {
    await submit('forum-case', namedForumCase({ child: { name: '<script>alert(1)</script>', dateOfBirth: '2017-05-05' } }))
    const detail = await get('/workspace/submissions/1')
    expect(detail.text).not.toContain('<script>alert(1)</script>')
    expect(detail.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('lets a viewer read but not act', async () => {
    await createOfficer(intake.store, { username: 'reader', displayName: 'Rea Der', role: 'viewer', password: 'a long viewer password' })
    const viewer = await signIn(intake.url, 'reader', 'a long viewer password')
    await submit('forum-case', namedForumCase())
    await submit('suspension', suspension())
    const page = await get('/workspace/submissions/1', viewer)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Alex Child')
    expect(page.text).not.toContain('Set forum date')
    expect(page.text).not.toContain('Record the education plan')
    expect((await send('/workspace/submissions/1/forum-date', { 'forumDate-day': '3', 'forumDate-month': '12', 'forumDate-year': '2026' }, viewer)).status).toBe(403)
    expect((await send('/workspace/submissions/1/plan', PLAN_FIELDS, viewer)).status).toBe(403)
    expect((await send('/workspace/submissions/2/outcome', { outcome: 'Noted' }, viewer)).status).toBe(403)
    expect((await intake.store.submission(1))!.status).toBe('received')
    expect((await intake.store.submission(2))!.status).toBe('received')
    expect((await get('/workspace/submissions', viewer)).status).toBe(200)
  })

  it('lets an officer act', async () => {
    await createOfficer(intake.store, { username: 'worker', displayName: 'Wor Ker', role: 'officer', password: 'a long officer password' })
    const officer = await signIn(intake.url, 'worker', 'a long officer password')
    await submit('suspension', suspension())
    expect((await send('/workspace/submissions/1/outcome', { outcome: 'Noted' }, officer)).status).toBe(303)
    const entry = (await intake.store.audit.list({}, 10, 0)).entries.find((candidate) => candidate.action === 'Recorded outcome')
    expect(entry).toMatchObject({ officerUsername: 'worker', subject: 'IC-000001' })
  })
})

describe('CSV export', () => {
  it('exports what the filters find, with formulas made inert, and audits it', async () => {
    const { code } = await createSetting(intake.store, { name: '=HYPERLINK("x")', urn: '222222', phase: 'primary' })
    const other = await enrol(intake.url, code)
    const key = crypto.randomUUID()
    await post(intake.url, other, key, await sealedBody(other, 'suspension', key, suspension()))
    await submit('forum-case', namedForumCase())
    const csv = await get('/workspace/submissions/export.csv?kind=suspension')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="submissions-2026-11-25.csv"')
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toBe('"Reference","Kind","Setting","Received","Status","Forum date","Outcome"')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^"IC-000001","Suspension notice","'=HYPERLINK\(""x""\)",/)
    expect(csv.text).not.toContain('Sam Pupil')
    expect(await auditActions()).toContainEqual(['Exported submissions CSV', ''])
    // The page links to the CSV of what it shows.
    expect((await get('/workspace/submissions?kind=suspension')).text).toContain('href="/workspace/submissions/export.csv?kind=suspension"')
  })
})

describe('rate limits', () => {
  it('counts requests with made-up tokens against the IP, so they cannot dodge the limit', async () => {
    const limited = await startIntake({ rateLimitPerMinute: 3 })
    try {
      const statuses = []
      for (let request = 0; request < 4; request++) {
        const response = await fetch(`${limited.url}/api/submissions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer made-up-token-number-${request}-padding`, 'Idempotency-Key': crypto.randomUUID() },
          body: '{}',
        })
        statuses.push(response.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    } finally {
      await limited.close()
    }
  })

  it('counts submissions per device once it has proved who it is: one device sending fast does not hold up another', async () => {
    const limited = await startIntake({ submissionsPerDevicePerMinute: 2 })
    try {
      const fast = await enrol(limited.url, limited.code)
      const { code } = await createSetting(limited.store, { name: 'Birstall Academy', urn: '654321', phase: 'secondary' })
      const other = await enrol(limited.url, code)
      const sendOne = async (sender: EnrolledDevice) => {
        const key = crypto.randomUUID()
        return post(limited.url, sender, key, await sealedBody(sender, 'suspension', key, suspension()))
      }
      const statuses = []
      for (let request = 0; request < 3; request++) statuses.push((await sendOne(fast)).status)
      expect(statuses).toEqual([201, 201, 429])
      const refused = await sendOne(fast)
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await refused.json()).toMatchObject({ status: 429, title: 'Too many requests', detail: 'This device is sending too fast. It will try again.' })
      expect((await sendOne(other)).status).toBe(201)
    } finally {
      await limited.close()
    }
  })

  it('counts signed-out requests to the workspace’s pages against the per-IP limit, made-up session or not', async () => {
    const limited = await startIntake({ rateLimitPerMinute: 3 })
    try {
      const statuses = []
      for (let request = 0; request < 4; request++) {
        statuses.push((await fetch(`${limited.url}/workspace/submissions`, { redirect: 'manual', headers: { cookie: 'ic_workspace=made-up-session-token-000000' } })).status)
      }
      expect(statuses).toEqual([303, 303, 303, 429])
    } finally {
      await limited.close()
    }
  })

  it('answers 429 with Retry-After past the per-IP limit', async () => {
    const limited = await startIntake({ rateLimitPerMinute: 3 })
    try {
      const statuses = []
      for (let request = 0; request < 4; request++) statuses.push((await fetch(`${limited.url}/api/health`)).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      const response = await fetch(`${limited.url}/api/health`)
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await response.json()).toMatchObject({ status: 429, title: 'Too many requests' })
    } finally {
      await limited.close()
    }
  })
})
