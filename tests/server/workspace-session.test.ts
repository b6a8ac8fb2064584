import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer } from '../../server/service'
import { signIn, startIntake, workspaceGet, type Intake } from './intake-harness'

let intake: Intake
beforeEach(async () => {
  intake = await startIntake()
})
afterEach(() => intake.close())

describe('workspace sessions', () => {
  it('keeps a session alive for a page that asks while its officer types, and answers nothing else', async () => {
    const session = await signIn(intake.url)
    const answer = await workspaceGet(intake.url, session, '/workspace/session')
    expect(answer.status).toBe(204)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(await answer.text()).toBe('')
    // Without a session it is a sign-in like any page.
    const signedOut = await fetch(`${intake.url}/workspace/session`, { redirect: 'manual' })
    expect(signedOut.status).toBe(303)
  })

  it('starts a new session at sign-in and ends the one the browser already had', async () => {
    const first = await signIn(intake.url)
    // Signing in again from the same browser: the old session's cookie goes with the form.
    const form = await fetch(`${intake.url}/workspace/sign-in`, { headers: { Cookie: first.cookie } })
    const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!
    const again = await fetch(`${intake.url}/workspace/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: first.cookie },
      body: new URLSearchParams({ _csrf: csrfToken, username: 'inbox', password: 'a long admin password' }).toString(),
    })
    expect(again.status).toBe(303)
    const newSession = again.headers.getSetCookie().find((cookie) => cookie.startsWith('ic_workspace='))!.split(';')[0]!
    expect(first.cookie).not.toContain(newSession)
    expect((await workspaceGet(intake.url, first, '/workspace')).status).toBe(303)
    expect((await workspaceGet(intake.url, { ...first, cookie: first.cookie.replace(/ic_workspace=[^;]+/, newSession) }, '/workspace')).status).toBe(200)
  })

  it('takes a username in any case, as the person it names', async () => {
    await createOfficer(intake.store, { username: 'Casey.Officer', displayName: 'Casey Officer', role: 'officer', password: 'a long officer password' })
    const session = await signIn(intake.url, 'casey.officer', 'a long officer password')
    expect(await (await workspaceGet(intake.url, session, '/workspace')).text()).toContain('Casey Officer')
  })
})
