import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseContent } from '../../server/content-source'
import { createOfficer } from '../../server/service'
import { parseContent } from '../../server/workspace/content-draft'
import { timeFromTyped } from '../../server/workspace/content-meetings'
import { enrol, namedForumCase, sendSubmission, signIn, startIntakeWithContent, workspaceGet, workspacePost, type Intake, type WorkspaceSession } from './intake-harness'

// Test data: meetings shaped like the forums' (seed 004), not the service's published dates or places.
const PAGE = '/workspace/content/meetings'
const TODAY = new Date('2026-11-10T10:00:00Z') // Tuesday 10 November 2026
const SECONDARY = { forum: 'secondary', area: 'Test area', date: '2027-01-12', start: '13:30', end: '15:30', place: 'Test venue', online: 'yes', slots: '8' }
const EARLY_YEARS = { forum: 'early-years', area: 'north', date: '2026-12-01', start: '9:30am', end: '', place: '', online: 'yes', slots: '6' }

let clock: Date
let intake: Intake
let source: DatabaseContent
let admin: WorkspaceSession

beforeEach(async () => {
  clock = TODAY
  // The service serves what its content source reads from the store, as main.ts wires it.
  ;({ intake, source } = await startIntakeWithContent({ now: () => clock }))
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

type Meeting = typeof SECONDARY

/** The form's fields for a meeting, as an officer types it (days and months without a leading 0). */
function fields(meeting: Meeting): Record<string, string> {
  const { date, online, ...rest } = meeting
  const [year, month, day] = date ? date.split('-').map((part) => String(Number(part))) : ['', '', '']
  return { ...rest, 'date-day': day!, 'date-month': month!, 'date-year': year!, ...(online ? { online } : {}) }
}

const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ')
const add = (meeting: Meeting, session = admin) => workspacePost(intake.url, session, `${PAGE}/new`, fields(meeting))
/** The page a refused form answers with: 400, and its text. */
const refused = async (response: Response) => {
  expect(response.status).toBe(400)
  return text(response)
}
const draftMeetings = async () => parseContent((await intake.store.content.contentDraft())?.body)?.forumMeetings
const changes = async () => [...(await text(await workspaceGet(intake.url, admin, '/workspace/content'))).matchAll(/<li>(Forum meetings: [^<]*)<\/li>/g)].map((match) => match[1])
const savedDrafts = async () => (await intake.store.audit.list({}, 1000, 0)).entries.reverse().filter((entry) => entry.action === 'Saved content draft').map((entry) => entry.subject)
const someone = async (role: 'officer' | 'viewer') => {
  await createOfficer(intake.store, { username: `a.${role}`, displayName: `Display ${role}`, role, password: 'correct horse battery staple' })
  return signIn(intake.url, `a.${role}`, 'correct horse battery staple')
}

describe('forum meetings in the Content area', () => {
  it('starts with none, linked from the Content page', async () => {
    const response = await workspaceGet(intake.url, admin, PAGE)
    expect(response.status).toBe(200)
    const body = await text(response)
    expect(body).toContain('<span class="govuk-caption-l">Published version</span>')
    expect(body).toContain('No upcoming meetings have been entered.')
    expect(body).not.toContain('Past meetings')
    expect(body).toContain(`href="${PAGE}/new"`)
    expect(await text(await workspaceGet(intake.url, admin, '/workspace/content'))).toContain(`href="${PAGE}">Forum meetings</a>`)
  })

  it('adds meetings to the draft with ids from forum, date and area, in date order, and lists them', async () => {
    const added = await add(SECONDARY)
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe(`${PAGE}?done=added`)
    expect((await add({ ...SECONDARY, area: '', place: 'Second venue', online: '', start: '1:30pm', end: '3pm', slots: '60' })).status).toBe(303)
    expect((await add(EARLY_YEARS)).status).toBe(303)

    expect(await draftMeetings()).toEqual([
      { id: 'early-years-2026-12-01-north', forum: 'early-years', area: 'north', date: '2026-12-01', start: '09:30', online: true, slots: 6 },
      { id: 'secondary-2027-01-12-test-area', forum: 'secondary', area: 'Test area', date: '2027-01-12', start: '13:30', end: '15:30', place: 'Test venue', online: true, slots: 8 },
      { id: 'secondary-2027-01-12', forum: 'secondary', date: '2027-01-12', start: '13:30', end: '15:00', place: 'Second venue', online: false, slots: 60 },
    ])
    expect((await add({ ...SECONDARY, area: '' })).status).toBe(303)
    expect((await draftMeetings())!.map((meeting) => meeting.id)).toContain('secondary-2027-01-12-2')

    const body = await text(await workspaceGet(intake.url, admin, `${PAGE}?done=added`))
    expect(body).toContain('Meeting added to the draft')
    expect(body).toContain('<span class="govuk-caption-l">Draft</span>')
    expect(body).toContain('Tuesday 1 December 2026')
    expect(body).toContain('9:30am')
    expect(body).toContain('Early years inclusion forum')
    expect(body).toContain('>Online<')
    expect(body).toContain('Tuesday 12 January 2027')
    expect(body).toContain('1:30pm to 3:30pm')
    expect(body).toContain('Test venue, or online')
    expect(body).toContain(`href="${PAGE}/secondary-2027-01-12-test-area">Change<span class="govuk-visually-hidden"> Secondary inclusion forum meeting on Tuesday 12 January 2027</span>`)
    expect(body).toContain(`href="${PAGE}/early-years-2026-12-01-north/remove">Remove`)

    expect(await changes()).toEqual(['Forum meetings: 4 added'])
    expect(await savedDrafts()).toEqual([
      'forum meeting secondary-2027-01-12-test-area', 'forum meeting secondary-2027-01-12', 'forum meeting early-years-2026-12-01-north', 'forum meeting secondary-2027-01-12-2',
    ])
  })

  it('answers each rule beside its field, keeping what was typed, and saves nothing', async () => {
    const empty = await refused(await workspacePost(intake.url, admin, `${PAGE}/new`, {}))
    expect(empty).toContain('<title>Error: Add a forum meeting')
    expect(empty).toContain('href="#forum">Select the forum</a>')
    expect(empty).toContain('href="#date-day">Enter the date of the meeting</a>')
    expect(empty).toContain('href="#start">Enter the start time, like 13:30</a>')
    expect(empty).toContain('href="#place">Enter where the meeting is held, or select Online</a>')
    expect(empty).toContain('href="#slots">Enter the number of case slots</a>')
    expect(empty).not.toContain('href="#end"')

    const notReal = await refused(await workspacePost(intake.url, admin, `${PAGE}/new`, { ...fields(SECONDARY), 'date-day': '31', 'date-month': '2' }))
    expect(notReal).toContain('href="#date-day">The date of the meeting must be a real date</a>')
    expect(notReal).toContain('name="date-day" type="text" value="31"')
    expect(notReal).toContain('value="Test venue"')
    expect(notReal).toContain('value="secondary" checked')
    expect(notReal).toContain('name="online" type="checkbox" value="yes" checked')

    const past = await refused(await add({ ...SECONDARY, date: '2026-11-09' }))
    expect(past).toContain('href="#date-day">The date must be today or in the future</a>')
    expect(past).toContain('name="date-day" type="text" value="9"')
    // Today itself is not past.
    expect((await add({ ...SECONDARY, date: '2026-11-10', area: 'today' })).status).toBe(303)

    const badTime = await refused(await add({ ...SECONDARY, start: '25:00', end: 'half three' }))
    expect(badTime).toContain('href="#start">Enter the start time on the 24-hour clock, like 13:30</a>')
    expect(badTime).toContain('href="#end">Enter the end time on the 24-hour clock, like 15:30, or leave it empty</a>')
    expect(badTime).toContain('value="half three"')
    expect(await refused(await add({ ...SECONDARY, start: '15:30', end: '15:30' }))).toContain('href="#end">The end time must be after the start time</a>')
    expect(await refused(await add({ ...SECONDARY, start: '3pm', end: '13:30' }))).toContain('href="#end">The end time must be after the start time</a>')

    expect(await refused(await add({ ...SECONDARY, place: ' ', online: '' }))).toContain('href="#place">Enter where the meeting is held, or select Online</a>')
    expect(await refused(await add({ ...SECONDARY, place: 'x'.repeat(201) }))).toContain('href="#place">The place must be 200 characters or fewer</a>')
    expect(await refused(await add({ ...SECONDARY, area: 'x'.repeat(101) }))).toContain('href="#area">The area must be 100 characters or fewer</a>')
    for (const slots of ['0', '61', '2.5', 'ten', '-1']) {
      const body = await refused(await add({ ...SECONDARY, slots }))
      expect(body).toContain('href="#slots">The number of case slots must be a whole number from 1 to 60</a>')
      expect(body).toContain(`value="${slots}"`)
    }
    expect(await refused(await add({ ...SECONDARY, forum: 'reception' }))).toContain('href="#forum">Select the forum</a>')

    expect((await draftMeetings())!.map((meeting) => meeting.id)).toEqual(['secondary-2026-11-10-today'])
  })

  it('changes a meeting, keeping its id, with the form filled in with it', async () => {
    await add(SECONDARY)
    const id = 'secondary-2027-01-12-test-area'
    const form = await text(await workspaceGet(intake.url, admin, `${PAGE}/${id}`))
    expect(form).toContain('<h1 class="govuk-heading-l">Change the meeting on Tuesday 12 January 2027</h1>')
    expect(form).toContain('value="secondary" checked')
    expect(form).toContain('name="date-month" type="text" value="1"')
    expect(form).toContain('value="13:30"')
    expect(form).toContain('value="Test area"')
    expect(form).toContain('name="slots" type="text" spellcheck="false" value="8"')
    expect(form).toContain(`href="${PAGE}/${id}/remove">Remove this meeting</a>`)

    const wrong = await refused(await workspacePost(intake.url, admin, `${PAGE}/${id}`, { ...fields(SECONDARY), end: '12:00' }))
    expect(wrong).toContain('href="#end">The end time must be after the start time</a>')
    expect(wrong).toContain('value="12:00"')

    const changed = await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...SECONDARY, date: '2027-01-19', place: '', slots: '10' }))
    expect(changed.status).toBe(303)
    expect(changed.headers.get('location')).toBe(`${PAGE}?done=changed`)
    expect(await draftMeetings()).toEqual([{ id, forum: 'secondary', area: 'Test area', date: '2027-01-19', start: '13:30', end: '15:30', online: true, slots: 10 }])
    expect(await text(await workspaceGet(intake.url, admin, `${PAGE}?done=changed`))).toContain('Meeting changed in the draft')

    expect((await workspacePost(intake.url, admin, '/workspace/content/publish', { note: 'Secondary meeting' })).status).toBe(303)
    expect(await changes()).toEqual([])
    expect((await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...SECONDARY, date: '2027-01-19', slots: '12' }))).status).toBe(303)
    expect((await add(EARLY_YEARS)).status).toBe(303)
    expect(await changes()).toEqual(['Forum meetings: 1 added, 1 changed'])
    expect(await savedDrafts()).toEqual([`forum meeting ${id}`, `forum meeting ${id}`, `forum meeting ${id}`, 'forum meeting early-years-2026-12-01-north'])
  })

  it('keeps past meetings in their own section; one may be corrected on its own date, not moved to another past one', async () => {
    await add(EARLY_YEARS)
    await add(SECONDARY)
    clock = new Date('2026-12-02T10:00:00Z')
    const body = await text(await workspaceGet(intake.url, admin, PAGE))
    const [upcoming, past] = body.split('Past meetings</h2>')
    expect(upcoming).toContain('Tuesday 12 January 2027')
    expect(upcoming).not.toContain('Tuesday 1 December 2026')
    expect(past).toContain('Tuesday 1 December 2026')

    const id = 'early-years-2026-12-01-north'
    expect((await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...EARLY_YEARS, place: 'Test hall' }))).status).toBe(303)
    expect((await draftMeetings())![0]).toEqual({ id, forum: 'early-years', area: 'north', date: '2026-12-01', start: '09:30', place: 'Test hall', online: true, slots: 6 })
    const moved = await refused(await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...EARLY_YEARS, date: '2026-11-30' })))
    expect(moved).toContain('href="#date-day">The date must be today or in the future</a>')
  })

  it('keeps a meeting cases are assigned to until they are moved', async () => {
    await add(SECONDARY)
    const id = 'secondary-2027-01-12-test-area'
    const device = await enrol(intake.url, intake.code)
    const { id: caseId } = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    expect(await intake.store.meetings.assign(caseId, { id, date: '2027-01-12', slots: 8 }, { id: 'officer-1', displayName: 'Test officer' }, TODAY.toISOString())).toEqual({ outcome: 'assigned' })

    const confirm = await text(await workspaceGet(intake.url, admin, `${PAGE}/${id}/remove`))
    expect(confirm).toContain(`1 case is assigned to this meeting. <a class="govuk-link" href="/workspace/meetings/${id}">Move it to another meeting</a> before you remove it.`)
    const kept = await workspacePost(intake.url, admin, `${PAGE}/${id}/remove`, {})
    expect(kept.status).toBe(400)
    expect(await text(kept)).toContain('1 case is assigned to this meeting: move it to another meeting first')
    expect((await draftMeetings())!.map((meeting) => meeting.id)).toEqual([id])

    expect(await intake.store.meetings.unassign(caseId, id, TODAY.toISOString())).toEqual({ outcome: 'removed', from: id })
    expect((await workspacePost(intake.url, admin, `${PAGE}/${id}/remove`, {})).status).toBe(303)
  })

  it('keeps published meetings whole for the cases assigned to them: forum, slots, and being there; a new date reaches the cases', async () => {
    await add(SECONDARY)
    const id = 'secondary-2027-01-12-test-area'
    const publish = (note: string) => workspacePost(intake.url, admin, '/workspace/content/publish', { note })
    expect((await publish('Secondary meeting')).status).toBe(303)
    const firstVersion = (await intake.store.content.latestContentId())!
    const device = await enrol(intake.url, intake.code)
    const sent = await Promise.all([1, 2].map(() => sendSubmission(intake.url, device, 'forum-case', namedForumCase())))
    for (const { id: caseId } of sent) await intake.store.meetings.assign(caseId, { id, date: '2027-01-12', slots: 8 }, { id: 'officer-1', displayName: 'Test officer' }, TODAY.toISOString())

    // Its forum and its slots, changed in the draft: refused beside the field.
    expect(await refused(await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...SECONDARY, forum: 'primary' })))).toContain('2 cases are assigned to this meeting: it must stay a meeting of the same forum')
    expect(await refused(await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...SECONDARY, slots: '1' })))).toContain('2 cases are assigned to this meeting: it needs at least 2 case slots')

    // A draft made without it (as an older copy would be) is not published, nor is a version from before it restored.
    const published = parseContent((await intake.store.content.latestContent())!.body)!
    await intake.store.content.saveContentDraft(JSON.stringify({ ...published, forumMeetings: [] }), TODAY.toISOString(), 'officer-1')
    const refusedPublish = await refused(await publish('No meetings'))
    expect(refusedPublish).toContain('2 cases are assigned to the meeting on Tuesday 12 January 2027: move them to another meeting before it is taken out')
    expect(refusedPublish).toContain('href="#meetings"')
    expect(await refused(await workspacePost(intake.url, admin, `/workspace/content/versions/${firstVersion - 1}/restore`, {}))).toContain(
      '2 cases are assigned to the meeting on Tuesday 12 January 2027: move them to another meeting before it is taken out',
    )
    await intake.store.content.discardContentDraft()

    // Moved a week later: once published, the cases' forum date follows, and their device is told.
    expect((await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields({ ...SECONDARY, date: '2027-01-19' }))).status).toBe(303)
    expect((await publish('The secondary meeting moves a week')).status).toBe(303)
    for (const { id: caseId } of sent) expect((await intake.store.submission(caseId))?.forumDate).toBe('2027-01-19')
    const statuses = (await (await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: `Bearer ${device.token}` } })).json()) as { submissions: { forumDate?: string }[] }
    expect(statuses.submissions.map((status) => status.forumDate)).toEqual(['2027-01-19', '2027-01-19'])
  })

  it('removes a meeting after a confirmation; an unknown one is not found', async () => {
    await add(SECONDARY)
    await add(EARLY_YEARS)
    const id = 'secondary-2027-01-12-test-area'
    const confirm = await text(await workspaceGet(intake.url, admin, `${PAGE}/${id}/remove`))
    expect(confirm).toContain('Remove the meeting on Tuesday 12 January 2027?')
    expect(confirm).toContain('Test venue, or online')
    expect(confirm).not.toContain('assigned to this meeting')

    const removed = await workspacePost(intake.url, admin, `${PAGE}/${id}/remove`, {})
    expect(removed.status).toBe(303)
    expect(removed.headers.get('location')).toBe(`${PAGE}?done=removed`)
    expect(await text(await workspaceGet(intake.url, admin, `${PAGE}?done=removed`))).toContain('Meeting removed from the draft')
    expect((await draftMeetings())!.map((meeting) => meeting.id)).toEqual(['early-years-2026-12-01-north'])
    expect((await savedDrafts()).at(-1)).toBe(`forum meeting ${id} removed`)

    expect((await workspacePost(intake.url, admin, `${PAGE}/${id}/remove`, {})).status).toBe(404)
    expect((await workspaceGet(intake.url, admin, `${PAGE}/${id}/remove`)).status).toBe(404)
    expect((await workspaceGet(intake.url, admin, `${PAGE}/${id}`)).status).toBe(404)
    expect((await workspacePost(intake.url, admin, `${PAGE}/${id}`, fields(SECONDARY))).status).toBe(404)
    expect((await workspaceGet(intake.url, admin, `${PAGE}/No%20such`)).status).toBe(400)
  })

  it('lets a viewer read the meetings but not change them, and an officer change them', async () => {
    await add(SECONDARY)
    const id = 'secondary-2027-01-12-test-area'
    const viewer = await someone('viewer')
    const page = await workspaceGet(intake.url, viewer, PAGE)
    expect(page.status).toBe(200)
    const body = await text(page)
    expect(body).toContain('Tuesday 12 January 2027')
    expect(body).not.toContain('Add a meeting')
    expect(body).not.toContain('>Change<')
    expect((await workspaceGet(intake.url, viewer, `${PAGE}/new`)).status).toBe(403)
    expect((await add(EARLY_YEARS, viewer)).status).toBe(403)
    expect((await workspaceGet(intake.url, viewer, `${PAGE}/${id}`)).status).toBe(403)
    expect((await workspacePost(intake.url, viewer, `${PAGE}/${id}`, fields({ ...SECONDARY, slots: '1' }))).status).toBe(403)
    expect((await workspacePost(intake.url, viewer, `${PAGE}/${id}/remove`, {})).status).toBe(403)
    expect((await draftMeetings())!.map((meeting) => meeting.slots)).toEqual([8])

    const officer = await someone('officer')
    expect((await add(EARLY_YEARS, officer)).status).toBe(303)
    expect(await draftMeetings()).toHaveLength(2)
  })

  it('reaches devices once the draft is published, and is audited', async () => {
    const before = await fetch(`${intake.url}/api/content`)
    expect((await before.json()).forumMeetings).toBeUndefined()
    await add(SECONDARY)
    await add(EARLY_YEARS)
    expect((await workspacePost(intake.url, admin, '/workspace/content/publish', { note: 'Forum meetings to January' })).status).toBe(303)
    await source.refresh()
    const after = await fetch(`${intake.url}/api/content`, { headers: { 'If-None-Match': before.headers.get('etag')! } })
    expect(after.status).toBe(200)
    expect((await after.json()).forumMeetings).toEqual([
      { id: 'early-years-2026-12-01-north', forum: 'early-years', area: 'north', date: '2026-12-01', start: '09:30', online: true, slots: 6 },
      { id: 'secondary-2027-01-12-test-area', forum: 'secondary', area: 'Test area', date: '2027-01-12', start: '13:30', end: '15:30', place: 'Test venue', online: true, slots: 8 },
    ])
    expect(await text(await workspaceGet(intake.url, admin, PAGE))).toContain('<span class="govuk-caption-l">Published version</span>')
    const entries = (await intake.store.audit.list({}, 1000, 0)).entries.reverse().map((entry) => [entry.action, entry.subject ?? ''])
    expect(entries).toEqual(expect.arrayContaining([
      ['Saved content draft', 'forum meeting secondary-2027-01-12-test-area'],
      ['Saved content draft', 'forum meeting early-years-2026-12-01-north'],
      ['Published content', 'version 2'],
    ]))
  })
})

describe('times as officers type them', () => {
  it.each([
    ['13:30', '13:30'], ['9:30', '09:30'], ['09.30', '09:30'], [' 1:30pm ', '13:30'], ['1:30 PM', '13:30'], ['1pm', '13:00'],
    ['12pm', '12:00'], ['12:15 a.m.', '00:15'], ['00:00', '00:00'], ['23:59', '23:59'],
  ])('reads %j as %s', (typed, time) => {
    expect(timeFromTyped(typed)).toBe(time)
  })

  it.each(['', '13', '24:00', '9:60', '13:30pm', '0am', '1:3', 'half past one', '13:30:00'])('refuses %j', (typed) => {
    expect(timeFromTyped(typed)).toBeUndefined()
  })
})
