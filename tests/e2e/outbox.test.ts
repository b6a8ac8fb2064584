import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { openInstalledApp, waitForHeading, type AppSession } from './browser'
import { anonymousCase, setUpDevice, submitCase, visit } from './cases'
import { signIn, workspacePost } from '../server/intake-harness'

let app: AppSession

beforeAll(async () => {
  app = await openInstalledApp({ service: true })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
})
afterAll(() => app.close())

const references = () => app.page.getByTestId('receipt-reference').allInnerTexts()

describe('the outbox in Chromium against the real service', () => {
  it('holds two submissions made offline, shows them waiting, and sends both when back online', async () => {
    await app.goOffline()
    for (let item = 0; item < 2; item++) await submitCase(app.page, app.url, await anonymousCase(app.page, app.url))

    await visit(app.page, `${app.url}/outbox`)
    await waitForHeading(app.page, 'Outbox')
    await expect.poll(() => app.page.getByText('Waiting to send').count()).toBe(2)
    expect(await app.page.getByTestId('outbox-badge').innerText()).toMatch(/^2/)
    expect(await axeViolations(app.page)).toEqual([])

    await app.goOnline()
    await expect.poll(references, { timeout: 15_000 }).toEqual(['IC-000002', 'IC-000001'])
    expect(await app.page.getByText('Nothing is waiting.').isVisible()).toBe(true)
    expect(await app.page.getByTestId('outbox-badge').count()).toBe(0)
    expect((await app.store!.listSubmissions({})).map((submission) => submission.kind)).toEqual(['forum-case', 'forum-case'])
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('sends what was submitted offline after the page was closed, once the app is opened again online', async () => {
    await app.goOffline()
    await submitCase(app.page, app.url, await anonymousCase(app.page, app.url))
    await app.page.close()

    await app.goOnline()
    app.page = await app.context.newPage()
    await visit(app.page, `${app.url}/outbox`)
    await expect.poll(references, { timeout: 15_000 }).toEqual(['IC-000003', 'IC-000002', 'IC-000001'])
    expect(await app.store!.listSubmissions({})).toHaveLength(3)
  })

  it('shows the service’s status on the receipt', async () => {
    // An officer sets the forum date in the workspace, signed in, with the form's CSRF token.
    // A date years ahead: a forum date may not be before the day the case was received.
    const officer = await signIn(app.url)
    const set = await workspacePost(app.url, officer, '/workspace/submissions/1/forum-date', { 'forumDate-day': '3', 'forumDate-month': '12', 'forumDate-year': '2030' })
    expect(set.status).toBe(303)
    await app.page.reload()
    await expect.poll(() => app.page.locator('main').innerText(), { timeout: 15_000 }).toContain('Forum date set: 3 December 2030')
  })
})
