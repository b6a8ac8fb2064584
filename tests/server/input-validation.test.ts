import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrol, namedForumCase, post, sealedBody, signIn, startIntake, type Intake } from './intake-harness'

let intake: Intake
let cookie: string
beforeAll(async () => {
  intake = await startIntake()
  const device = await enrol(intake.url, intake.code)
  const key = crypto.randomUUID()
  expect((await post(intake.url, device, key, await sealedBody(device, 'forum-case', key, namedForumCase()))).status).toBe(201)
  cookie = await signIn(intake.url)
})
afterAll(() => intake.close())

const send = (path: string, init: { method?: string; type?: string; body?: string; signedIn?: boolean } = {}) =>
  fetch(`${intake.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    redirect: 'manual',
    headers: { ...(init.type ? { 'Content-Type': init.type } : {}), ...(init.signedIn === false ? {} : { Cookie: cookie, Origin: intake.url }) },
    body: init.body,
  })

async function expectProblem(response: Response, status: number, errors?: { path: string }[]) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = await response.json()
  expect(problem.status).toBe(status)
  if (errors) expect(problem.errors).toEqual(errors.map((error) => expect.objectContaining(error)))
}

describe('bodies of the wrong shape are refused before use', () => {
  it('sign-in: a password that is a number or a list is 400, not 500', async () => {
    await expectProblem(await send('/admin/login', { type: 'application/json', body: '{"username":"admin","password":0}', signedIn: false }), 400, [{ path: 'body/password' }])
    await expectProblem(await send('/admin/login', { type: 'application/json', body: '{"username":["inbox"],"password":"x"}', signedIn: false }), 400, [{ path: 'body/username' }])
    await expectProblem(await send('/admin/login', { type: 'application/json', body: '[["inbox"]]', signedIn: false }), 400, [{ path: 'body' }])
    await expectProblem(await send('/admin/login', { type: 'application/x-www-form-urlencoded', body: 'username=inbox&password=a&password=b', signedIn: false }), 400, [{ path: 'body/password' }])
  })

  it('forum date: nested arrays and repeated fields are 400, and nothing is changed', async () => {
    await expectProblem(await send('/admin/submissions/1/forum-date', { type: 'application/json', body: '{"forumDate":[["2026-12-01"]]}' }), 400, [{ path: 'body/forumDate' }])
    await expectProblem(await send('/admin/submissions/1/forum-date', { type: 'application/x-www-form-urlencoded', body: 'forumDate=2026-12-01&forumDate=2026-12-02' }), 400)
    expect((await intake.store.submission(1))?.status).toBe('received')
  })

  it('keeps the forms’ own messages for what a person can get wrong', async () => {
    const empty = await send('/admin/submissions/1/forum-date', { type: 'application/x-www-form-urlencoded', body: '' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toBe('Enter the forum date')
    const wrong = await send('/admin/login', { type: 'application/x-www-form-urlencoded', body: 'username=inbox&password=wrong', signedIn: false })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('The username or password is not right')
  })

  it('addresses and filters: an id that is not a number, a filter given twice, are 400', async () => {
    await expectProblem(await send('/admin/submissions/abc'), 400, [{ path: 'params/id' }])
    await expectProblem(await send('/admin?kind=suspension&kind=forum-case'), 400, [{ path: 'querystring/kind' }])
    expect((await send('/admin?kind=suspension&from=not-a-date')).status).toBe(200)
  })

  it('asks for sign-in first, whatever the body, before looking at it', async () => {
    const response = await send('/admin/submissions/1/forum-date', { type: 'application/json', body: '{"forumDate":[["2026-12-01"]]}', signedIn: false })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/admin/login')
  })

  it('answers 415 to a media type the service does not read', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      await expectProblem(await send('/api/enrol', { type, body: 'code=ABCD-EFGH-JKMN', signedIn: false }), 415)
    }
  })
})
