import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { rawProblem } from './early-answers'
import { problemTitle, sendProblem } from './problem'
import type { RouteTable } from './route-table'

/**
 * A path some route takes, asked with a method none takes, is answered 405 with the methods
 * it does take in Allow (RFC 9110), not 404. Decided on arrival, before any body is read.
 */
export function answerMethodNotAllowed(app: FastifyInstance, table: RouteTable, securityHeaders: Record<string, string>): void {
  app.addHook('onRequest', async (request, reply) => {
    // Only requests no route of their own took: unmatched ones, and a GET or HEAD that the
    // app's catch-all (/*) picked up at a path the API names for other methods.
    if (!request.is404 && !request.routeOptions.url?.includes('*')) return
    const allow = table.allowedMethods(request.url)
    if (allow.length === 0 || allow.includes(request.method)) return
    reply.header('Allow', allow.join(', '))
    return sendProblem(reply, { title: problemTitle(405), status: 405 })
  })

  // A CONNECT asks for a tunnel, which this service never gives. Node hands its socket to a
  // 'connect' listener, or without one closes it unanswered; this answers 405 and closes.
  app.server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy())
    // A client that keeps its end open is not waited for.
    setTimeout(() => socket.destroy(), 10_000).unref()
    app.log.info({ method: 'CONNECT', statusCode: 405 }, 'request refused before routing')
    socket.end(rawProblem(405, { ...securityHeaders, Allow: table.allowedMethods(request.url ?? '').join(', ') }))
  })
}
