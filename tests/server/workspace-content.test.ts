import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ContentSource } from '../../server/content-source'
import { createOfficer, openContent } from '../../server/service'
import { BUNDLED_COUNTY_CALENDAR } from '../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { signIn, startIntake, workspaceGet, workspacePost, type Intake, type WorkspaceSession } from './intake-harness'

const quiet = { info: () => {}, warn: () => {} }
let intake: Intake
let source: ContentSource & { refresh(): Promise<void>; stop(): void }
let admin: WorkspaceSession

beforeEach(async () => {
  // The service serves what its content source reads from the store, as main.ts wires it.
  intake = await startIntake({ content: () => source.current() })
  source = (await openContent({ dataDir: intake.dataDir }, intake.store, quiet, 60_000)) as typeof source
  admin = await signIn(intake.url)
})
afterEach(async () => {
  source.stop()
  await intake.close()
})

const content = () => intake.store.content
const page = async (session: WorkspaceSession, path: string) => {
  const response = await workspaceGet(intake.url, session, `/workspace${path}`)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const send = async (session: WorkspaceSession, path: string, fields: Record<string, string | string[]> = {}) => {
  const form = new URLSearchParams({ _csrf: session.csrfToken })
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one)
  const response = await fetch(`${intake.url}/workspace${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session.cookie },
    body: form.toString(),
  })
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const actions = async () => (await intake.store.audit.list({}, 1000, 0)).entries.map((entry) => [entry.action, entry.subject ?? ''])
const someone = async (role: 'officer' | 'viewer') => {
  await createOfficer(intake.store, { username: `a.${role}`, displayName: `Display ${role}`, role, password: 'correct horse battery staple' })
  return signIn(intake.url, `a.${role}`, 'correct horse battery staple')
}
const getContent = (etag?: string) => fetch(`${intake.url}/api/content`, { headers: etag ? { 'If-None-Match': etag } : {} })

const newService = {
  name: 'Ashby Family Hub', offers: 'Drop-in advice for families', audience: 'Families in Ashby',
  phone1Label: 'Front desk', phone1Number: '0116 305 1234', phone1Hours: 'Weekdays 9am to 5pm',
  email: 'hub@example.org', topics: 'Attendance\nParenting', needs: ['behaviour', 'send'], notes: 'Closed in August',
}

describe('the Content area', () => {
  it('starts from the bundled content, published once as version 1', async () => {
    const overview = await page(admin, '/content')
    expect(overview.status).toBe(200)
    expect(overview.text).toContain('Version 1')
    expect(overview.text).toContain('The content the service ships with')
    expect(overview.text).toContain('There is no draft')
    expect(overview.text).toContain('href="/workspace/content"')
  })

  it('adds a service to the draft, previews it, publishes it with a note, and serves it to devices with a new ETag', async () => {
    const before = await getContent()
    const etag = before.headers.get('etag')!
    const saved = await send(admin, '/content/services/new', newService)
    expect(saved).toMatchObject({ status: 303, location: '/workspace/content/services?done=saved' })

    const overview = await page(admin, '/content')
    expect(overview.text).toContain('Services: 1 added')
    expect(overview.text).toContain('by inbox')
    const preview = await page(admin, '/content/preview')
    expect(preview.text).toContain('Ashby Family Hub')
    expect(preview.text).toContain('Front desk: 0116 305 1234 (Weekdays 9am to 5pm)')
    // Devices still get the published version until the draft is published.
    await source.refresh()
    expect((await getContent(etag)).status).toBe(304)

    const noNote = await send(admin, '/content/publish', { note: '  ' })
    expect(noNote.status).toBe(400)
    expect(noNote.text).toContain('Enter a note of what changed')
    expect(noNote.text).toContain('href="#note"')
    const tooLong = await send(admin, '/content/publish', { note: 'x'.repeat(501) })
    expect(tooLong.text).toContain('Note must be 500 characters or fewer')
    expect(await content().contentVersions()).toHaveLength(1)

    expect(await send(admin, '/content/publish', { note: 'Added the Ashby Family Hub' })).toMatchObject({ status: 303, location: '/workspace/content?done=published' })
    expect(await content().contentDraft()).toBeUndefined()
    await source.refresh()
    const after = await getContent(etag)
    expect(after.status).toBe(200)
    const served = await after.json()
    expect(served.services.at(-1)).toEqual({
      id: 'ashby-family-hub', name: 'Ashby Family Hub', offers: 'Drop-in advice for families', audience: 'Families in Ashby',
      phones: [{ label: 'Front desk', number: '0116 305 1234', hours: 'Weekdays 9am to 5pm' }],
      email: 'hub@example.org', topics: ['Attendance', 'Parenting'], needs: ['behaviour', 'send'], notes: ['Closed in August'],
    })
    expect(served.version).toMatch(/^\d{4}-\d{2}-\d{2}\.2$/)
    const newEtag = after.headers.get('etag')!
    expect(newEtag).not.toBe(etag)
    expect((await getContent(newEtag)).status).toBe(304)

    const published = await page(admin, '/content?done=published')
    expect(published.text).toContain('Added the Ashby Family Hub')
    expect(await actions()).toEqual(expect.arrayContaining([['Saved content draft', 'service ashby-family-hub'], ['Published content', 'version 2']]))
  })

  it('changes a service, telling each invalid field what is wrong beside it and keeping what was typed', async () => {
    const service = (await page(admin, '/content/services/inclusion-service'))
    expect(service.status).toBe(200)
    expect(service.text).toContain('value="0116 305 2071"')
    const invalid = await send(admin, '/content/services/inclusion-service', {
      name: ' ', offers: '', phone1Number: '12345', phone2Label: 'Evenings', email: 'not an email', needs: 'flying', topics: 'Kept topic',
    })
    expect(invalid.status).toBe(400)
    for (const [field, message] of [
      ['name', 'Enter the name of the service'],
      ['offers', 'Enter what the service offers'],
      ['phone1Number', 'Enter phone 1 as a UK phone number, like 0116 305 2071'],
      ['phone2Number', 'Enter a number for phone 2, or leave its label and hours empty'],
      ['email', 'Enter an email address in the correct format, like name@example.com'],
      ['needs', 'Select needs from the list'],
    ]) {
      expect(invalid.text, field).toContain(`href="#${field}"`)
      expect(invalid.text, field).toContain(message)
    }
    expect(invalid.text).toContain('value="12345"')
    expect(invalid.text).toContain('value="Evenings"')
    expect(invalid.text).toContain('Kept topic')
    expect(invalid.text).toContain('value="not an email"')
    expect(await content().contentDraft()).toBeUndefined()

    const valid = await send(admin, '/content/services/inclusion-service', { name: 'Inclusion Service', offers: 'Advice on exclusions', phone1Number: '01163052071', needs: 'exclusion-risk' })
    expect(valid.status).toBe(303)
    expect((await page(admin, '/content')).text).toContain('Services: 1 changed')
  })

  it('will not remove a service a guidance section lists as a contact, and says which section', async () => {
    const confirm = await page(admin, '/content/services/legal-service/remove')
    expect(confirm.text).toContain('Remove')
    const refused = await send(admin, '/content/services/legal-service/remove')
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('“After the decision” lists this service as a contact')
    expect(await content().contentDraft()).toBeUndefined()

    expect(await send(admin, '/content/services/leamis/remove')).toMatchObject({ status: 303, location: '/workspace/content/services?done=removed' })
    expect((await page(admin, '/content')).text).toContain('Services: 1 removed')
    expect((await page(admin, '/content/services')).text).not.toContain('LEAMIS')
  })

  it('discards the draft', async () => {
    await send(admin, '/content/services/new', newService)
    expect(await send(admin, '/content/draft/discard')).toMatchObject({ status: 303 })
    expect(await content().contentDraft()).toBeUndefined()
    expect((await page(admin, '/content/services')).text).not.toContain('Ashby Family Hub')
    expect(await actions()).toContainEqual(['Discarded content draft', ''])
    // With no draft (discarded by someone else meanwhile) there is nothing to publish.
    expect(await send(admin, '/content/publish', { note: 'Too late' })).toMatchObject({ status: 303, location: '/workspace/content' })
    expect(await content().contentVersions()).toHaveLength(1)
  })

  it('rolls back to an earlier version as a new version that devices take', async () => {
    await send(admin, '/content/services/new', newService)
    await send(admin, '/content/publish', { note: 'Added the hub' })
    await source.refresh()
    const withHub = await getContent()
    expect((await withHub.json()).services.some((service: { id: string }) => service.id === 'ashby-family-hub')).toBe(true)

    const confirm = await page(admin, '/content/versions/1/restore')
    expect(confirm.status).toBe(200)
    expect(confirm.text).toContain('Restore version 1')
    expect(await send(admin, '/content/versions/1/restore')).toMatchObject({ status: 303, location: '/workspace/content?done=restored' })
    await source.refresh()
    const restored = await getContent(withHub.headers.get('etag')!)
    expect(restored.status).toBe(200)
    const body = await restored.json()
    expect(body).toEqual({ ...defaultContent, version: body.version })
    expect(body.version).toMatch(/\.3$/)
    const versions = await content().contentVersions()
    expect(versions[0]).toMatchObject({ id: 3, note: 'Restored version 1', restoredFrom: 1 })
    expect((await page(admin, '/content')).text).toContain('Restored version 1')
    expect(await actions()).toContainEqual(['Restored content', 'version 3 from version 1'])
    expect((await page(admin, '/content/versions/99/restore')).status).toBe(404)
  })

  it('lets a viewer read, an officer edit the draft, and only an administrator publish, restore or discard', async () => {
    const viewer = await someone('viewer')
    expect((await page(viewer, '/content')).status).toBe(200)
    expect((await page(viewer, '/content/services')).status).toBe(200)
    expect((await page(viewer, '/content/preview')).status).toBe(200)
    for (const path of ['/content/services/new', '/content/services/leamis', '/content/services/leamis/remove', '/content/versions/1/restore']) {
      const response = await page(viewer, path)
      expect(response.status, path).toBe(403)
      expect(response.text).toContain('You cannot do that')
    }
    for (const path of ['/content/services/new', '/content/services/leamis', '/content/services/leamis/remove', '/content/publish', '/content/draft/discard', '/content/versions/1/restore']) {
      expect((await send(viewer, path, { ...newService, note: 'Sneaky' })).status, path).toBe(403)
    }
    expect(await content().contentDraft()).toBeUndefined()

    const officer = await someone('officer')
    expect((await send(officer, '/content/services/new', newService)).status).toBe(303)
    expect(await content().contentDraft()).toBeDefined()
    expect((await page(officer, '/content')).text).not.toContain('action="/workspace/content/publish"')
    for (const path of ['/content/publish', '/content/draft/discard', '/content/versions/1/restore']) {
      expect((await send(officer, path, { note: 'Sneaky' })).status, path).toBe(403)
    }
    expect(await content().contentVersions()).toHaveLength(1)
    expect(await content().contentDraft()).toBeDefined()
  })

  it('refuses a form without its CSRF token', async () => {
    const response = await fetch(`${intake.url}/workspace/content/services/new`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: admin.cookie },
      body: new URLSearchParams(Object.entries(newService).map(([name, value]) => [name, String(value)])).toString(),
    })
    expect(response.status).toBe(403)
    expect(await content().contentDraft()).toBeUndefined()
  })
})

describe('content on first start', () => {
  it('imports the content.json an earlier installation served, when it fits the schema', async () => {
    source.stop()
    await intake.close()
    intake = await startIntake({ content: () => source.current() })
    // The harness's store has no content yet: openContent has not run for it.
    writeFileSync(join(intake.dataDir, 'content.json'), JSON.stringify({ ...defaultContent, whatToBring: ['From our edited file'] }))
    source = (await openContent({ dataDir: intake.dataDir }, intake.store, quiet, 60_000)) as typeof source
    expect(source.current().whatToBring).toEqual(['From our edited file'])
    expect(await content().contentVersions()).toMatchObject([{ id: 1, note: 'Imported from content.json' }])
  })

  it('publishes the bundled content, not an older release’s untouched copy, when content.json holds that', async () => {
    source.stop()
    await intake.close()
    intake = await startIntake({ content: () => source.current() })
    const older = { ...defaultContent, version: '2026-01-05.1', whatToBring: ['An older release’s list'] }
    writeFileSync(join(intake.dataDir, 'content.json'), JSON.stringify(older))
    source = (await openContent({ dataDir: intake.dataDir }, intake.store, quiet, 60_000)) as typeof source
    expect(source.current().whatToBring).toEqual(defaultContent.whatToBring)
    expect(await content().contentVersions()).toMatchObject([{ id: 1, note: 'The content the service ships with' }])
  })

  it('moves the county terms an older installation entered on the suspension levels page into a new version, served at once', async () => {
    source.stop()
    await intake.close()
    intake = await startIntake({ content: () => source.current() })
    // Test data: a row as the suspension levels page stored it before the county calendar was content.
    const autumn = { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } }
    await intake.store.levels.addCountyTerm(autumn, '2026-06-01T09:00:00.000Z')
    source = (await openContent({ dataDir: intake.dataDir }, intake.store, quiet, 60_000)) as typeof source
    expect(source.current().countyCalendar).toEqual({ terms: [autumn], bankHolidays: BUNDLED_COUNTY_CALENDAR.bankHolidays })
    expect(await content().contentVersions()).toMatchObject([
      { id: 2, note: 'County term dates moved from the suspension levels page' },
      { id: 1, note: 'The content the service ships with' },
    ])
    expect(await intake.store.levels.countyTerms()).toEqual([])
    expect((await page(await signIn(intake.url), '/content/county-calendar')).text).toContain('Thursday 3 September 2026')
  })

  it('publishes the bundled content when content.json does not fit the schema', async () => {
    source.stop()
    await intake.close()
    intake = await startIntake({ content: () => source.current() })
    writeFileSync(join(intake.dataDir, 'content.json'), JSON.stringify({ ...defaultContent, forums: [] }))
    const warnings: string[] = []
    source = (await openContent({ dataDir: intake.dataDir }, intake.store, { info: () => {}, warn: (_details, message) => warnings.push(message) }, 60_000)) as typeof source
    expect(source.current().whatToBring).toEqual(defaultContent.whatToBring)
    expect(await content().contentVersions()).toMatchObject([{ id: 1, note: 'The content the service ships with' }])
    expect(warnings).toEqual(['published content failed validation: keeping the current content'])
  })
})
