import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer } from '../../server/service'
import type { AuditEntry } from '../../server/store/audit-store'
import { signIn, startIntake, workspaceGet, workspacePost, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let admin: WorkspaceSession
beforeEach(async () => {
  intake = await startIntake()
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

const page = async (session: WorkspaceSession, path: string) => {
  const response = await workspaceGet(intake.url, session, path)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const send = async (session: WorkspaceSession, path: string, fields: Record<string, string>) => {
  const response = await workspacePost(intake.url, session, path, fields)
  return { status: response.status, text: await response.text(), location: response.headers.get('location'), cookies: response.headers.getSetCookie() }
}
const auditEntries = async (): Promise<AuditEntry[]> => (await intake.store.audit.list({}, 1000, 0)).entries
const actions = async (action: string) => (await auditEntries()).filter((entry) => entry.action === action)
/** Whether the password signs the username in (through the real sign-in page). */
const signsIn = (username: string, password: string) =>
  signIn(intake.url, username, password).then(
    () => true,
    () => false,
  )

async function addOfficer(username: string, role: 'administrator' | 'officer' | 'viewer' = 'officer', password = 'correct horse battery staple') {
  const officer = await createOfficer(intake.store, { username, displayName: `Display ${username}`, role, password })
  return { officer, password }
}

describe('who may run the workspace', () => {
  it('answers viewers and officers with a 403 page on every administration page and form, and changes nothing', async () => {
    const { officer: target } = await addOfficer('target.person')
    for (const role of ['viewer', 'officer'] as const) {
      const { password } = await addOfficer(`a.${role}`, role)
      const session = await signIn(intake.url, `a.${role}`, password)
      for (const path of ['/people', '/people/new', `/people/${target.id}`, '/audit', '/audit/export.csv', '/retention', '/subject-access']) {
        const response = await page(session, `/workspace${path}`)
        expect(response.status, `${role} GET ${path}`).toBe(403)
        expect(response.text).toContain('You cannot do that')
      }
      const posts: [string, Record<string, string>][] = [
        ['/people/new', { displayName: 'Sneaky', username: 'sneaky', role: 'administrator', passwordChoice: 'generate' }],
        [`/people/${target.id}/role`, { role: 'administrator' }],
        [`/people/${target.id}/disable`, {}],
        [`/people/${target.id}/enable`, {}],
        [`/people/${target.id}/password`, { passwordChoice: 'generate' }],
        ['/retention', { months: '1' }],
        ['/retention/apply', {}],
        ['/subject-access', { name: 'Sam Pupil' }],
        ['/subject-access/export', { name: 'Sam Pupil' }],
      ]
      for (const [path, fields] of posts) {
        const response = await send(session, `/workspace${path}`, fields)
        expect(response.status, `${role} POST ${path}`).toBe(403)
      }
      // Their own password is theirs to change, whatever their role.
      expect((await page(session, '/workspace/account/password')).status).toBe(200)
    }
    expect(await intake.store.people.officerByUsername('sneaky')).toBeUndefined()
    const unchanged = (await intake.store.people.officer(target.id))!
    expect(unchanged.role).toBe('officer')
    expect(unchanged.disabledAt).toBeUndefined()
    expect(await signsIn('target.person', 'correct horse battery staple')).toBe(true)
    expect((await intake.store.retention.setting()).months).toBe(72)
  })

  it('shows the people page and its links to administrators only', async () => {
    const { password } = await addOfficer('a.viewer', 'viewer')
    const viewer = await signIn(intake.url, 'a.viewer', password)
    expect((await page(viewer, '/workspace')).text).not.toContain('href="/workspace/people"')
    expect((await page(admin, '/workspace')).text).toContain('href="/workspace/people"')
  })
})

describe('people', () => {
  it('lists every account with its name, username, role and status', async () => {
    const { officer } = await addOfficer('jo.bloggs', 'viewer')
    await intake.store.people.updateOfficer(officer.id, { disabled: true }, new Date().toISOString())
    const { status, text } = await page(admin, '/workspace/people')
    expect(status).toBe(200)
    expect(text).toContain('<title>People – Inclusion Service workspace</title>')
    expect(text).toContain(`<a class="govuk-link" href="/workspace/people/${officer.id}">Display jo.bloggs</a>`)
    expect(text).toMatch(/jo\.bloggs<\/td>\s*<td class="govuk-table__cell">\s*Viewer\s*<\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--grey">\s*Disabled/)
    expect(text).toMatch(/inbox<\/td>\s*<td class="govuk-table__cell">\s*Administrator\s*<\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--green">\s*Active/)
  })

  it('answers an unknown person with a 404 page', async () => {
    expect((await page(admin, '/workspace/people/no-such-person')).status).toBe(404)
    expect((await send(admin, '/workspace/people/no-such-person/role', { role: 'viewer' })).status).toBe(404)
  })

  it('adds an account with a typed password: they can sign in, and the change is audited by username', async () => {
    const form = await page(admin, '/workspace/people/new')
    expect(form.text).toContain('Works cases: records steps and contacts with schools, and reads everything')
    expect(form.text).toContain('Reads submissions, cases and suspension levels, and changes nothing')
    const response = await send(admin, '/workspace/people/new', {
      displayName: 'Sam Patel', username: 'sam.patel', role: 'officer', passwordChoice: 'type', password: 'purple kettle on the moor',
    })
    expect(response.status).toBe(200)
    expect(response.text).toContain('Account added')
    expect(response.text).not.toContain('purple kettle on the moor')
    const added = (await intake.store.people.officerByUsername('sam.patel'))!
    expect(added).toMatchObject({ displayName: 'Sam Patel', role: 'officer' })
    expect(await signsIn('sam.patel', 'purple kettle on the moor')).toBe(true)
    expect(await actions('Added account')).toMatchObject([{ officerUsername: 'inbox', subject: 'sam.patel' }])
  })

  it('generates a password when asked and shows it once', async () => {
    const response = await send(admin, '/workspace/people/new', { displayName: 'Ali Khan', username: 'ali.khan', role: 'viewer', passwordChoice: 'generate' })
    expect(response.status).toBe(200)
    const password = /<code class="app-password[^"]*">([^<]+)<\/code>/.exec(response.text)![1]!
    expect(password).toHaveLength(20)
    expect(response.text).toContain('This is the only time the password is shown')
    expect(await signsIn('ali.khan', password)).toBe(true)
    expect(JSON.stringify(await auditEntries())).not.toContain(password)
  })

  it('refuses a duplicate username, a common or short password and a username with other characters, keeping what was typed', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ username: 'INBOX', passwordChoice: 'type', password: 'purple kettle on the moor' }, 'Username is already in use: choose another', '#username'],
      [{ username: 'new.person', passwordChoice: 'type', password: 'password123456' }, 'Password is too common: choose one that is not on lists of breached passwords', '#password'],
      [{ username: 'new.person', passwordChoice: 'type', password: 'short pass' }, 'Password must be 12 characters or more', '#password'],
      [{ username: 'new person!', passwordChoice: 'generate' }, 'Username must only include letters a to z, numbers, full stops, underscores, at signs and hyphens', '#username'],
      [{ username: 'ab', passwordChoice: 'generate' }, 'Username must be between 3 and 100 characters', '#username'],
      [{ username: 'new.person' }, 'Select how to set the password', '#passwordChoice'],
    ]
    for (const [fields, message, href] of cases) {
      const response = await send(admin, '/workspace/people/new', { displayName: 'New Person', role: 'officer', ...fields })
      expect(response.status, message).toBe(400)
      expect(response.text).toContain('<title>Error: Add a person – Inclusion Service workspace</title>')
      expect(response.text).toContain(`<a href="${href}">${message}</a>`)
      expect(response.text).toContain('value="New Person"')
      expect(response.text).toMatch(/value="officer" checked/)
      if (fields.password) expect(response.text).not.toContain(fields.password)
    }
    const missing = await send(admin, '/workspace/people/new', { passwordChoice: 'generate' })
    expect(missing.text).toContain('Enter the person’s name')
    expect(missing.text).toContain('Enter a username')
    expect(missing.text).toContain('Select a role')
    expect((await intake.store.people.listOfficers()).map((officer) => officer.username)).toEqual(['inbox'])
    expect(await actions('Added account')).toEqual([])
  })

  it('changes a role, and says so', async () => {
    const { officer } = await addOfficer('jo.bloggs', 'viewer')
    const before = await page(admin, `/workspace/people/${officer.id}`)
    expect(before.text).toContain('(Administrator)</span>')
    expect(before.text).toMatch(/Role\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Viewer/)
    const response = await send(admin, `/workspace/people/${officer.id}/role`, { role: 'officer' })
    expect(response.status).toBe(303)
    expect(response.location).toBe(`/workspace/people/${officer.id}?done=role`)
    expect((await page(admin, response.location!)).text).toContain('Role changed')
    expect((await intake.store.people.officer(officer.id))!.role).toBe('officer')
    expect(await actions('Changed role')).toMatchObject([{ subject: 'jo.bloggs' }])
  })

  it('shows no banner for a change it does not know, an inherited name such as constructor included', async () => {
    const { officer } = await addOfficer('jo.bloggs', 'viewer')
    for (const done of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'unknown']) {
      const shown = await page(admin, `/workspace/people/${officer.id}?done=${done}`)
      expect(shown.status).toBe(200)
      expect(shown.text).not.toContain('govuk-notification-banner')
      expect(shown.text).not.toContain('native code')
    }
  })

  it('refuses to demote or disable the last active administrator, and to disable one’s own account', async () => {
    const self = (await intake.store.people.officerByUsername('inbox'))!
    const demote = await send(admin, `/workspace/people/${self.id}/role`, { role: 'viewer' })
    expect(demote.status).toBe(400)
    expect(demote.text).toContain('You cannot change the role of the last administrator. Give someone else the administrator role first.')
    expect(demote.text).toMatch(/value="viewer" checked/)

    // A second administrator, signed in, tries to disable the only other active one once it is alone.
    const { officer: other, password } = await addOfficer('second.admin', 'administrator')
    const second = await signIn(intake.url, 'second.admin', password)
    expect((await send(second, `/workspace/people/${other.id}/disable`, {})).text).toContain('You cannot disable your own account')
    expect((await send(admin, `/workspace/people/${other.id}/role`, { role: 'officer' })).status).toBe(303)
    const lastOne = await send(admin, `/workspace/people/${self.id}/disable`, {})
    expect(lastOne.status).toBe(400)
    expect(lastOne.text).toContain('You cannot disable your own account')
    const refused = await send(admin, `/workspace/people/${self.id}/role`, { role: 'officer' })
    expect(refused.text).toContain('You cannot change the role of the last administrator')

    // A disabled administrator does not count: the active one is still the last.
    await intake.store.people.updateOfficer(other.id, { role: 'administrator', disabled: true }, new Date().toISOString())
    expect((await send(admin, `/workspace/people/${self.id}/role`, { role: 'officer' })).status).toBe(400)
    expect((await intake.store.people.officer(self.id))!.role).toBe('administrator')
    expect(await intake.store.people.countAdministrators()).toBe(1)
  })

  it('disables an account: its sessions end and it cannot sign in; enabled again, it can', async () => {
    const { officer, password } = await addOfficer('jo.bloggs')
    const theirs = await signIn(intake.url, 'jo.bloggs', password)
    expect((await page(theirs, '/workspace')).status).toBe(200)

    const response = await send(admin, `/workspace/people/${officer.id}/disable`, {})
    expect(response.location).toBe(`/workspace/people/${officer.id}?done=disabled`)
    expect((await page(admin, response.location!)).text).toContain('Account disabled. Their sessions have ended.')
    const after = await page(theirs, '/workspace')
    expect(after.status).toBe(303)
    expect(after.location).toMatch(/^\/workspace\/sign-in/)
    expect(await signsIn('jo.bloggs', password)).toBe(false)

    expect((await send(admin, `/workspace/people/${officer.id}/enable`, {})).location).toBe(`/workspace/people/${officer.id}?done=enabled`)
    expect(await signsIn('jo.bloggs', password)).toBe(true)
    expect((await auditEntries()).filter((entry) => entry.subject === 'jo.bloggs').map((entry) => entry.action)).toEqual(['Enabled account', 'Disabled account'])
  })

  it('sets a new password for someone: their sessions end and only the new password works', async () => {
    const { officer, password } = await addOfficer('jo.bloggs')
    const theirs = await signIn(intake.url, 'jo.bloggs', password)
    const common = await send(admin, `/workspace/people/${officer.id}/password`, { passwordChoice: 'type', password: 'password123456' })
    expect(common.status).toBe(400)
    expect(common.text).toContain('<a href="#password">Password is too common')

    const response = await send(admin, `/workspace/people/${officer.id}/password`, { passwordChoice: 'type', password: 'a brand new long phrase' })
    expect(response.location).toBe(`/workspace/people/${officer.id}?done=password`)
    expect((await page(theirs, '/workspace')).status).toBe(303)
    expect(await signsIn('jo.bloggs', password)).toBe(false)
    expect(await signsIn('jo.bloggs', 'a brand new long phrase')).toBe(true)

    const generated = await send(admin, `/workspace/people/${officer.id}/password`, { passwordChoice: 'generate' })
    const shown = /<code class="app-password[^"]*">([^<]+)<\/code>/.exec(generated.text)![1]!
    expect(await signsIn('jo.bloggs', shown)).toBe(true)
    expect(await actions('Reset password')).toMatchObject([{ subject: 'jo.bloggs' }, { subject: 'jo.bloggs' }])
  })
})

describe('one’s own password', () => {
  it('checks the current password and the new one, then signs the officer out everywhere', async () => {
    const { password } = await addOfficer('jo.bloggs', 'viewer')
    const here = await signIn(intake.url, 'jo.bloggs', password)
    const elsewhere = await signIn(intake.url, 'jo.bloggs', password)

    const wrong = await send(here, '/workspace/account/password', { currentPassword: 'not my password', newPassword: 'a brand new long phrase' })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('<a href="#currentPassword">Your current password is not right</a>')
    const common = await send(here, '/workspace/account/password', { currentPassword: password, newPassword: 'password123456' })
    expect(common.text).toContain('<a href="#newPassword">Password is too common')
    const same = await send(here, '/workspace/account/password', { currentPassword: password, newPassword: password })
    expect(same.text).toContain('New password must be different from your current password')
    const empty = await send(here, '/workspace/account/password', {})
    expect(empty.text).toContain('Enter your current password')
    expect(empty.text).toContain('Enter a new password')

    const changed = await send(here, '/workspace/account/password', { currentPassword: password, newPassword: 'a brand new long phrase' })
    expect(changed.status).toBe(200)
    expect(changed.text).toContain('Your password has been changed')
    expect(changed.text).toContain('You have been signed out everywhere you were signed in.')
    expect(changed.text).not.toContain('action="/workspace/sign-out"')
    expect(changed.cookies.some((cookie) => cookie.startsWith('ic_workspace=;'))).toBe(true)
    for (const session of [here, elsewhere]) expect((await page(session, '/workspace')).status).toBe(303)
    expect(await signsIn('jo.bloggs', password)).toBe(false)
    expect(await signsIn('jo.bloggs', 'a brand new long phrase')).toBe(true)
    expect(await actions('Changed own password')).toMatchObject([{ officerUsername: 'jo.bloggs', subject: 'jo.bloggs' }])
  })

  it('sends an administrator’s own reset from the people page to their own password page', async () => {
    const self = (await intake.store.people.officerByUsername('inbox'))!
    const response = await send(admin, `/workspace/people/${self.id}/password`, { passwordChoice: 'generate' })
    expect(response.location).toBe('/workspace/account/password')
    expect(await signsIn('inbox', 'a long admin password')).toBe(true)
  })
})

describe('sessions', () => {
  it('end on sign-out: the old cookie sent again goes to sign-in', async () => {
    expect((await page(admin, '/workspace')).status).toBe(200)
    const out = await send(admin, '/workspace/sign-out', {})
    expect(out.location).toBe('/workspace/sign-in')
    const replay = await page(admin, '/workspace/people')
    expect(replay.status).toBe(303)
    expect(replay.location).toMatch(/^\/workspace\/sign-in/)
  })

  it('end after the idle time: the next request goes to sign-in, which says why', async () => {
    const idle = await startIntake({ workspaceIdleMinutes: 0 })
    try {
      const session = await signIn(idle.url)
      const response = await workspaceGet(idle.url, session, '/workspace/people')
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/workspace/sign-in?reason=idle')
      const signInPage = await (await fetch(`${idle.url}/workspace/sign-in?reason=idle`)).text()
      expect(signInPage).toContain('You were signed out because the workspace was not used for 0 minutes')
      // The session is gone for good, not just refused once.
      expect((await workspaceGet(idle.url, session, '/workspace')).status).toBe(303)
    } finally {
      await idle.close()
    }
  })

  it('last while the officer keeps using the workspace within the idle time', async () => {
    for (let i = 0; i < 3; i++) expect((await page(admin, '/workspace/people')).status).toBe(200)
  })
})
