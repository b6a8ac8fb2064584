import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrol, namedForumCase, post, sealedBody, signIn, startIntake, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let session: WorkspaceSession
beforeAll(async () => {
  intake = await startIntake()
  const device = await enrol(intake.url, intake.code)
  const key = crypto.randomUUID()
  expect((await post(intake.url, device, key, await sealedBody(device, 'forum-case', key, namedForumCase()))).status).toBe(201)
  session = await signIn(intake.url)
})
afterAll(() => intake.close())

/** Signed in, the CSRF token rides in its header, so that the body can be anything at all. */
const send = (path: string, init: { method?: string; type?: string; body?: string; signedIn?: boolean } = {}) =>
  fetch(`${intake.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    redirect: 'manual',
    headers: { ...(init.type ? { 'Content-Type': init.type } : {}), ...(init.signedIn === false ? {} : { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken }) },
    body: init.body,
  })

async function expectProblem(response: Response, status: number, errors?: { path: string }[]) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = await response.json()
  expect(problem.status).toBe(status)
  if (errors) expect(problem.errors).toEqual(errors.map((error) => expect.objectContaining(error)))
}

/** The workspace answers with a GOV.UK page, never quoting what was sent. */
async function expectUnreadablePage(response: Response) {
  expect(response.status).toBe(400)
  expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  expect(await response.text()).toContain('Sorry, that could not be read')
}

describe('bodies of the wrong shape are refused before use', () => {
  it('sign-in: a password that is a number or a list is 400, not 500', async () => {
    await expectUnreadablePage(await send('/workspace/sign-in', { type: 'application/json', body: '{"username":"admin","password":0}', signedIn: false }))
    await expectUnreadablePage(await send('/workspace/sign-in', { type: 'application/json', body: '{"username":["inbox"],"password":"x"}', signedIn: false }))
    await expectUnreadablePage(await send('/workspace/sign-in', { type: 'application/json', body: '[["inbox"]]', signedIn: false }))
    await expectUnreadablePage(await send('/workspace/sign-in', { type: 'application/x-www-form-urlencoded', body: 'username=inbox&password=a&password=b', signedIn: false }))
  })

  it('forum date: nested arrays and repeated fields are 400, and nothing is changed', async () => {
    await expectUnreadablePage(await send('/workspace/submissions/1/forum-date', { type: 'application/json', body: '{"forumDate-day":[["3"]],"forumDate-month":"12","forumDate-year":"2026"}' }))
    await expectUnreadablePage(await send('/workspace/submissions/1/forum-date', { type: 'application/x-www-form-urlencoded', body: 'forumDate-day=3&forumDate-day=4&forumDate-month=12&forumDate-year=2026' }))
    expect((await intake.store.submission(1))?.status).toBe('received')
  })

  it('keeps the forms’ own messages for what a person can get wrong', async () => {
    const empty = await send('/workspace/submissions/1/forum-date', { type: 'application/x-www-form-urlencoded', body: '' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Enter the forum date')
    const wrong = await send('/workspace/sign-in', { type: 'application/x-www-form-urlencoded', body: 'username=inbox&password=wrong' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('The username or password is not right')
  })

  it('addresses and filters: an id that is not a number, a filter given twice, are 400', async () => {
    await expectUnreadablePage(await send('/workspace/submissions/abc'))
    await expectUnreadablePage(await send('/workspace/submissions?kind=suspension&kind=forum-case'))
    // A filter the page does not know is ignored; one it knows with a value it cannot use is explained.
    expect((await send('/workspace/submissions?kind=suspension&from=not-a-date')).status).toBe(200)
    const unreal = await send('/workspace/submissions?from-day=x&from-month=12&from-year=2026')
    expect(unreal.status).toBe(400)
    expect(await unreal.text()).toContain('Date from must be a real date')
  })

  it('asks for sign-in first, whatever the body, before looking at it', async () => {
    const response = await send('/workspace/submissions/1/forum-date', { type: 'application/json', body: '{"forumDate-day":[["3"]]}', signedIn: false })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/workspace/sign-in')
  })

  it('answers 415 to a media type the service does not read', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      await expectProblem(await send('/api/enrol', { type, body: 'code=ABCD-EFGH-JKMN', signedIn: false }), 415)
    }
  })
})
