import { Duplex } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { answerClientError } from '../../../server/early-answers'
import { securityHeaders } from '../../../server/security-headers'

/** A socket that keeps what is written to it. */
function fakeSocket(options: { inFlightAnswer?: boolean } = {}) {
  const written: string[] = []
  const socket = new Duplex({ read() {}, write(chunk, _encoding, done) { written.push(String(chunk)); done() } })
  if (options.inFlightAnswer) Object.assign(socket, { _httpMessage: { headersSent: true } })
  return { socket, written }
}

const app = { log: { info() {} } } as unknown as FastifyInstance
const handler = answerClientError(securityHeaders({ behindTls: false }))
const clientError = (code: string) => Object.assign(new Error('client error'), { code })

describe('answers to requests Node could not read', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', '408 Request Timeout', 'Request took too long'],
    ['HPE_HEADER_OVERFLOW', '431 Request Header Fields Too Large', 'Request headers too large'],
    ['HPE_INVALID_METHOD', '400 Bad Request', 'Bad request'],
  ])('%s: %s as a problem with the security headers, then closes', (code, statusLine, title) => {
    const { socket, written } = fakeSocket()
    handler.call(app, clientError(code), socket)
    const answer = written.join('')
    expect(answer.startsWith(`HTTP/1.1 ${statusLine}\r\n`)).toBe(true)
    expect(answer).toContain('\r\nX-Content-Type-Options: nosniff\r\n')
    expect(answer).toContain("\r\nContent-Security-Policy: default-src 'self';")
    expect(answer).toContain('\r\nConnection: close\r\n')
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ title })
    expect(socket.destroyed).toBe(true)
  })

  it('writes nothing to a reset connection, or into an answer already on its way', () => {
    const reset = fakeSocket()
    handler.call(app, clientError('ECONNRESET'), reset.socket)
    expect(reset.written).toEqual([])
    const busy = fakeSocket({ inFlightAnswer: true })
    handler.call(app, clientError('ERR_HTTP_REQUEST_TIMEOUT'), busy.socket)
    expect(busy.written).toEqual([])
    expect(busy.socket.destroyed).toBe(true)
  })
})
