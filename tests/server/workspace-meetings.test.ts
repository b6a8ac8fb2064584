import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer, createSetting } from '../../server/service'
import type { ForumMeeting } from '../../src/domain/content-schema'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { SubmissionStatusReport } from '../../src/domain/submissions'
import {
  enrol, namedForumCase, sendSubmission, signIn, startIntake, suspension, workspaceGet, workspacePost,
  type EnrolledDevice, type Intake, type WorkspaceSession,
} from './intake-harness'

// The workspace's clock: a Wednesday in the autumn term.
const TODAY = new Date('2026-11-25T10:00:00Z')

// Test meetings, as the Inclusion Service would publish them: test venues, plausible dates.
const DECEMBER: ForumMeeting = { id: 'primary-2026-12-03', forum: 'primary', date: '2026-12-03', start: '13:30', end: '15:30', place: 'Test venue: room 1', online: false, slots: 2 }
const JANUARY: ForumMeeting = { id: 'primary-2027-01-14', forum: 'primary', date: '2027-01-14', start: '09:30', online: true, slots: 8 }
const PAST: ForumMeeting = { id: 'primary-2026-11-12', forum: 'primary', date: '2026-11-12', start: '13:30', end: '15:00', place: 'Test venue: room 2', online: true, slots: 4 }
const SECONDARY: ForumMeeting = { id: 'secondary-2026-12-10', forum: 'secondary', area: 'Test area', date: '2026-12-10', start: '10:00', place: 'Test venue: room 3', online: false, slots: 6 }

const anonymousCase = (overrides: Record<string, unknown> = {}) => {
  const { child: _child, consent: _consent, ...rest } = namedForumCase()
  return { ...rest, caseType: 'anonymous', yearGroup: 'year-5', sections: { attendance: {}, strategies: [], behaviourInSetting: 'What happens, in the setting’s words.' }, ...overrides }
}

let intake: Intake
let device: EnrolledDevice
let admin: WorkspaceSession
beforeEach(async () => {
  intake = await startIntake({ now: () => TODAY })
  device = await enrol(intake.url, intake.code)
  admin = await signIn(intake.url)
  await publishMeetings([DECEMBER, JANUARY, PAST, SECONDARY])
})
afterEach(() => intake.close())

const publishMeetings = (meetings: ForumMeeting[]) =>
  intake.store.content.publishContent(JSON.stringify({ ...defaultContent, forumMeetings: meetings }), TODAY.toISOString(), { note: 'Test meetings' })

const get = async (path: string, session = admin) => {
  const response = await workspaceGet(intake.url, session, path)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const send = async (path: string, fields: Record<string, string>, session = admin) => {
  const response = await workspacePost(intake.url, session, path, fields)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}

const statusesOf = async (of: EnrolledDevice) =>
  ((await (await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: `Bearer ${of.token}` } })).json()) as { submissions: SubmissionStatusReport[] }).submissions
const statusOf = async (reference: string) => (await statusesOf(device)).find((status) => status.reference === reference)!
const auditEntries = async () => (await intake.store.audit.list({}, 100, 0)).entries.map((entry): [string, string] => [entry.action, entry.subject ?? '']).reverse()
/** The references linked to in a part of a page, in order. */
const references = (html: string) => [...html.matchAll(/href="\/workspace\/submissions\/\d+">(IC-\d{6})<\/a>/g)].map((match) => match[1])
/** The message beside a field (GOV.UK's `<id>-error`), as read out. */
const fieldError = (html: string, id: string) => new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html)?.[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()
/** The page from a heading on, up to the next h2. */
const section = (html: string, heading: string) => {
  const start = html.indexOf(heading)
  expect(start, `no “${heading}”`).toBeGreaterThan(-1)
  const end = html.indexOf('<h2', start + heading.length)
  return html.slice(start, end === -1 ? undefined : end)
}
const errorSummary = (html: string) => section(html, 'There is a problem')
/** A select's options: value and words. */
const options = (html: string, id: string) => {
  const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1]!
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((match) => [match[1], match[2]!.trim()])
}
const decode = (html: string) => html.replace(/&#39;/g, '’').replace(/&amp;/g, '&')

/** The education plan form as an officer fills it in after the forum (test values): recording it issues the plan. */
const PLAN_FIELDS = {
  advice: 'best-endeavours', 'action-1-what': 'Daily check-in with a trusted adult', 'action-1-who': 'SENCO',
  'action-1-by-day': '8', 'action-1-by-month': '1', 'action-1-by-year': '2027', 'review-day': '12', 'review-month': '3', 'review-year': '2027',
}
const sendCase = async (payload: unknown = namedForumCase(), from = device) => (await sendSubmission(intake.url, from, 'forum-case', payload)).reference
const assign = (meetingId: string, reference: string, session = admin) => send(`/workspace/meetings/${meetingId}/assign`, { submission: String(Number(reference.slice(3))) }, session)

describe('the meetings page', () => {
  it('lists the published meetings upcoming soonest first with their slots, past ones on their own, and the cases waiting', async () => {
    const first = await sendCase(namedForumCase({ preferredMeeting: 'next' }))
    const second = await sendCase(anonymousCase({ forum: 'secondary', yearGroup: 'year-8', preferredMeeting: 'secondary-2026-12-10' }))
    await sendSubmission(intake.url, device, 'suspension', suspension())
    await assign(DECEMBER.id, await sendCase())

    const page = await get('/workspace/meetings')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<a class="govuk-service-navigation__link" href="/workspace/meetings" aria-current="true">')
    const upcoming = section(page.text, 'Upcoming meetings, the soonest first')
    const rows = [...upcoming.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => decode(cell[1]!.replace(/<[^>]+>/g, '').trim())))
    expect(rows).toEqual([
      ['Thursday 3 December 2026', '1:30pm to 3:30pm', 'Primary inclusion forum', '', 'Test venue: room 1', '1 of 2 slots taken'],
      ['Thursday 10 December 2026', '10am', 'Secondary inclusion forum', 'Test area', 'Test venue: room 3', '0 of 6 slots taken'],
      ['Thursday 14 January 2027', '9:30am', 'Primary inclusion forum', '', 'Online', '0 of 8 slots taken'],
    ])
    expect(upcoming).toContain('href="/workspace/meetings/primary-2026-12-03"')
    expect(page.text).not.toContain('12 November 2026')

    const waiting = section(page.text, 'Cases waiting for a meeting (2)')
    expect(references(waiting)).toEqual([first, second])
    expect(decode(waiting)).toContain('The next meeting')
    expect(decode(waiting)).toContain('Thursday 10 December 2026, Test area')
    expect(waiting).toContain('Secondary inclusion forum')
    expect(waiting).toContain('Anonymous')
    expect(waiting).not.toContain('Alex Child')

    const past = await get('/workspace/meetings?show=past')
    expect(past.status).toBe(200)
    const pastMeetings = section(past.text, 'Past meetings, the latest first')
    expect(pastMeetings).toContain('Thursday 12 November 2026')
    // Not the whole page: the cases waiting show when they were received, on the real clock.
    expect(pastMeetings).not.toContain('3 December 2026')
  })
})

describe('assigning from a meeting’s page', () => {
  it('assigns a waiting case: it is listed at the meeting, audited by reference, and its device is told the meeting', async () => {
    const reference = await sendCase()
    const before = await get(`/workspace/meetings/${DECEMBER.id}`)
    expect(references(section(before.text, 'Cases waiting for the Primary inclusion forum (1)'))).toEqual([reference])

    const answer = await assign(DECEMBER.id, reference)
    expect(answer.status).toBe(303)
    expect(answer.location).toBe(`/workspace/meetings/${DECEMBER.id}?done=assigned`)
    const after = await get(answer.location!)
    expect(decode(after.text)).toContain('Case assigned to this meeting. The setting’s device will show the meeting.')
    expect(references(section(after.text, 'Cases at this meeting (1)'))).toEqual([reference])
    expect(after.text).toContain('1 of 2 slots taken')
    expect(section(after.text, 'Cases waiting for the Primary inclusion forum (0)')).toContain('No case of this forum is waiting for a meeting.')
    expect(await auditEntries()).toContainEqual(['Assigned to forum meeting primary-2026-12-03', reference])

    expect(await statusOf(reference)).toMatchObject({
      status: 'forum-date-set',
      forumDate: '2026-12-03',
      updatedAt: TODAY.toISOString(),
      meeting: { id: 'primary-2026-12-03', forum: 'primary', date: '2026-12-03', start: '13:30', end: '15:30', place: 'Test venue: room 1', online: false },
    })
    expect('slots' in (await statusOf(reference)).meeting!).toBe(false)
  })

  it('refuses a case once the meeting’s slots are all taken, with its message, and leaves the case waiting', async () => {
    const [first, second, third] = [await sendCase(), await sendCase(), await sendCase()]
    expect((await assign(DECEMBER.id, first)).status).toBe(303)
    expect((await assign(DECEMBER.id, second)).status).toBe(303)

    const full = await get(`/workspace/meetings/${DECEMBER.id}`)
    expect(full.text).toContain('2 of 2 slots taken')
    expect(full.text).toContain('This meeting is full. Move or remove a case to free a slot, or assign cases to another meeting.')
    expect(section(full.text, 'Cases waiting for the Primary inclusion forum (1)')).toMatch(/<button[^>]*disabled[^>]*>\s*Assign <span class="govuk-visually-hidden">IC-000003<\/span>/)

    const refused = await assign(DECEMBER.id, third)
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)).toContain('href="#assign-3"')
    expect(refused.text).toContain('Meeting full: all 2 slots are taken. Select another meeting')
    expect(refused.text).toContain('<p class="govuk-error-message" id="assign-3">')
    expect(await statusOf(third)).toMatchObject({ status: 'received' })
    expect((await statusOf(third)).meeting).toBeUndefined()
    expect(await intake.store.meetings.caseCounts()).toEqual(new Map([['primary-2026-12-03', 2]]))
  })

  it('moves a case to another meeting of its forum: the device’s report changes to the new meeting', async () => {
    const reference = await sendCase()
    await assign(DECEMBER.id, reference)
    const assigned = await statusOf(reference)

    const page = await get(`/workspace/meetings/${DECEMBER.id}`)
    // Only upcoming meetings of the forum with a slot, not the one it is at.
    expect(options(page.text, 'move-1')).toEqual([['', 'Select a meeting'], ['primary-2027-01-14', 'Thursday 14 January 2027, 9:30am, Online (0 of 8 slots taken)']])

    const moved = await send(`/workspace/meetings/${DECEMBER.id}/move`, { submission: '1', to: JANUARY.id })
    expect(moved.status).toBe(303)
    expect(moved.location).toBe(`/workspace/meetings/${DECEMBER.id}?done=moved`)
    expect((await get(moved.location!)).text).toContain('No case is assigned to this meeting.')
    expect(references(section((await get(`/workspace/meetings/${JANUARY.id}`)).text, 'Cases at this meeting (1)'))).toEqual([reference])
    expect(await auditEntries()).toContainEqual(['Moved from forum meeting primary-2026-12-03 to primary-2027-01-14', reference])

    const status = await statusOf(reference)
    expect(status).toMatchObject({ status: 'forum-date-set', forumDate: '2027-01-14', meeting: { id: 'primary-2027-01-14', forum: 'primary', date: '2027-01-14', start: '09:30', online: true } })
    expect(status.meeting).toEqual({ id: 'primary-2027-01-14', forum: 'primary', date: '2027-01-14', start: '09:30', online: true })
    // The device takes a report only when its updated time differs from the last one it took.
    expect(status.updatedAt).toBe(TODAY.toISOString())
    expect(assigned.meeting!.id).toBe('primary-2026-12-03')
  })

  it.each([
    ['no meeting chosen', '', 'Select a meeting'],
    ['a meeting that has taken place', PAST.id, 'The meeting on Thursday 12 November 2026 has taken place: select an upcoming meeting'],
    ['a meeting of another forum', SECONDARY.id, 'That meeting is of the Secondary inclusion forum: select a meeting of the Primary inclusion forum'],
    ['a meeting not published', 'primary-2030-01-01', 'That meeting is not published: select another meeting'],
  ])('refuses a move to %s, with the message beside the list', async (_name, to, message) => {
    const reference = await sendCase()
    await assign(DECEMBER.id, reference)
    const refused = await send(`/workspace/meetings/${DECEMBER.id}/move`, { submission: '1', to })
    expect(refused.status).toBe(400)
    expect(refused.text).toMatch(/^[\s\S]*<title>Error: /)
    expect(errorSummary(refused.text)).toContain('href="#move-1"')
    expect(fieldError(refused.text, 'move-1')).toBe(`Error: ${message}`)
    expect((await statusOf(reference)).meeting!.id).toBe('primary-2026-12-03')
  })

  it('removes a case from its meeting: waiting again, and its device is told it has no meeting', async () => {
    const reference = await sendCase()
    await assign(DECEMBER.id, reference)
    const removed = await send(`/workspace/meetings/${DECEMBER.id}/remove`, { submission: '1' })
    expect(removed.status).toBe(303)
    expect(removed.location).toBe(`/workspace/meetings/${DECEMBER.id}?done=removed`)
    expect(references(section((await get('/workspace/meetings')).text, 'Cases waiting for a meeting (1)'))).toEqual([reference])
    expect(await auditEntries()).toContainEqual(['Removed from forum meeting primary-2026-12-03', reference])
    const status = await statusOf(reference)
    expect(status.status).toBe('received')
    expect(status.forumDate).toBeUndefined()
    expect(status.meeting).toBeUndefined()

    // Removed meanwhile by another officer: the message points to the meeting's cases, where the case no longer is.
    const again = await send(`/workspace/meetings/${DECEMBER.id}/remove`, { submission: '1' })
    expect(again.status).toBe(400)
    expect(errorSummary(again.text)).toContain(`<a href="#cases">${reference} is not at this meeting: it may have been moved or removed</a>`)
    expect((await auditEntries()).filter(([action]) => action.startsWith('Removed'))).toHaveLength(1)
  })
})

describe('a forum case’s Meeting block', () => {
  it('offers the upcoming meetings of its forum with a slot, assigns and moves, and shows the meeting', async () => {
    const reference = await sendCase(namedForumCase({ preferredMeeting: JANUARY.id }))
    const page = await get('/workspace/submissions/1')
    expect(decode(page.text)).toContain('Not assigned to a meeting')
    expect(page.text).toContain('Thursday 14 January 2027')
    expect(options(page.text, 'meeting')).toEqual([
      ['', 'Select a meeting'],
      ['primary-2026-12-03', 'Thursday 3 December 2026, 1:30pm to 3:30pm, Test venue: room 1 (0 of 2 slots taken)'],
      ['primary-2027-01-14', 'Thursday 14 January 2027, 9:30am, Online (0 of 8 slots taken)'],
    ])

    const assigned = await send('/workspace/submissions/1/meeting', { meeting: DECEMBER.id })
    expect(assigned.status).toBe(303)
    expect(assigned.location).toBe('/workspace/submissions/1?updated=meeting-assigned')
    const shown = await get(assigned.location!)
    expect(decode(shown.text)).toContain('Case assigned to the meeting. The setting’s device will show the meeting.')
    expect(shown.text).toContain('<a class="govuk-link" href="/workspace/meetings/primary-2026-12-03">Thursday 3 December 2026</a>')
    expect(options(shown.text, 'meeting').map(([value]) => value)).toEqual(['', 'primary-2027-01-14'])
    expect(shown.text).toContain('Move to this meeting')

    const moved = await send('/workspace/submissions/1/meeting', { meeting: JANUARY.id })
    expect(moved.location).toBe('/workspace/submissions/1?updated=meeting-moved')
    expect((await statusOf(reference)).meeting).toEqual({ id: 'primary-2027-01-14', forum: 'primary', date: '2027-01-14', start: '09:30', online: true })
    expect((await auditEntries()).filter(([action]) => action.includes('forum meeting'))).toEqual([
      ['Assigned to forum meeting primary-2026-12-03', reference],
      ['Moved from forum meeting primary-2026-12-03 to primary-2027-01-14', reference],
    ])
  })

  it.each([
    ['no meeting chosen', '', 'Select a meeting'],
    ['a meeting that has taken place', PAST.id, 'The meeting on Thursday 12 November 2026 has taken place: select an upcoming meeting'],
    ['a meeting not published', 'no-such-meeting', 'That meeting is not published: select another meeting'],
  ])('refuses %s with the message beside the field', async (_name, meeting, message) => {
    await sendCase()
    const refused = await send('/workspace/submissions/1/meeting', { meeting })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)).toContain(`<a href="#meeting">${message}</a>`)
    expect(fieldError(refused.text, 'meeting')).toBe(`Error: ${message}`)
    expect((await intake.store.submission(1))!.status).toBe('received')
  })

  it('refuses a full meeting beside the field, keeping the choice', async () => {
    await assign(DECEMBER.id, await sendCase())
    await assign(DECEMBER.id, await sendCase())
    await sendCase()
    const refused = await send('/workspace/submissions/3/meeting', { meeting: DECEMBER.id })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)).toContain('<a href="#meeting">Meeting full: all 2 slots are taken. Select another meeting</a>')
    expect(fieldError(refused.text, 'meeting')).toBe('Error: Meeting full: all 2 slots are taken. Select another meeting')
    expect(await intake.store.meetings.assignment(3)).toBeUndefined()
  })

  it('refuses a case whose education plan has been issued, and offers it no meeting', async () => {
    await sendCase()
    expect((await send('/workspace/submissions/1/plan', PLAN_FIELDS)).status).toBe(303)
    expect((await get('/workspace/submissions/1')).text).not.toContain('/workspace/submissions/1/meeting')
    const refused = await send('/workspace/submissions/1/meeting', { meeting: JANUARY.id })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('This case is closed: its education plan has been issued')
    expect((await intake.store.submission(1))!.status).toBe('plan-issued')
  })

  it('keeps a case whose plan has been issued at its meeting: no move or removal', async () => {
    const reference = await sendCase()
    await assign(DECEMBER.id, reference)
    expect((await send('/workspace/submissions/1/plan', PLAN_FIELDS)).status).toBe(303)
    const page = await get(`/workspace/meetings/${DECEMBER.id}`)
    expect(page.text).toContain('The education plan has been issued: the case stays at this meeting.')
    expect(page.text).not.toContain(`action="/workspace/meetings/${DECEMBER.id}/remove"`)
    expect(page.text).not.toContain(`action="/workspace/meetings/${DECEMBER.id}/move"`)

    const refused = await send(`/workspace/meetings/${DECEMBER.id}/remove`, { submission: '1' })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)).toContain('<a href="#remove-1">This case is closed: its education plan has been issued</a>')
    expect(refused.text).toContain('<p class="govuk-error-message" id="remove-1">')
    expect(await statusOf(reference)).toMatchObject({ status: 'plan-issued', forumDate: '2026-12-03', meeting: { id: 'primary-2026-12-03' } })
  })

  it('is not on a suspension’s page, and a suspension cannot be assigned', async () => {
    await sendSubmission(intake.url, device, 'suspension', suspension())
    expect((await get('/workspace/submissions/1')).text).not.toContain('>Meeting<')
    expect((await send('/workspace/submissions/1/meeting', { meeting: JANUARY.id })).status).toBe(400)
    expect((await assign(JANUARY.id, 'IC-000001')).status).toBe(404)
    expect(await intake.store.meetings.caseCounts()).toEqual(new Map())
  })
})

describe('who sees a case’s meeting', () => {
  it('is only the device of the setting that sent the case', async () => {
    const other = await createSetting(intake.store, { name: 'Burbage Infants', urn: '654321', phase: 'primary' })
    const otherDevice = await enrol(intake.url, other.code)
    const ours = await sendCase()
    const theirs = await sendCase(namedForumCase(), otherDevice)
    await assign(DECEMBER.id, ours)

    expect((await statusesOf(device)).map((status) => [status.reference, status.meeting?.id])).toEqual([[ours, 'primary-2026-12-03']])
    const theirStatuses = await statusesOf(otherDevice)
    expect(theirStatuses.map((status) => status.reference)).toEqual([theirs])
    expect(theirStatuses.some((status) => status.meeting)).toBe(false)
  })
})

describe('a meeting taken out of the content', () => {
  it('leaves its cases their forum date on the device without the meeting, and its page gone', async () => {
    const reference = await sendCase()
    await assign(DECEMBER.id, reference)
    await publishMeetings([JANUARY, PAST, SECONDARY])

    const status = await statusOf(reference)
    expect(status).toMatchObject({ status: 'forum-date-set', forumDate: '2026-12-03' })
    expect(status.meeting).toBeUndefined()
    expect((await get(`/workspace/meetings/${DECEMBER.id}`)).status).toBe(404)
    const page = await get('/workspace/submissions/1')
    expect(page.text).toContain('Assigned to a meeting that is no longer published: assign the case to a published meeting')
    expect(page.text).toContain('Move to another meeting')

    // Published again (a roll back): the device is told of it again.
    await publishMeetings([DECEMBER, JANUARY])
    expect((await statusOf(reference)).meeting!.id).toBe('primary-2026-12-03')
  })
})

describe('the forum date of a case at a meeting', () => {
  it('is the meeting’s: a typed forum date is refused, and the page offers none', async () => {
    const reference = await sendCase()
    expect((await assign(JANUARY.id, reference)).status).toBe(303)
    const id = Number(reference.slice(3))
    const page = await get(`/workspace/submissions/${id}`)
    expect(page.text).toContain('The forum date is the date of the meeting the case is at.')
    expect(page.text).not.toContain('Set forum date')
    const typed = await send(`/workspace/submissions/${id}/forum-date`, { 'forumDate-day': '20', 'forumDate-month': '1', 'forumDate-year': '2027' })
    expect(typed.status).toBe(400)
    expect(decode(typed.text)).toContain(`${reference} takes its forum date from its meeting. To change it, move the case to another meeting. Nothing has been changed.`)
    expect((await intake.store.submission(id))?.forumDate).toBe('2027-01-14')
  })
})

describe('the agenda', () => {
  it('lists each case with its setting, year group and the criteria it covers, naming a child only in a named case with consent', async () => {
    const named = await sendCase(namedForumCase({ sections: { behaviourInSetting: 'What happens.', attendance: { percentageThisYear: 91.5 }, strategies: [{ description: 'Movement breaks' }] } }))
    const anonymous = await sendCase(anonymousCase())
    // A named case without consent: not what the app sends, but what the agenda must never name.
    const [stored] = await intake.store.listDevices()
    const withoutConsent = await intake.store.recordSubmission(
      {
        deviceId: stored!.id, settingId: intake.settingId, idempotencyKey: crypto.randomUUID(), kind: 'forum-case', receivedAt: new Date().toISOString(),
        payload: { forum: 'primary', caseType: 'named', yearGroup: 'reception', child: { name: 'Jamie Withheld', dateOfBirth: '2021-10-01' }, sections: { attendance: {}, strategies: [], otherConcerns: 'Other concerns.' } },
      },
      () => ({ status: 201, body: '{}' }),
    )
    for (const reference of [named, anonymous, `IC-00000${withoutConsent}`]) expect((await assign(JANUARY.id, reference)).status).toBe(303)

    const agenda = await get(`/workspace/meetings/${JANUARY.id}/agenda`)
    expect(agenda.status).toBe(200)
    const text = decode(agenda.text)
    expect(text).toContain('Primary inclusion forum: Thursday 14 January 2027')
    expect(text).toContain('3 of 8 slots taken')
    const caseText = (heading: string) =>
      section(text, heading).split('<h3')[0]!.replace(/<[^>]+>/g, '\n').split('\n').map((line) => line.trim()).filter(Boolean)
    expect(caseText('1. IC-000001')).toEqual([
      '1. IC-000001', 'Setting', 'Ashby Primary', 'Named or anonymous', 'Named', 'Child', 'Alex Child', 'Year group', 'Year 4',
      'Covers', 'How the child behaves in the setting', 'Attendance', 'Strategies and current support',
    ])
    expect(caseText('2. IC-000002')).toEqual([
      '2. IC-000002', 'Setting', 'Ashby Primary', 'Named or anonymous', 'Anonymous', 'Child', 'Anonymous', 'Year group', 'Year 5',
      'Covers', 'How the child behaves in the setting',
    ])
    expect(caseText('3. IC-000003')).toEqual([
      '3. IC-000003', 'Setting', 'Ashby Primary', 'Named or anonymous', 'Named', 'Child', 'Name withheld: no consent recorded', 'Year group', 'Reception',
      'Covers', 'Any other concerns',
    ])
    expect(text).not.toContain('Jamie Withheld')
    // Printed without the navigation: the workspace's print styles hide it.
    expect(agenda.text).toContain('<link rel="stylesheet" href="/workspace/assets/workspace.css">')

    await get(`/workspace/meetings/${JANUARY.id}/agenda`)
    expect((await auditEntries()).filter(([action]) => action === 'Viewed forum meeting agenda')).toEqual([
      ['Viewed forum meeting agenda', 'primary-2027-01-14'],
      ['Viewed forum meeting agenda', 'primary-2027-01-14'],
    ])
    // Each view that named a child is found by that case's reference; the others named none.
    expect((await auditEntries()).filter(([action]) => action === 'Viewed case on an agenda')).toEqual([
      ['Viewed case on an agenda', 'IC-000001'],
      ['Viewed case on an agenda', 'IC-000001'],
    ])
  })
})

describe('roles and addresses', () => {
  it('lets a viewer read the meetings and agenda but not assign, move or remove', async () => {
    await createOfficer(intake.store, { username: 'viewer', displayName: 'Val Viewer', role: 'viewer', password: 'a long viewer password' })
    const viewer = await signIn(intake.url, 'viewer', 'a long viewer password')
    const [waiting, atMeeting] = [await sendCase(), await sendCase()]
    await assign(DECEMBER.id, atMeeting)

    const page = await get(`/workspace/meetings/${DECEMBER.id}`, viewer)
    expect(page.status).toBe(200)
    expect(references(page.text)).toEqual([atMeeting, waiting])
    expect(page.text).not.toMatch(/action="\/workspace\/meetings\/[^"]*\/(assign|move|remove)"/)
    expect((await get('/workspace/submissions/1', viewer)).text).not.toContain('/workspace/submissions/1/meeting')
    expect((await get(`/workspace/meetings/${DECEMBER.id}/agenda`, viewer)).status).toBe(200)

    expect((await assign(DECEMBER.id, waiting, viewer)).status).toBe(403)
    expect((await send(`/workspace/meetings/${DECEMBER.id}/move`, { submission: '2', to: JANUARY.id }, viewer)).status).toBe(403)
    expect((await send(`/workspace/meetings/${DECEMBER.id}/remove`, { submission: '2' }, viewer)).status).toBe(403)
    expect((await send('/workspace/submissions/1/meeting', { meeting: JANUARY.id }, viewer)).status).toBe(403)
    expect(await intake.store.meetings.caseCounts()).toEqual(new Map([['primary-2026-12-03', 1]]))
  })

  it('answers 404 for a meeting that is not published, and for a case that is not there', async () => {
    await sendCase()
    expect((await get('/workspace/meetings/no-such-meeting')).status).toBe(404)
    expect((await get('/workspace/meetings/no-such-meeting/agenda')).status).toBe(404)
    expect((await get('/workspace/meetings/Not_An_Id')).status).toBe(400)
    expect((await assign('no-such-meeting', 'IC-000001')).status).toBe(404)
    expect((await send(`/workspace/meetings/${DECEMBER.id}/assign`, { submission: '99' })).status).toBe(404)
    expect((await send(`/workspace/meetings/${DECEMBER.id}/assign`, { submission: 'one' })).status).toBe(404)
    expect((await send('/workspace/submissions/99/meeting', { meeting: DECEMBER.id })).status).toBe(404)
    expect(await intake.store.meetings.caseCounts()).toEqual(new Map())
    expect((await auditEntries()).filter(([action]) => action.includes('meeting'))).toEqual([])
  })
})
