import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomToken, sha256 } from '../../server/secrets'
import { hostileRequests, PROTOCOL_CASES, shuffled, type HostileRequest } from './hostile-requests'
import { enrol, namedForumCase, post, sealedBody, signIn, startIntake, suspension, type EnrolledDevice, type Intake, type WorkspaceSession } from './intake-harness'
import { requestBytes, sendRaw, type RawAnswer } from './raw-http'

let intake: Intake
let port: number
let appDir: string
let device: EnrolledDevice
let session: WorkspaceSession
let csrfCookie: string
let officerId: string

beforeAll(async () => {
  // With the app's files, so that its catch-all route is walked too.
  appDir = mkdtempSync(join(tmpdir(), 'hostile-app-'))
  mkdirSync(join(appDir, 'assets'))
  writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(appDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  // Each request comes from its own address (X-Forwarded-For), so the per-IP limits on
  // sign-in and enrolment never answer 429 before the input is looked at.
  // In memory where there is tmpfs: thousands of writes, each synced to disk, are not what is tested here.
  const dataParent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
  intake = await startIntake({ appDir, trustProxy: true, rateLimitPerMinute: 1_000_000, submissionsPerDevicePerMinute: 1_000_000 }, dataParent)
  port = Number(new URL(intake.url).port)
  device = await enrol(intake.url, intake.code)
  for (const [kind, payload] of [['forum-case', namedForumCase()], ['suspension', suspension()]] as const) {
    const key = crypto.randomUUID()
    expect((await post(intake.url, device, key, await sealedBody(device, kind, key, payload))).status).toBe(201)
  }
  session = await signIn(intake.url)
  csrfCookie = session.cookie.split('; ').find((cookie) => cookie.startsWith('ic_csrf='))!
  officerId = (await intake.store.people.officerByUsername('inbox'))!.id
})

afterAll(async () => {
  await intake.close()
  rmSync(appDir, { recursive: true, force: true })
})

/**
 * A signed-in administrator's cookies: a session of its own for each request (signing out, or
 * a password changed by a valid form, ends the session it is sent with), and the CSRF secret
 * that the session's token was made from.
 */
async function sessionCookies(): Promise<string> {
  const token = randomToken()
  await intake.store.people.createSession(sha256(token), officerId, Date.now(), Date.now() + 60 * 60 * 1000)
  return `ic_workspace=${token}; ${csrfCookie}`
}

async function headersFor(request: HostileRequest, index: number): Promise<[string, string][]> {
  const headers: [string, string][] = [
    ['X-Forwarded-For', `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`],
    ['Idempotency-Key', `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`],
  ]
  if (request.signedIn) {
    // The token in its header too: the CSRF plugin reads it when the body has none, so hostile bodies stay hostile.
    headers.push(['Authorization', `Bearer ${device.token}`], ['Cookie', await sessionCookies()], ['X-CSRF-Token', session.csrfToken], ['Origin', `http://127.0.0.1:${port}`])
  }
  const replaced = new Set((request.headers ?? []).map(([name]) => name.toLowerCase()))
  return [...headers.filter(([name]) => !replaced.has(name.toLowerCase())), ...(request.headers ?? [])]
}

/** Runs the requests a few at a time, as a scanner would; answers come back in request order. */
async function sendAll(requests: HostileRequest[], parallel = 8): Promise<RawAnswer[]> {
  const answers: RawAnswer[] = new Array(requests.length)
  let next = 0
  const worker = async () => {
    while (next < requests.length) {
      const index = next++
      const request = requests[index]!
      answers[index] = await sendRaw(port, requestBytes(port, { ...request, headers: await headersFor(request, index) }))
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return answers
}

const describeRequest = (request: { method: string; target: string; label: string; signedIn?: boolean }, answer: RawAnswer) =>
  `${answer.status || 'no answer'} ${request.method.slice(0, 12)} ${request.target.slice(0, 60)} [${request.label}]${request.signedIn ? ' signed in' : ''}`

/** Every status line in the answer: a pipelined request gets one each. */
const statuses = (answer: RawAnswer) => [...answer.text.matchAll(/^HTTP\/1\.[01] (\d{3}) /gm)].map((match) => Number(match[1]))

function expectNoDefects(cases: { request: { method: string; target: string; label: string; signedIn?: boolean }; answer: RawAnswer }[]) {
  const describe = ({ request, answer }: (typeof cases)[number]) => describeRequest(request, answer)
  expect(cases.filter(({ answer }) => statuses(answer).some((status) => status >= 500)).map(describe)).toEqual([])
  expect(cases.filter(({ answer }) => answer.status === 0).map(describe)).toEqual([])
  expect(cases.filter(({ answer }) => answer.headers['x-content-type-options'] !== 'nosniff' || !answer.headers['content-security-policy']).map(describe)).toEqual([])
}

describe('hostile input', () => {
  // Some 22,000 requests to the 160-odd routes the service and its workspace declare: a minute
  // and a half alone on two shared cores, and more beside the other test files.
  it('never answers 5xx, always answers, and always with the security headers, on every route', { timeout: 420_000 }, async () => {
    const routes = intake.app.routeTable.routes
    const requests = shuffled(hostileRequests(routes, session.csrfToken))
    const started = Date.now()
    const answers = await sendAll(requests)
    console.info(`hostile input: ${requests.length} requests to ${routes.length} routes in ${Date.now() - started} ms`)

    const routeNames = routes.map((route) => `${route.method} ${route.url}`)
    expect(routeNames).toEqual(expect.arrayContaining(['POST /workspace/sign-in', 'GET /workspace/submissions', 'POST /workspace/submissions/:id/forum-date', 'POST /api/submissions', 'GET /*']))
    for (const name of routeNames) expect(requests.filter((request) => request.route === name).length, name).toBeGreaterThanOrEqual(4)
    expectNoDefects(requests.map((request, index) => ({ request, answer: answers[index]! })))

    // The credentials worked: every route answered some signed-in request past authentication
    // (and, in the workspace, past the CSRF check), so the validators behind it were reached.
    const refused = (answer: RawAnswer) => [401, 403, 429].includes(answer.status) || (answer.headers.location ?? '').startsWith('/workspace/sign-in')
    const unreached = routeNames.filter((name) => requests.every((request, index) => request.route !== name || !request.signedIn || refused(answers[index]!)))
    expect(unreached).toEqual([])
    // Addresses are never logged, hostile ones included.
    expect(intake.logs.join('')).not.toContain('etc/passwd')
  })

  it('answers requests that break HTTP itself, never with 5xx, always with the security headers', async () => {
    const cases = []
    for (const [label, bytes] of PROTOCOL_CASES) {
      cases.push({ request: { method: 'raw', target: '', label }, answer: await sendRaw(port, Buffer.from(bytes, 'latin1')) })
    }
    expectNoDefects(cases)
  })
})
