import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseContent } from '../../server/content-source'
import { createOfficer } from '../../server/service'
import { enrol, permanentExclusion, sendSubmission, signIn, startIntakeWithContent, workspaceGet, workspacePost, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let source: DatabaseContent
let admin: WorkspaceSession

beforeEach(async () => {
  // The service serves what its content source reads from the store, as main.ts wires it.
  ;({ intake, source } = await startIntakeWithContent())
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

const page = async (path: string, session = admin) => {
  const response = await workspaceGet(intake.url, session, `/workspace${path}`)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const send = async (path: string, fields: Record<string, string> = {}, session = admin) => {
  const response = await workspacePost(intake.url, session, `/workspace${path}`, fields)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const draft = () => intake.store.content.contentDraft()
const draftList = async () => JSON.parse((await draft())!.body).reasonCodes
const actions = async () => (await intake.store.audit.list({}, 1000, 0)).entries.map((entry) => [entry.action, entry.subject ?? ''])
const changes = async () => {
  const text = (await page('/content')).text
  return [...text.matchAll(/<li>(Reason codes: [^<]*)<\/li>/g)].map((match) => match[1])
}

const NEW_NAME = 'Give the changed list a new version name, like census-2026: notices record which list their codes come from'
// Test data: one of the CBDS 2026 codes DOMAIN.md names ("BW weapon brought into school").
const weapon = { code: 'BW', label: 'Weapon brought into school' }
const BUNDLED_COUNT = 16

describe('the census reason codes in the Content area', () => {
  it('shows the published list with its version name, linked from the Content page', async () => {
    expect((await page('/content')).text).toContain('href="/workspace/content/reason-codes"')
    const { status, text } = await page('/content/reason-codes')
    expect(status).toBe(200)
    expect(text).toContain('Published version')
    expect(text).toContain('Version census-2024')
    expect(text).toContain('<td class="govuk-table__cell">PA</td>')
    expect(text).toContain('<td class="govuk-table__cell">Physical assault against an adult</td>')
    expect(text).toContain('href="/workspace/content/reason-codes/PA"')
    expect(text).toContain('href="/workspace/content/reason-codes/PA/remove"')
    expect(text).toContain('value="census-2024"')
  })

  it('adds a reason typed in lower case, and warns until the changed list has a new version name', async () => {
    const added = await send('/content/reason-codes', { code: ' bw ', label: ' Weapon brought into school ' })
    expect(added).toMatchObject({ status: 303, location: '/workspace/content/reason-codes?done=added' })
    expect((await draftList()).codes.at(-1)).toEqual(weapon)
    expect((await draftList()).codes).toHaveLength(BUNDLED_COUNT + 1)

    const list = await page('/content/reason-codes?done=added')
    expect(list.text).toContain('Draft')
    expect(list.text).toContain('Reason added to the draft')
    expect(list.text).toContain(NEW_NAME)
    expect(list.text).toContain('href="#listVersion"')
    expect(await changes()).toEqual(['Reason codes: 1 added'])
    expect(await actions()).toContainEqual(['Saved content draft', 'reason code BW'])

    expect(await send('/content/reason-codes/version', { listVersion: ' census-2026 ' })).toMatchObject({ status: 303, location: '/workspace/content/reason-codes?done=version' })
    const renamed = await page('/content/reason-codes?done=version')
    expect(renamed.text).toContain('Version name saved in the draft')
    expect(renamed.text).toContain('Version census-2026')
    expect(renamed.text).not.toContain(NEW_NAME)
    expect(await changes()).toEqual(['Reason codes: 1 added, version name census-2026'])
    expect(await actions()).toContainEqual(['Saved content draft', 'reason code list version census-2026'])
  })

  it('never gives a changed list the name of any list published before, not only the current one', async () => {
    const publish = (note: string) => send('/content/publish', { note })
    await send('/content/reason-codes', { code: 'bw', label: weapon.label })
    await send('/content/reason-codes/version', { listVersion: 'census-2026' })
    expect((await publish('Census 2026 list')).status).toBe(303)
    await send('/content/reason-codes/BW/remove')
    await send('/content/reason-codes/version', { listVersion: 'census-2027' })
    expect((await publish('Census 2027 list')).status).toBe(303)

    // A third list, named as the first was: refused, as it would read as the 2026 list on notices sent with it.
    await send('/content/reason-codes', { code: 'xx', label: 'A test reason' })
    const refused = await send('/content/reason-codes/version', { listVersion: 'Census-2026' })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain(NEW_NAME)
    // The name the bundled list had is taken too.
    expect((await send('/content/reason-codes/version', { listVersion: 'census-2024' })).text).toContain(NEW_NAME)
    expect((await send('/content/reason-codes/version', { listVersion: 'census-2028' })).status).toBe(303)
  })

  it('tells each rule of a new reason beside its field, keeping what was typed', async () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ code: '', label: ' ' }, { code: 'Enter the code, like PA', label: 'Enter the reason, like Physical assault against an adult' }],
      [{ code: 'B', label: 'Weapon brought into school' }, { code: 'The code must be two letters, like PA' }],
      [{ code: 'B1', label: 'Weapon brought into school' }, { code: 'The code must be two letters, like PA' }],
      [{ code: 'pa', label: 'Weapon brought into school' }, { code: 'PA is already in the list' }],
      [{ code: 'BW', label: 'x'.repeat(201) }, { label: 'The reason must be 200 characters or fewer' }],
    ]
    for (const [typed, messages] of cases) {
      const refused = await send('/content/reason-codes', typed)
      expect(refused.status, typed.code).toBe(400)
      expect(refused.text).toContain('There is a problem')
      for (const [field, message] of Object.entries(messages)) {
        expect(refused.text, message).toContain(`href="#${field}"`)
        expect(refused.text, message).toContain(`id="${field}-error"`)
        expect(refused.text, message).toContain(message)
      }
      expect(refused.text).toContain(`name="code" type="text" spellcheck="false" value="${typed.code}"`)
      expect(refused.text).toContain(`value="${typed.label}"`)
    }
    expect(await draft()).toBeUndefined()
  })

  it('changes a reason’s label, telling what is wrong beside it', async () => {
    const form = await page('/content/reason-codes/VA')
    expect(form.status).toBe(200)
    expect(form.text).toContain('Change reason VA')
    expect(form.text).toContain('value="Verbal abuse or threatening behaviour against an adult"')

    const empty = await send('/content/reason-codes/VA', { label: '  ' })
    expect(empty.status).toBe(400)
    expect(empty.text).toContain('href="#label"')
    expect(empty.text).toContain('Enter the reason, like Physical assault against an adult')
    const tooLong = await send('/content/reason-codes/VA', { label: 'y'.repeat(201) })
    expect(tooLong.status).toBe(400)
    expect(tooLong.text).toContain('The reason must be 200 characters or fewer')
    expect(tooLong.text).toContain(`value="${'y'.repeat(201)}"`)
    expect(await draft()).toBeUndefined()

    // DOMAIN.md's own wording of the census reason.
    const saved = await send('/content/reason-codes/VA', { label: 'Verbal abuse/threatening behaviour against an adult' })
    expect(saved).toMatchObject({ status: 303, location: '/workspace/content/reason-codes?done=changed' })
    expect((await draftList()).codes.find((reason: { code: string }) => reason.code === 'VA')).toEqual({ code: 'VA', label: 'Verbal abuse/threatening behaviour against an adult' })
    expect((await page('/content/reason-codes?done=changed')).text).toContain('Reason changed in the draft')
    expect(await changes()).toEqual(['Reason codes: 1 changed'])
    expect(await actions()).toContainEqual(['Saved content draft', 'reason code VA'])
  })

  it('removes a reason after asking, and keeps the last one', async () => {
    const confirm = await page('/content/reason-codes/DA/remove')
    expect(confirm.status).toBe(200)
    expect(confirm.text).toContain('Remove reason DA?')
    expect(confirm.text).toContain('DA: Drug and alcohol related.')
    expect(await draft()).toBeUndefined()

    expect(await send('/content/reason-codes/DA/remove')).toMatchObject({ status: 303, location: '/workspace/content/reason-codes?done=removed' })
    const list = await page('/content/reason-codes?done=removed')
    expect(list.text).toContain('Reason removed from the draft')
    expect(list.text).not.toContain('Drug and alcohol related')
    expect(await changes()).toEqual(['Reason codes: 1 removed'])
    expect(await actions()).toContainEqual(['Saved content draft', 'reason code DA removed'])

    const rest = (await draftList()).codes.map((reason: { code: string }) => reason.code)
    for (const code of rest.slice(1)) expect((await send(`/content/reason-codes/${code}/remove`)).status, code).toBe(303)
    const last = await send('/content/reason-codes/PP/remove')
    expect(last.status).toBe(400)
    expect(last.text).toContain('href="#remove"')
    expect(last.text).toContain('The list must keep at least one reason: add another reason before removing this one')
    expect((await draftList()).codes).toEqual([{ code: 'PP', label: 'Physical assault against a pupil' }])
  })

  it('asks for a new version name for a changed list, on saving the name and on publishing', async () => {
    const blank = await send('/content/reason-codes/version', { listVersion: '  ' })
    expect(blank.status).toBe(400)
    expect(blank.text).toContain('href="#listVersion"')
    expect(blank.text).toContain('Enter the version name of the list, like census-2026')
    const long = await send('/content/reason-codes/version', { listVersion: 'c'.repeat(51) })
    expect(long.text).toContain('The version name must be 50 characters or fewer')
    expect(long.text).toContain(`value="${'c'.repeat(51)}"`)

    await send('/content/reason-codes', { code: 'BW', label: weapon.label })
    // Only the case differs: still the published list's name.
    const same = await send('/content/reason-codes/version', { listVersion: 'Census-2024' })
    expect(same.status).toBe(400)
    expect(same.text).toContain('href="#listVersion"')
    expect(same.text).toContain(NEW_NAME)
    expect(same.text).toContain('value="Census-2024"')
    expect((await draftList()).listVersion).toBe('census-2024')

    const refused = await send('/content/publish', { note: 'Added BW' })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('href="#reason-codes"')
    expect(refused.text).toContain(NEW_NAME)
    expect(await intake.store.content.contentVersions()).toHaveLength(1)

    // The same list as published may keep its name: removing the new code again is allowed either way.
    expect((await send('/content/reason-codes/BW/remove')).status).toBe(303)
    expect((await page('/content/reason-codes')).text).not.toContain(NEW_NAME)
  })

  it('publishes the new list, which devices get with the content', async () => {
    await send('/content/reason-codes', { code: 'bw', label: weapon.label })
    await send('/content/reason-codes/DA/remove')
    await send('/content/reason-codes/version', { listVersion: 'census-2026' })
    expect(await changes()).toEqual(['Reason codes: 1 added, 1 removed, version name census-2026'])
    expect(await send('/content/publish', { note: 'Census reason list 2026' })).toMatchObject({ status: 303, location: '/workspace/content?done=published' })

    await source.refresh()
    const served = await (await fetch(`${intake.url}/api/content`)).json()
    expect(served.reasonCodes.listVersion).toBe('census-2026')
    expect(served.reasonCodes.codes).toHaveLength(BUNDLED_COUNT)
    expect(served.reasonCodes.codes.at(-1)).toEqual(weapon)
    expect(served.reasonCodes.codes.map((reason: { code: string }) => reason.code)).not.toContain('DA')
    expect(await actions()).toContainEqual(['Published content', 'version 2'])
    const list = await page('/content/reason-codes')
    expect(list.text).toContain('Published version')
    expect(list.text).toContain('Version census-2026')
  })

  it('lets a viewer read the list but not change it', async () => {
    await createOfficer(intake.store, { username: 'a.viewer', displayName: 'Display viewer', role: 'viewer', password: 'correct horse battery staple' })
    const viewer = await signIn(intake.url, 'a.viewer', 'correct horse battery staple')
    const list = await page('/content/reason-codes', viewer)
    expect(list.status).toBe(200)
    expect(list.text).toContain('Physical assault against an adult')
    expect(list.text).not.toContain('action="/workspace/content/reason-codes')
    expect(list.text).not.toContain('href="/workspace/content/reason-codes/PA"')
    for (const path of ['/content/reason-codes/PA', '/content/reason-codes/PA/remove']) {
      const response = await page(path, viewer)
      expect(response.status, path).toBe(403)
      expect(response.text).toContain('You cannot do that')
    }
    for (const path of ['/content/reason-codes', '/content/reason-codes/version', '/content/reason-codes/PA', '/content/reason-codes/PA/remove']) {
      expect((await send(path, { code: 'BW', label: weapon.label, listVersion: 'census-2026' }, viewer)).status, path).toBe(403)
    }
    expect(await draft()).toBeUndefined()
  })

  it('answers 404 for a code not in the list', async () => {
    for (const path of ['/content/reason-codes/ZZ', '/content/reason-codes/ZZ/remove']) {
      const response = await page(path)
      expect(response.status, path).toBe(404)
      expect(response.text).toContain('Page not found')
    }
    expect((await send('/content/reason-codes/ZZ', { label: 'Anything' })).status).toBe(404)
    expect((await send('/content/reason-codes/ZZ/remove')).status).toBe(404)
    expect(await draft()).toBeUndefined()
  })
})

describe('a case page’s reasons', () => {
  it('shows each reason with its label from the published list, and only the codes for a notice from another list', async () => {
    const device = await enrol(intake.url, intake.code)
    const earlier = await sendSubmission(intake.url, device, 'permanent-exclusion', permanentExclusion())
    expect((await page(`/cases/${earlier.id}`)).text).toContain('PA: Physical assault against an adult; VA: Verbal abuse or threatening behaviour against an adult')

    await send('/content/reason-codes', { code: 'BW', label: weapon.label })
    await send('/content/reason-codes/version', { listVersion: 'census-2026' })
    await send('/content/publish', { note: 'Census reason list 2026' })
    const later = await sendSubmission(intake.url, device, 'permanent-exclusion', permanentExclusion({ reasons: { listVersion: 'census-2026', codes: ['BW', 'PA'] } }))
    expect((await page(`/cases/${later.id}`)).text).toContain('BW: Weapon brought into school; PA: Physical assault against an adult')
    // The census-2024 list is no longer published: its codes, without another list's labels.
    expect((await page(`/cases/${earlier.id}`)).text).toMatch(/<dd class="govuk-summary-list__value">\s*PA, VA\s*<\/dd>/)
  })
})
