import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers'
import { startIntake, type Intake } from './intake-harness'
import { sendRaw, sendRequest, type RawAnswer } from './raw-http'

let intake: Intake
let port: number
beforeAll(async () => {
  intake = await startIntake()
  port = Number(new URL(intake.url).port)
})
afterAll(() => intake.close())

function expectSecurityHeaders(answer: RawAnswer) {
  expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  expect(answer.headers['x-content-type-options']).toBe('nosniff')
  expect(answer.headers['referrer-policy']).toBe('no-referrer')
  expect(answer.headers['x-frame-options']).toBe('DENY')
}

function expectProblem(answer: RawAnswer, status: number, title: string) {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(JSON.parse(answer.body)).toEqual({ type: 'about:blank', title, status })
}

describe('answers given before a route is found carry the security headers', () => {
  it('431 to headers too large', async () => {
    const answer = await sendRequest(port, { method: 'GET', target: '/api/health', headers: [['X-Padding', 'a'.repeat(20_000)]] })
    expectProblem(answer, 431, 'Request headers too large')
    expectSecurityHeaders(answer)
  })

  it('400 to a malformed request line, over a raw socket', async () => {
    const answer = await sendRaw(port, 'GET /api/health HTTP/1.1 and more\r\nHost: x\r\n\r\n')
    expectProblem(answer, 400, 'Bad request')
    expectSecurityHeaders(answer)
    expect(answer.headers.connection).toBe('close')
  })

  it('400 to an address that cannot be decoded, without quoting it', async () => {
    const answer = await sendRequest(port, { method: 'GET', target: '/api/%E0%A4%A-Jo-Bloggs' })
    expectProblem(answer, 400, 'Bad request')
    expect(answer.body).not.toContain('Bloggs')
    expectSecurityHeaders(answer)
  })

  it('never hands a route parameter over the length limit to its route: the workspace treats the address as unknown', async () => {
    // Fastify answers 414 where no other route could take the address; under /workspace its
    // own catch-all does: sign in first, then the 404 page.
    const answer = await sendRequest(port, { method: 'GET', target: `/workspace/submissions/${'9'.repeat(200)}` })
    expect(answer.status).toBe(303)
    expect(answer.headers.location).toBe('/workspace/sign-in')
    expect(answer.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+'; style-src 'self'/)
  })

  it("Node's own 400 (no Host) and 417 (an Expect it cannot meet)", async () => {
    const noHost = await sendRaw(port, 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n')
    expect(noHost.status).toBe(400)
    expectSecurityHeaders(noHost)
    const expectation = await sendRequest(port, { method: 'POST', target: '/api/enrol', headers: [['Expect', 'the-unexpected']], body: '{}' })
    expect(expectation.status).toBe(417)
    expectSecurityHeaders(expectation)
  })

  it('404 to an unknown path', async () => {
    const answer = await sendRequest(port, { method: 'GET', target: '/api/nothing-here' })
    expectProblem(answer, 404, 'Not found')
    expectSecurityHeaders(answer)
  })

  it("Fastify's own 503 to a request that arrives while the service is closing", async () => {
    const app = await buildApp()
    // Keeps the connection busy, so that closing does not simply drop it as idle.
    app.get('/test/slow', async () => new Promise((resolve) => setTimeout(() => resolve({}), 300)))
    const closingPort = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port)
    const socket = connect(closingPort, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => (received += chunk))
    await new Promise((resolve) => socket.on('connect', resolve))
    socket.write('GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = app.close()
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n')
    await new Promise((resolve) => socket.on('close', resolve))
    await closed
    const late = received.slice(received.indexOf('HTTP/1.1 503'))
    expect(late).toMatch(/^HTTP\/1\.1 503 /)
    expect(late).toContain('\r\nX-Content-Type-Options: nosniff\r\n')
    expect(late).toContain(`\r\nContent-Security-Policy: ${CONTENT_SECURITY_POLICY}\r\n`)
  })

  it('adds HSTS behind TLS, on answers written to the socket too', async () => {
    const tls = await startIntake({ behindTls: true })
    try {
      const answer = await sendRaw(Number(new URL(tls.url).port), 'GET / HTTP/1.1 and more\r\nHost: x\r\n\r\n')
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    } finally {
      await tls.close()
    }
  })
})

describe('methods', () => {
  it.each([
    ['DELETE', '/api/health', 'GET, HEAD'],
    ['GET', '/api/enrol', 'POST'],
    ['PUT', '/workspace/sign-in', 'GET, HEAD, POST'],
    ['TRACE', '/workspace/submissions', 'GET, HEAD, POST'],
    ['TRACE', '/workspace/submissions/1', 'GET, HEAD'],
    ['PROPFIND', '/workspace/submissions/1/forum-date', 'POST'],
    ['OPTIONS', '/api/submissions/status', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, target, allow) => {
    const answer = await sendRequest(port, { method, target, headers: [['Content-Type', 'text/plain']], body: 'x' })
    expectProblem(answer, 405, 'Method not allowed')
    expect(answer.headers.allow).toBe(allow)
    expectSecurityHeaders(answer)
  })

  it('answers a CONNECT with 405, never a dropped connection', async () => {
    for (const target of ['/api/health', '/workspace/submissions/1', 'example.com:443']) {
      const answer = await sendRaw(port, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`)
      expectProblem(answer, 405, 'Method not allowed')
      expectSecurityHeaders(answer)
    }
    const known = await sendRaw(port, 'CONNECT /api/health HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(known.headers.allow).toBe('GET, HEAD')
  })

  it("answers the same with the app's files served, whose catch-all takes GET everywhere", async () => {
    const appDir = mkdtempSync(join(tmpdir(), 'methods-app-'))
    writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>app</title>')
    const withApp = await startIntake({ appDir })
    try {
      const appPort = Number(new URL(withApp.url).port)
      const enrolByGet = await sendRequest(appPort, { method: 'GET', target: '/api/enrol' })
      expectProblem(enrolByGet, 405, 'Method not allowed')
      expect(enrolByGet.headers.allow).toBe('POST')
      expect((await sendRequest(appPort, { method: 'GET', target: '/forums/primary' })).status).toBe(200)
      expectProblem(await sendRequest(appPort, { method: 'GET', target: '/api/nothing-here' }), 404, 'Not found')
      expectProblem(await sendRequest(appPort, { method: 'POST', target: '/forums/primary' }), 404, 'Not found')
    } finally {
      await withApp.close()
      rmSync(appDir, { recursive: true, force: true })
    }
  })

  it('answers an unknown method on an unknown path with 404, and one Node cannot parse with 400', async () => {
    expectProblem(await sendRequest(port, { method: 'PROPFIND', target: '/nowhere' }), 404, 'Not found')
    expectProblem(await sendRequest(port, { method: 'BREW', target: '/api/health' }), 400, 'Bad request')
  })
})
