import type { IncomingMessage } from 'node:http'
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'

/**
 * Requests are logged by their route's pattern (/admin/submissions/:id), never by address:
 * a path or query can hold what someone typed, a child's name included. Unrouted requests
 * log a null route.
 */
const routeOf = (request: FastifyRequest | IncomingMessage) => ('routeOptions' in request ? request.routeOptions.url : undefined) ?? null

/** One line per request, written when it completes, with the pattern in place of the address. */
class RouteLogController extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: (Error & { code?: string }) | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, route: routeOf(request), statusCode: reply.statusCode, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: { type: error.name, code: error.code } }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

/** The logger and log controller options for Fastify, from the logger the caller asked for. */
export function requestLogging(logger: FastifyServerOptions['logger']): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  if (!logger) return { logger: false }
  const options = logger === true ? {} : logger
  return {
    logger: {
      ...options,
      // Anything else that logs a request (Fastify's own warnings) gets the same treatment.
      serializers: { ...options.serializers, req: (request: FastifyRequest | IncomingMessage) => ({ method: request.method, route: routeOf(request) }) },
    },
    logController: new RouteLogController(),
  }
}
