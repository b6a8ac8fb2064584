import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer, createSetting } from '../../server/service'
import type { Setting } from '../../server/store/intake-store'
import { auditor } from '../../server/workspace/audit'
import { settingsNeedingContact } from '../../server/workspace/suspension-levels'
import {
  enrol, post, sealedBody, signIn, startIntake, suspension, workspaceGet, workspacePost,
  type EnrolledDevice, type Intake, type WorkspaceSession,
} from './intake-harness'

// The workspace's clock: Wednesday 2 December 2026, in the county's autumn term.
let clock = new Date('2026-12-02T10:00:00Z')
let intake: Intake
let admin: WorkspaceSession

beforeEach(async () => {
  clock = new Date('2026-12-02T10:00:00Z')
  intake = await startIntake({ now: () => clock })
  admin = await signIn(intake.url)
})
afterEach(async () => {
  await intake.close()
})

const AUTUMN = { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18' }
const SPRING = { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' }

/** The county calendar's "Add a term" fields for a term, as an officer types it. */
function termFields(term: { name: string; start: string; end: string }): Record<string, string> {
  const parts = (prefix: string, iso?: string) => {
    const [year, month, day] = iso ? iso.split('-').map((part) => String(Number(part))) : ['', '', '']
    return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! }
  }
  return { name: term.name, ...parts('start', term.start), ...parts('end', term.end), ...parts('half-start'), ...parts('half-end') }
}

/** Adds the terms to the county calendar's draft, and publishes it: the suspension levels count by the published terms. */
async function addTerms(...terms: { name: string; start: string; end: string }[]) {
  for (const term of terms) expect((await workspacePost(intake.url, admin, '/workspace/content/county-calendar/terms', termFields(term))).status).toBe(303)
  expect((await workspacePost(intake.url, admin, '/workspace/content/publish', { note: 'County term dates' })).status).toBe(303)
}

/** A suspension of one pupil (identified by UPN) sent through the real device API. */
async function sendSuspension(device: EnrolledDevice, pupil: { name: string; upn: string }, startDate: string, days: number) {
  const payload = { ...suspension(pupil.name, startDate, days), pupil: { ...suspension().pupil, name: pupil.name, upn: pupil.upn } }
  const key = randomUUID()
  const response = await post(intake.url, device, key, await sealedBody(device, 'suspension', key, payload))
  expect(response.status).toBe(201)
}

const SAM = { name: 'Sam Pupil', upn: 'A12345678901B' }
const KIM = { name: 'Kim Pupil', upn: 'B12345678901C' }
const LEE = { name: 'Lee Pupil', upn: 'C12345678901D' }

/** A setting with an enrolled device, its suspensions written straight to the store: many rows, quickly. */
async function settingWithSuspensions(name: string, urn: string, suspensions: { upn: string; startDate: string; days: number }[]): Promise<Setting> {
  const { setting, code } = await createSetting(intake.store, { name, urn, phase: 'secondary', seipArea: 'Hinckley and Bosworth' })
  await enrol(intake.url, code)
  const device = (await intake.store.listDevices()).find((candidate) => candidate.settingId === setting.id)!
  for (const item of suspensions) {
    await intake.store.recordSubmission(
      {
        deviceId: device.id, settingId: setting.id, idempotencyKey: randomUUID(), kind: 'suspension', payload: {}, receivedAt: `${item.startDate}T12:00:00.000Z`,
        eventDate: item.startDate, suspensionDays: item.days, pupilName: 'someone', pupilKey: `key:${item.upn}`,
      },
      () => ({ status: 201, body: '{}' }),
    )
  }
  return setting
}

const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ')
const area = () => ({ store: intake.store, audit: auditor(intake.store.audit), now: () => clock })
/** The audit log, oldest first. */
const auditEntries = async () =>
  (await intake.store.audit.list({}, 1000, 0)).entries.reverse().map((entry) => ({ action: entry.action, subject: entry.subject }))

describe('without county terms', () => {
  it('says no county terms cover today, shows the school year only, and marks nothing high', async () => {
    const device = await enrol(intake.url, intake.code)
    await sendSuspension(device, SAM, '2026-11-16', 2)
    const page = await workspaceGet(intake.url, admin, '/workspace/suspension-levels')
    expect(page.status).toBe(200)
    const body = await text(page)
    expect(body).toContain('No published county term dates cover today, so this page shows the school year only.')
    expect(body).toContain('href="/workspace/content/county-calendar">Enter the county term dates</a>')
    expect(body).toContain('This school year: 2026 to 2027')
    expect(body).toContain('Tuesday 1 September 2026 to Tuesday 31 August 2027')
    expect(body).not.toContain('This term:')
    expect(body).toContain('No threshold set')
    expect(body).toContain('href="/workspace/suspension-levels/threshold">Set the threshold</a>')
    expect(body).toContain('Terms come from the county calendar published in the workspace, not calendar months.')
    expect(await settingsNeedingContact(area())).toEqual([])

    await createOfficer(intake.store, { username: 'viewer', displayName: 'Val Viewer', role: 'viewer', password: 'a long viewer password' })
    const viewerBody = await text(await workspaceGet(intake.url, await signIn(intake.url, 'viewer', 'a long viewer password'), '/workspace/suspension-levels'))
    expect(viewerBody).toContain('An officer can enter the county term dates in the county calendar, and an administrator publishes them.')
    expect(viewerBody).not.toContain('Set the threshold')
  })
})

describe('the county term dates', () => {
  it('are in the content’s county calendar now: the old address leads there', async () => {
    const moved = await workspaceGet(intake.url, admin, '/workspace/county-terms')
    expect(moved.status).toBe(303)
    expect(moved.headers.get('location')).toBe('/workspace/content/county-calendar')
    expect((await workspacePost(intake.url, admin, '/workspace/county-terms', termFields(AUTUMN))).status).toBe(405)
    expect((await workspacePost(intake.url, admin, '/workspace/county-terms/1/remove', {})).status).toBe(404)
  })

  it('count once published, not while in the draft', async () => {
    expect((await workspacePost(intake.url, admin, '/workspace/content/county-calendar/terms', termFields(AUTUMN))).status).toBe(303)
    const drafted = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(drafted).toContain('No published county term dates cover today, so this page shows the school year only.')
    expect(await settingsNeedingContact(area())).toEqual([])

    expect((await workspacePost(intake.url, admin, '/workspace/content/publish', { note: 'Autumn term' })).status).toBe(303)
    const published = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(published).toContain('This term is Autumn 2026 (Thursday 3 September 2026 to Friday 18 December 2026).')
    expect(published).toContain('href="/workspace/content/county-calendar">Enter or change the county term dates</a>')
  })
})

describe('suspension levels', () => {
  it('counts suspensions, days, pupils and pupils suspended more than once, this term and this school year', async () => {
    await addTerms(AUTUMN, SPRING)
    const device = await enrol(intake.url, intake.code)
    await sendSuspension(device, SAM, '2026-11-16', 2)
    await sendSuspension(device, SAM, '2026-11-30', 1)
    await sendSuspension(device, KIM, '2026-10-05', 3)
    // Before the county's autumn term began (a setting with its own dates): in the school year, not the term.
    await sendSuspension(device, LEE, '2026-09-02', 1)
    // Last school year: in neither.
    await sendSuspension(device, KIM, '2026-06-10', 5)

    const term = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(term).toContain('This term is Autumn 2026 (Thursday 3 September 2026 to Friday 18 December 2026).')
    expect(term).toContain('href="/workspace/suspension-levels?period=year">This school year: 2026 to 2027</a>')
    // Setting, then suspensions, days, pupils, more than once, rate (and this term: level, contact).
    expect(cells(term, 'Ashby Primary')).toEqual(['3', '6', '2', '1', 'Roll not entered', 'Not high', 'Not contacted this term'])
    const year = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels?period=year'))
    expect(year).toContain('Tuesday 1 September 2026 to Tuesday 31 August 2027')
    expect(cells(year, 'Ashby Primary')).toEqual(['4', '7', '3', '1', 'Roll not entered'])

    // The roll: 73 pupils. 3 / 73 × 100 = 4.109… -> 4.1 this term; 4 / 73 × 100 = 5.479… -> 5.5 this year.
    expect((await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/roll`, { roll: '73' })).status).toBe(303)
    expect(cells(await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels')), 'Ashby Primary')).toEqual(['3', '6', '2', '1', '4.1', 'Not high', 'Not contacted this term'])
    expect(cells(await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels?period=year')), 'Ashby Primary')).toEqual(['4', '7', '3', '1', '5.5'])
  })

  it('shows 50 settings a page', async () => {
    await addTerms(AUTUMN)
    for (let index = 1; index <= 55; index++) {
      await intake.store.createSetting({ id: randomUUID(), name: `Setting ${String(index).padStart(2, '0')}`, urn: String(300000 + index), phase: 'primary' }, clock.toISOString())
    }
    const first = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(first).toContain('Showing 1 to 50 of 56 settings')
    expect(settingOrder(first)).toHaveLength(50)
    expect(first).toContain('href="/workspace/suspension-levels?page=2"')
    const second = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels?page=2'))
    expect(second).toContain('Showing 51 to 56 of 56 settings')
    expect(settingOrder(second)).toEqual(['Setting 50', 'Setting 51', 'Setting 52', 'Setting 53', 'Setting 54', 'Setting 55'])
    expect(await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels?page=9'))).toContain('Showing 51 to 56 of 56 settings')
    expect((await workspaceGet(intake.url, admin, '/workspace/suspension-levels?page=0')).status).toBe(400)
  })

  it('marks settings at or above the threshold high, first, and filters to them', async () => {
    await addTerms(AUTUMN)
    // Castle: roll 220, 9 suspensions (9.5 days) of 7 pupils, 2 of them twice, this term: 9 / 220 × 100 = 4.09… -> 4.1.
    const castle = await settingWithSuspensions('Castle Secondary', '200001', [
      ...['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'].map((upn) => ({ upn, startDate: '2026-10-01', days: 1 })),
      { upn: 'P1', startDate: '2026-11-02', days: 2 },
      { upn: 'P2', startDate: '2026-11-03', days: 0.5 },
    ])
    await intake.store.levels.setRoll(castle.id, 220, 'inbox', clock.toISOString())
    // Dale: roll unknown, 6 suspensions this term.
    const dale = await settingWithSuspensions('Dale Academy', '200002', ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'].map((upn) => ({ upn, startDate: '2026-11-10', days: 1 })))
    // Elm: roll 200, 6 suspensions: exactly 3.0.
    const elm = await settingWithSuspensions('Elm Primary', '200003', ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'].map((upn) => ({ upn, startDate: '2026-09-10', days: 1 })))
    await intake.store.levels.setRoll(elm.id, 200, 'inbox', clock.toISOString())

    const before = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(before).toContain('No threshold set')
    expect(before).not.toContain('>High<')

    const wrong = await workspacePost(intake.url, admin, '/workspace/suspension-levels/threshold', { rate: '3.25', count: 'five' })
    expect(wrong.status).toBe(400)
    const wrongBody = await text(wrong)
    expect(wrongBody).toContain('href="#rate">Enter the rate to 1 decimal place at most, like 3.5</a>')
    expect(wrongBody).toContain('href="#count">Enter the number of suspensions as a whole number, like 5</a>')
    expect(wrongBody).toContain('value="3.25"')
    expect(wrongBody).toContain('value="five"')

    const saved = await workspacePost(intake.url, admin, '/workspace/suspension-levels/threshold', { rate: '3.0', count: '' })
    expect(saved.status).toBe(303)
    expect(await intake.store.levels.threshold()).toEqual({ rateTenths: 30 })
    const rateOnly = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(rateOnly).toContain('3.0 or more suspensions per 100 pupils in a term')
    const rateTerm = rateOnly
    expect(cells(rateTerm, 'Castle Secondary')).toEqual(['9', '9.5', '7', '2', '4.1', 'High', 'Not contacted this term'])
    expect(cells(rateTerm, 'Elm Primary')).toEqual(['6', '6', '6', '0', '3.0', 'High', 'Not contacted this term'])
    expect(cells(rateTerm, 'Dale Academy')).toEqual(['6', '6', '6', '0', 'Roll not entered', 'Not high', 'Not contacted this term'])

    await workspacePost(intake.url, admin, '/workspace/suspension-levels/threshold', { rate: '3.0', count: '5' })
    const both = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(both).toContain('5 or more suspensions in a term, where the setting’s roll is not entered')
    const bothTerm = both
    expect(settingOrder(bothTerm)).toEqual(['Castle Secondary', 'Elm Primary', 'Dale Academy', 'Ashby Primary'])
    expect(cells(bothTerm, 'Dale Academy')).toEqual(['6', '6', '6', '0', 'Roll not entered', 'High', 'Not contacted this term'])

    const onlyHigh = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels?show=high'))
    expect(settingOrder(onlyHigh)).toEqual(['Castle Secondary', 'Elm Primary', 'Dale Academy'])
    expect(onlyHigh).not.toContain('Ashby Primary')
    expect((await workspaceGet(intake.url, admin, '/workspace/suspension-levels?show=everything')).status).toBe(400)

    expect(await settingsNeedingContact(area())).toEqual([
      { settingName: 'Castle Secondary', href: `/workspace/settings/${castle.id}`, summary: '9 suspensions this term, 4.1 per 100 pupils (threshold 3.0)' },
      { settingName: 'Elm Primary', href: `/workspace/settings/${elm.id}`, summary: '6 suspensions this term, 3.0 per 100 pupils (threshold 3.0)' },
      { settingName: 'Dale Academy', href: `/workspace/settings/${dale.id}`, summary: '6 suspensions this term, roll not entered (threshold 5 suspensions)' },
    ])

    // Clearing both boxes clears the threshold.
    await workspacePost(intake.url, admin, '/workspace/suspension-levels/threshold', { rate: '', count: '' })
    expect(await intake.store.levels.threshold()).toEqual({})
    expect(await settingsNeedingContact(area())).toEqual([])
    expect((await auditEntries()).filter((entry) => entry.action === 'Set threshold')).toHaveLength(3)
  })

  it('in a holiday, counts the most recent term and says so', async () => {
    await addTerms(AUTUMN, SPRING)
    clock = new Date('2026-12-24T10:00:00Z')
    const body = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(body).toContain('Today is in a school holiday, so “this term” is the most recent term: Autumn 2026 (Thursday 3 September 2026 to Friday 18 December 2026).')
    expect(body).toContain('This term: Autumn 2026')
  })
})

describe('a setting’s page', () => {
  it('shows its details, levels and contacts; records the roll and contacts; audits views and changes', async () => {
    await addTerms(AUTUMN)
    const device = await enrol(intake.url, intake.code)
    await sendSuspension(device, SAM, '2026-11-16', 2)
    await sendSuspension(device, SAM, '2026-11-23', 2)
    await workspacePost(intake.url, admin, '/workspace/suspension-levels/threshold', { rate: '2.0', count: '' })

    const page = await workspaceGet(intake.url, admin, `/workspace/settings/${intake.settingId}`)
    expect(page.status).toBe(200)
    const body = await text(page)
    expect(body).toContain('Ashby Primary')
    expect(body).toContain('123456')
    expect(body).toContain('Primary')
    expect(body).toContain('Not recorded')
    expect(body).toContain('No contacts recorded.')

    const badRoll = await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/roll`, { roll: 'lots' })
    expect(badRoll.status).toBe(400)
    const badRollBody = await text(badRoll)
    expect(badRollBody).toContain('href="#roll">The number of pupils on roll must be a whole number, like 420</a>')
    expect(badRollBody).toContain('value="lots"')

    expect((await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/roll`, { roll: '150' })).status).toBe(303)
    expect((await intake.store.levels.settingWithRoll(intake.settingId))?.roll).toBe(150)
    // 2 / 150 × 100 = 1.33… -> 1.3: below 2.0. At 50 pupils, 4.0: high.
    expect(await settingsNeedingContact(area())).toEqual([])
    await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/roll`, { roll: '50' })
    expect(await settingsNeedingContact(area())).toEqual([
      { settingName: 'Ashby Primary', href: `/workspace/settings/${intake.settingId}`, summary: '2 suspensions this term, 4.0 per 100 pupils (threshold 2.0)' },
    ])

    const future = await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/contacts`, {
      'contact-day': '3', 'contact-month': '12', 'contact-year': '2026', contacted: 'The head teacher', agreed: 'A support meeting.',
    })
    expect(future.status).toBe(400)
    const futureBody = await text(future)
    expect(futureBody).toContain('href="#contact-day">The date of the contact must be today or in the past</a>')
    expect(futureBody).toContain('value="The head teacher"')
    expect(futureBody).toContain('A support meeting.</textarea>')

    const empty = await text(await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/contacts`, { 'contact-day': '', 'contact-month': '', 'contact-year': '', contacted: '', agreed: '' }))
    expect(empty).toContain('href="#contact-day">Enter the date of the contact</a>')
    expect(empty).toContain('href="#contacted">Enter who you spoke to at the school</a>')
    expect(empty).toContain('href="#agreed">Enter what was agreed</a>')

    const tooLong = await text(await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/contacts`, {
      'contact-day': '1', 'contact-month': '13', 'contact-year': '2026', contacted: 'x'.repeat(201), agreed: 'y'.repeat(5_001),
    }))
    expect(tooLong).toContain('href="#contact-month">The date of the contact must be a real date</a>')
    expect(tooLong).toContain('Who you spoke to must be 200 characters or fewer')
    expect(tooLong).toContain('What was agreed must be 5,000 characters or fewer')

    const recorded = await workspacePost(intake.url, admin, `/workspace/settings/${intake.settingId}/contacts`, {
      'contact-day': '1', 'contact-month': '12', 'contact-year': '2026', contacted: 'The head teacher', agreed: 'A support meeting on Friday.',
    })
    expect(recorded.status).toBe(303)
    expect(recorded.headers.get('location')).toBe(`/workspace/settings/${intake.settingId}?saved=contact`)
    expect(await intake.store.levels.contactsFor(intake.settingId)).toMatchObject([
      { date: '2026-12-01', contacted: 'The head teacher', agreed: 'A support meeting on Friday.', officerUsername: 'inbox', officerName: 'inbox' },
    ])
    expect(await settingsNeedingContact(area())).toEqual([])

    const after = await text(await workspaceGet(intake.url, admin, `/workspace/settings/${intake.settingId}?saved=contact`))
    expect(after).toContain('Contact recorded')
    expect(after).toContain('1 December 2026')
    expect(after).toContain('A support meeting on Friday.')
    const levels = await text(await workspaceGet(intake.url, admin, '/workspace/suspension-levels'))
    expect(cells(levels, 'Ashby Primary')).toEqual(['2', '4', '1', '1', '4.0', 'High', 'Contacted 1 December 2026'])

    // A contact in an earlier term does not count for this one.
    await addTerms(SPRING)
    clock = new Date('2027-01-11T10:00:00Z')
    await sendSuspension(device, SAM, '2027-01-06', 1)
    await sendSuspension(device, KIM, '2027-01-07', 1)
    expect(await settingsNeedingContact(area())).toEqual([
      { settingName: 'Ashby Primary', href: `/workspace/settings/${intake.settingId}`, summary: '2 suspensions this term, 4.0 per 100 pupils (threshold 2.0)' },
    ])

    expect((await auditEntries()).filter((entry) => entry.subject === '123456')).toEqual([
      { action: 'Viewed setting', subject: '123456' },
      { action: 'Set roll', subject: '123456' },
      { action: 'Set roll', subject: '123456' },
      { action: 'Recorded contact', subject: '123456' },
      { action: 'Viewed setting', subject: '123456' },
    ])
  })

  it('answers 404 for an unknown setting and 400 for an id that is not one', async () => {
    expect((await workspaceGet(intake.url, admin, `/workspace/settings/${randomUUID()}`)).status).toBe(404)
    expect((await workspacePost(intake.url, admin, `/workspace/settings/${randomUUID()}/roll`, { roll: '100' })).status).toBe(404)
    expect((await workspacePost(intake.url, admin, `/workspace/settings/${randomUUID()}/contacts`, {})).status).toBe(404)
    expect((await workspaceGet(intake.url, admin, '/workspace/settings/123')).status).toBe(400)
    expect((await workspaceGet(intake.url, admin, '/workspace/settings/..%2Faudit')).status).toBe(400)
  })

  it('lets viewers read but not change, and officers change the roll and contacts but not the threshold', async () => {
    await createOfficer(intake.store, { username: 'viewer', displayName: 'Val Viewer', role: 'viewer', password: 'a long viewer password' })
    await createOfficer(intake.store, { username: 'officer', displayName: 'Olu Officer', role: 'officer', password: 'a long officer password' })
    const viewer = await signIn(intake.url, 'viewer', 'a long viewer password')
    const officer = await signIn(intake.url, 'officer', 'a long officer password')
    const contact = { 'contact-day': '1', 'contact-month': '12', 'contact-year': '2026', contacted: 'The head teacher', agreed: 'A meeting.' }

    const viewerPage = await text(await workspaceGet(intake.url, viewer, `/workspace/settings/${intake.settingId}`))
    expect(viewerPage).toContain('Ashby Primary')
    expect(viewerPage).not.toContain('Record a contact')
    expect(viewerPage).not.toContain('Save roll')
    expect((await workspacePost(intake.url, viewer, `/workspace/settings/${intake.settingId}/roll`, { roll: '100' })).status).toBe(403)
    expect((await workspacePost(intake.url, viewer, `/workspace/settings/${intake.settingId}/contacts`, contact)).status).toBe(403)
    expect((await workspacePost(intake.url, viewer, '/workspace/suspension-levels/threshold', { rate: '3.0', count: '' })).status).toBe(403)
    expect((await workspaceGet(intake.url, viewer, '/workspace/suspension-levels/threshold')).status).toBe(403)
    expect((await workspaceGet(intake.url, viewer, '/workspace/suspension-levels')).status).toBe(200)

    expect((await workspacePost(intake.url, officer, `/workspace/settings/${intake.settingId}/roll`, { roll: '100' })).status).toBe(303)
    const recorded = await workspacePost(intake.url, officer, `/workspace/settings/${intake.settingId}/contacts`, contact)
    expect(recorded.status).toBe(303)
    expect(await intake.store.levels.contactsFor(intake.settingId)).toMatchObject([{ officerUsername: 'officer', officerName: 'Olu Officer' }])
    expect((await workspacePost(intake.url, officer, '/workspace/suspension-levels/threshold', { rate: '3.0', count: '' })).status).toBe(403)
    expect(await intake.store.levels.threshold()).toEqual({})
    expect((await intake.store.levels.settingWithRoll(intake.settingId))?.roll).toBe(100)
  })
})

/** The text of each cell after the setting's name in its table row. */
function cells(html: string, settingName: string): string[] {
  const row = html.split('<tr class="govuk-table__row">').find((candidate) => candidate.includes(`>${settingName}</a>`))
  if (!row) throw new Error(`no row for ${settingName}`)
  const values = [...row.matchAll(/<td class="govuk-table__cell[^"]*">(.*?)<\/td>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, '').trim())
  return values.slice(1)
}

/** The settings in a table, in order. */
function settingOrder(html: string): string[] {
  return [...html.matchAll(/href="\/workspace\/settings\/[^"]+">([^<]+)<\/a>/g)].map((match) => match[1]!)
}
