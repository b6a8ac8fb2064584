import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrol, signIn, startIntake, type Intake } from './intake-harness'
import { sendRaw, sendRequest } from './raw-http'

// Stands in for a child's name that someone put where it does not belong.
const CANARY = 'Canary-Jo-Bloggs'

let intake: Intake
let port: number
beforeAll(async () => {
  intake = await startIntake()
  port = Number(new URL(intake.url).port)
})
afterAll(() => intake.close())

describe('the request log', () => {
  it('records route patterns, never the path, query or body a request came with', async () => {
    const device = await enrol(intake.url, intake.code)
    const session = await signIn(intake.url)
    const signedIn: [string, string][] = [['Cookie', session.cookie], ['X-CSRF-Token', session.csrfToken], ['Authorization', `Bearer ${device.token}`]]
    const form: [string, string][] = [['Content-Type', 'application/x-www-form-urlencoded']]
    const requests = [
      { method: 'GET', target: `/workspace/submissions/${CANARY}`, headers: signedIn },
      { method: 'GET', target: `/workspace/submissions/${CANARY}` },
      { method: 'GET', target: `/workspace/submissions?kind=${CANARY}`, headers: signedIn },
      { method: 'POST', target: '/workspace/submissions', headers: [...signedIn, ...form], body: `pupilName=${CANARY}&nameMatch=exact` },
      { method: 'GET', target: `/api/${CANARY}` },
      { method: 'GET', target: `/api/health?name=${CANARY}` },
      { method: 'DELETE', target: `/api/health?name=${CANARY}` },
      { method: 'POST', target: `/api/submissions?name=${CANARY}`, headers: signedIn },
      { method: 'GET', target: `/api/%E0%A4%A/${CANARY}` },
      { method: 'GET', target: `/workspace/submissions/${CANARY.repeat(10)}` },
      { method: 'POST', target: '/workspace/sign-in', headers: [...signedIn, ...form], body: `username=${CANARY}&password=${CANARY}` },
      { method: 'GET', target: '/api/health', headers: [['Referer', `https://example.org/${CANARY}`], ['User-Agent', CANARY]] as [string, string][] },
    ]
    for (const request of requests) expect((await sendRequest(port, request)).status).toBeGreaterThan(0)
    expect((await sendRaw(port, `CONNECT /${CANARY} HTTP/1.1\r\nHost: x\r\n\r\n`)).status).toBe(405)
    expect((await sendRaw(port, `GET /${CANARY} HTTP/1.1 ${CANARY}\r\nHost: x\r\n\r\n`)).status).toBe(400)

    const log = intake.logs.join('')
    expect(log).not.toContain(CANARY)
    expect(log).toContain('"route":"/workspace/submissions/:id"')
    expect(log).toContain('"route":"/workspace/submissions"')
    expect(log).toContain('"route":"/api/health"')
    expect(log).toMatch(/"statusCode":400,"code":"FST_ERR_BAD_URL"/)
    expect(log).toMatch(/"method":"CONNECT","statusCode":405/)
  })
})
