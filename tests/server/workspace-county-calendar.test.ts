import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseContent } from '../../server/content-source'
import { createOfficer } from '../../server/service'
import { parseContent } from '../../server/workspace/content-draft'
import { BUNDLED_COUNTY_CALENDAR } from '../../src/domain/default-content/county-calendar'
import { signIn, startIntakeWithContent, workspaceGet, workspacePost, type Intake, type WorkspaceSession } from './intake-harness'

// Test data: terms shaped like a county's school year, not the county's published dates.
const AUTUMN = { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } }
const SPRING = { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' }
const NEXT_AUTUMN = { name: 'Autumn 2027', start: '2027-09-02', end: '2027-12-17' }

const PAGE = '/workspace/content/county-calendar'
let intake: Intake
let source: DatabaseContent
let admin: WorkspaceSession

beforeEach(async () => {
  // The service serves what its content source reads from the store, as main.ts wires it.
  ;({ intake, source } = await startIntakeWithContent())
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

/** The "Add a term" fields for a term, as an officer types it (days and months without a leading 0). */
function termFields(term: { name: string; start: string; end: string; halfTerm?: { start: string; end: string } }): Record<string, string> {
  return { name: term.name, ...dateFields('start', term.start), ...dateFields('end', term.end), ...dateFields('half-start', term.halfTerm?.start), ...dateFields('half-end', term.halfTerm?.end) }
}
function dateFields(prefix: string, iso?: string): Record<string, string> {
  const [year, month, day] = iso ? iso.split('-').map((part) => String(Number(part))) : ['', '', '']
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! }
}

const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ')
const addTerm = (term: Parameters<typeof termFields>[0], session = admin) => workspacePost(intake.url, session, `${PAGE}/terms`, termFields(term))
const addTermText = async (term: Parameters<typeof termFields>[0]) => {
  const response = await addTerm(term)
  expect(response.status).toBe(400)
  return text(response)
}
const addHoliday = (iso: string, session = admin) => workspacePost(intake.url, session, `${PAGE}/bank-holidays`, dateFields('holiday', iso))
/** The county calendar in the shared draft. */
const draftCalendar = async () => parseContent((await intake.store.content.contentDraft())?.body)?.countyCalendar
const auditEntries = async () => (await intake.store.audit.list({}, 1000, 0)).entries.reverse().map((entry) => [entry.action, entry.subject ?? ''])
const someone = async (role: 'officer' | 'viewer') => {
  await createOfficer(intake.store, { username: `a.${role}`, displayName: `Display ${role}`, role, password: 'correct horse battery staple' })
  return signIn(intake.url, `a.${role}`, 'correct horse battery staple')
}

describe('the county calendar in the Content area', () => {
  it('shows the published calendar: no terms yet, and the bundled bank holidays', async () => {
    const response = await workspaceGet(intake.url, admin, PAGE)
    expect(response.status).toBe(200)
    const body = await text(response)
    expect(body).toContain('<span class="govuk-caption-l">Published version</span>')
    expect(body).toContain('No county term dates have been entered.')
    expect(body).toContain('Friday 25 December 2026')
    expect(body).toContain(`action="${PAGE}/bank-holidays/2026-12-25/remove"`)
    const overview = await text(await workspaceGet(intake.url, admin, '/workspace/content'))
    expect(overview).toContain(`href="${PAGE}">County calendar</a>`)
  })

  it('adds terms across two school years to the draft, grouped by school year, and says the draft must be published', async () => {
    const added = await addTerm(AUTUMN)
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe(`${PAGE}?done=term-added`)
    expect((await addTerm(NEXT_AUTUMN)).status).toBe(303)
    expect((await addTerm(SPRING)).status).toBe(303)
    expect(await draftCalendar()).toEqual({ terms: [AUTUMN, SPRING, NEXT_AUTUMN], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays })

    const body = await text(await workspaceGet(intake.url, admin, `${PAGE}?done=term-added`))
    expect(body).toContain('Term added to the draft')
    expect(body).toContain('once the draft is published from the <a class="govuk-notification-banner__link" href="/workspace/content">Content</a> page')
    expect(body).toContain('<span class="govuk-caption-l">Draft</span>')
    const years = [...body.matchAll(/<caption class="govuk-table__caption govuk-table__caption--s">([^<]+)<\/caption>/g)].map((match) => match[1]!.trim())
    expect(years).toEqual(['2026 to 2027', '2027 to 2028'])
    expect(body).toContain('Thursday 3 September 2026')
    expect(body).toContain('Monday 26 October 2026 to Friday 30 October 2026')
    expect(body).toContain('aria-label="Remove Spring 2027"')

    expect(await text(await workspaceGet(intake.url, admin, '/workspace/content'))).toContain('County calendar: 3 terms added')
    expect((await auditEntries()).filter(([action]) => action === 'Saved content draft')).toEqual([
      ['Saved content draft', 'county term Autumn 2026'],
      ['Saved content draft', 'county term Autumn 2027'],
      ['Saved content draft', 'county term Spring 2027'],
    ])
  })

  it('answers each of the calendar’s rules beside its field, keeping what was typed, and saves nothing', async () => {
    const missingName = await addTermText({ ...AUTUMN, name: ' ' })
    expect(missingName).toContain('<title>Error: County calendar')
    expect(missingName).toContain('href="#name">Enter the name of the term, like Autumn 2026</a>')
    expect(missingName).toContain('name="start-day" type="text" value="3"')

    const empty = await addTermText({ name: '', start: '', end: '' })
    expect(empty).toContain('href="#start-day">Enter the first day of the term</a>')
    expect(empty).toContain('href="#end-day">Enter the last day of the term</a>')

    const notReal = await text(await workspacePost(intake.url, admin, `${PAGE}/terms`, { ...termFields(AUTUMN), 'end-day': '31', 'end-month': '11' }))
    expect(notReal).toContain('href="#end-day">The last day of the term must be a real date</a>')
    expect(notReal).toContain('value="Autumn 2026"')
    expect(notReal).toContain('name="end-day" type="text" value="31"')
    expect(notReal).toContain('name="half-start-day" type="text" value="26"')

    expect(await addTermText({ name: 'Backwards', start: '2026-12-18', end: '2026-09-03' })).toContain('href="#end-day">Backwards: the last day must be after the first</a>')
    expect(await addTermText({ ...AUTUMN, halfTerm: { start: '2026-12-21', end: '2026-12-23' } })).toContain('href="#half-start-day">Autumn 2026: the half term must fall inside the term</a>')
    const halfOnlyStart = await text(await workspacePost(intake.url, admin, `${PAGE}/terms`, { ...termFields(AUTUMN), 'half-end-day': '', 'half-end-month': '', 'half-end-year': '' }))
    expect(halfOnlyStart).toContain('href="#half-end-day">Enter the last day of half term, or leave both half term dates empty</a>')
    expect(await addTermText({ name: 'Summer 2027', start: '2027-04-12', end: '2027-09-03' })).toContain('href="#end-day">Summer 2027: a term must end by 31 August, the end of its school year</a>')

    expect((await addTerm(AUTUMN)).status).toBe(303)
    expect(await addTermText({ name: 'Late autumn', start: '2026-12-01', end: '2026-12-22' })).toContain('href="#start-day">Autumn 2026 and Late autumn overlap</a>')
    // Starting earlier and running into a term already there: the new term's last day is the one to change.
    expect(await addTermText({ name: 'Summer 2026', start: '2026-04-13', end: '2026-09-04' })).toContain('href="#end-day">Summer 2026 and Autumn 2026 overlap</a>')
    const duplicate = await addTermText({ ...NEXT_AUTUMN, name: 'autumn 2026' })
    expect(duplicate).toContain('href="#name">There is already a term called autumn 2026</a>')
    expect(duplicate).toContain('name="start-year" type="text" value="2027"')

    const twice = await addHoliday('2026-12-25')
    expect(twice.status).toBe(400)
    const twiceBody = await text(twice)
    expect(twiceBody).toContain('href="#holiday-day">Friday 25 December 2026 is already in the list of bank holidays</a>')
    expect(twiceBody).toContain('name="holiday-day" type="text" value="25"')
    const noDate = await workspacePost(intake.url, admin, `${PAGE}/bank-holidays`, dateFields('holiday'))
    expect(noDate.status).toBe(400)
    expect(await text(noDate)).toContain('href="#holiday-day">Enter the date of the bank holiday</a>')
    const badDate = await text(await workspacePost(intake.url, admin, `${PAGE}/bank-holidays`, { 'holiday-day': '29', 'holiday-month': '2', 'holiday-year': '2027' }))
    expect(badDate).toContain('href="#holiday-day">The date of the bank holiday must be a real date</a>')

    expect(await draftCalendar()).toEqual({ terms: [AUTUMN], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays })
  })

  it('removes a term and a bank holiday; a stale or malformed address is not found or refused', async () => {
    await addTerm(AUTUMN)
    await addTerm(SPRING)
    const removed = await workspacePost(intake.url, admin, `${PAGE}/terms/2027-01-05/remove`, {})
    expect(removed.status).toBe(303)
    expect(removed.headers.get('location')).toBe(`${PAGE}?done=term-removed`)
    expect(await text(await workspaceGet(intake.url, admin, `${PAGE}?done=term-removed`))).toContain('Term removed from the draft')
    expect((await workspacePost(intake.url, admin, `${PAGE}/terms/2027-01-05/remove`, {})).status).toBe(404)
    expect((await workspacePost(intake.url, admin, `${PAGE}/terms/Spring%202027/remove`, {})).status).toBe(400)

    expect((await workspacePost(intake.url, admin, `${PAGE}/bank-holidays/2026-12-25/remove`, {})).headers.get('location')).toBe(`${PAGE}?done=holiday-removed`)
    expect((await workspacePost(intake.url, admin, `${PAGE}/bank-holidays/2026-12-25/remove`, {})).status).toBe(404)
    expect((await workspacePost(intake.url, admin, `${PAGE}/bank-holidays/2026-02-31/remove`, {})).status).toBe(404)
    expect((await addHoliday('2028-01-03')).headers.get('location')).toBe(`${PAGE}?done=holiday-added`)

    const calendar = (await draftCalendar())!
    expect(calendar.terms).toEqual([AUTUMN])
    expect(calendar.bankHolidays).not.toContain('2026-12-25')
    expect(calendar.bankHolidays.slice(-3)).toEqual(['2027-12-27', '2027-12-28', '2028-01-03'])
    expect(calendar.bankHolidays).toHaveLength(BUNDLED_COUNTY_CALENDAR.bankHolidays.length)
    expect(await text(await workspaceGet(intake.url, admin, '/workspace/content'))).toContain('County calendar: 1 term added, 1 bank holiday added, 1 bank holiday removed')
    expect((await auditEntries()).filter(([action]) => action === 'Saved content draft').map(([, subject]) => subject)).toEqual([
      'county term Autumn 2026', 'county term Spring 2027', 'county term Spring 2027 removed', 'bank holiday 2026-12-25 removed', 'bank holiday 2028-01-03',
    ])
  })

  it('lets a viewer read but not change it, and an officer change the draft', async () => {
    await addTerm(AUTUMN)
    const viewer = await someone('viewer')
    const page = await workspaceGet(intake.url, viewer, PAGE)
    expect(page.status).toBe(200)
    const body = await text(page)
    expect(body).toContain('Autumn 2026')
    expect(body).not.toContain('Add a term')
    expect(body).not.toContain('Add a bank holiday')
    expect(body).not.toContain('/remove"')
    expect((await addTerm(SPRING, viewer)).status).toBe(403)
    expect((await addHoliday('2028-01-03', viewer)).status).toBe(403)
    expect((await workspacePost(intake.url, viewer, `${PAGE}/terms/2026-09-03/remove`, {})).status).toBe(403)
    expect((await workspacePost(intake.url, viewer, `${PAGE}/bank-holidays/2026-12-25/remove`, {})).status).toBe(403)
    expect(await draftCalendar()).toEqual({ terms: [AUTUMN], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays })

    const officer = await someone('officer')
    expect((await addTerm(SPRING, officer)).status).toBe(303)
    expect((await draftCalendar())!.terms).toEqual([AUTUMN, SPRING])
  })

  it('reaches devices once the draft is published, with a new ETag that then answers 304', async () => {
    const before = await fetch(`${intake.url}/api/content`)
    const etag = before.headers.get('etag')!
    await addTerm(AUTUMN)
    await addTerm(SPRING)
    await source.refresh()
    expect((await fetch(`${intake.url}/api/content`, { headers: { 'If-None-Match': etag } })).status).toBe(304)

    expect((await workspacePost(intake.url, admin, '/workspace/content/publish', { note: 'County term dates for 2026 to 2027' })).status).toBe(303)
    await source.refresh()
    const after = await fetch(`${intake.url}/api/content`, { headers: { 'If-None-Match': etag } })
    expect(after.status).toBe(200)
    expect((await after.json()).countyCalendar).toEqual({ terms: [AUTUMN, SPRING], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays })
    const newEtag = after.headers.get('etag')!
    expect(newEtag).not.toBe(etag)
    expect((await fetch(`${intake.url}/api/content`, { headers: { 'If-None-Match': newEtag } })).status).toBe(304)

    const published = await text(await workspaceGet(intake.url, admin, PAGE))
    expect(published).toContain('<span class="govuk-caption-l">Published version</span>')
    expect(published).toContain('Spring 2027')
    expect(await auditEntries()).toEqual(expect.arrayContaining([['Saved content draft', 'county term Spring 2027'], ['Published content', 'version 2']]))
  })
})
