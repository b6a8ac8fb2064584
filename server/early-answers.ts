import { STATUS_CODES, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { problemBody, problemTitle, sendProblem } from './problem'

/**
 * Answers given before a request reaches a route. Each is a problem with the security
 * headers and a fixed title: the framework's own messages quote the path, which can hold
 * personal data. Logs carry the status and error code only.
 */

/** A whole HTTP answer, for the cases where Node hands over a bare socket and no response object. */
export function rawProblem(status: number, headers: Record<string, string>): string {
  const body = problemBody({ title: problemTitle(status), status })
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Content-Type: application/problem+json; charset=utf-8',
    'Cache-Control: no-store',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

const CLIENT_ERROR_STATUS: Record<string, number> = { ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADER_OVERFLOW: 431 }

/**
 * Fastify's clientErrorHandler: Node could not read a request (a malformed request line or
 * header, headers too large, too slow). The connection is closed after the answer.
 */
export function answerClientError(securityHeaders: Record<string, string>) {
  return function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Duplex): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400
    // The error carries the bytes received (rawPacket): only its code is logged.
    this.log.info({ statusCode: status, code: error.code }, 'unreadable request refused')
    // As Node does: never write into an answer already on its way to the client.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage
    if (socket.writable && !inFlight?.headersSent) socket.write(rawProblem(status, securityHeaders))
    socket.destroy()
  }
}

/**
 * Fastify's frameworkErrors: an address the router cannot decode (400) or with a parameter
 * over the length limit (414). The answer goes through Node's response object, which
 * already has the security headers.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode ?? 400
  request.log.info({ method: request.method, route: null, statusCode: status, code: error.code }, 'request refused before routing')
  return sendProblem(reply, { title: problemTitle(status), status })
}
