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
    const cookie = await signIn(intake.url)
    const signedIn: [string, string][] = [['Cookie', cookie], ['Authorization', `Bearer ${device.token}`]]
    const requests = [
      { method: 'GET', target: `/admin/submissions/${CANARY}`, headers: signedIn },
      { method: 'GET', target: `/admin/submissions/${CANARY}` },
      { method: 'GET', target: `/admin?kind=${CANARY}`, headers: signedIn },
      { method: 'GET', target: `/api/${CANARY}` },
      { method: 'GET', target: `/api/health?name=${CANARY}` },
      { method: 'DELETE', target: `/api/health?name=${CANARY}` },
      { method: 'POST', target: `/api/submissions?name=${CANARY}`, headers: signedIn },
      { method: 'GET', target: `/api/%E0%A4%A/${CANARY}` },
      { method: 'GET', target: `/admin/submissions/${CANARY.repeat(10)}` },
      { method: 'POST', target: '/admin/login', headers: [['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][], body: `username=${CANARY}&password=${CANARY}` },
      { method: 'GET', target: '/api/health', headers: [['Referer', `https://example.org/${CANARY}`], ['User-Agent', CANARY]] as [string, string][] },
    ]
    for (const request of requests) expect((await sendRequest(port, request)).status).toBeGreaterThan(0)
    expect((await sendRaw(port, `CONNECT /${CANARY} HTTP/1.1\r\nHost: x\r\n\r\n`)).status).toBe(405)
    expect((await sendRaw(port, `GET /${CANARY} HTTP/1.1 ${CANARY}\r\nHost: x\r\n\r\n`)).status).toBe(400)

    const log = intake.logs.join('')
    expect(log).not.toContain(CANARY)
    expect(log).toContain('"route":"/admin/submissions/:id"')
    expect(log).toContain('"route":"/admin"')
    expect(log).toContain('"route":"/api/health"')
    expect(log).toMatch(/"statusCode":400,"code":"FST_ERR_BAD_URL"/)
    expect(log).toMatch(/"method":"CONNECT","statusCode":405/)
  })
})
