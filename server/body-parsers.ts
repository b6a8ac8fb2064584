import fastifyFormbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** A JSON body's exact bytes. */
    rawBody: Buffer | null
  }
}

/**
 * The bodies the service reads: JSON (the devices' API) and HTML form posts (the inbox).
 * Any other media type, text/plain included, is answered 415 before a route sees it.
 */
export async function addBodyParsers(app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers()
  app.decorateRequest('rawBody', null)
  // JSON bodies keep their exact bytes: an Idempotency-Key is bound to them.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    request.rawBody = body
    try {
      done(null, body.length === 0 ? undefined : JSON.parse(body.toString('utf8')))
    } catch {
      done(Object.assign(new Error('Body is not JSON'), { statusCode: 400 }), undefined)
    }
  })
  await app.register(fastifyFormbody, { parser: formFields })
}

/**
 * A form's fields. One sent twice stays a list, so a route schema that takes one value
 * refuses it rather than silently keeping the last.
 */
export function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null)
  for (const [name, value] of new URLSearchParams(body)) {
    const earlier = fields[name]
    if (earlier === undefined) fields[name] = value
    else if (Array.isArray(earlier)) earlier.push(value)
    else fields[name] = [earlier, value]
  }
  return fields
}
