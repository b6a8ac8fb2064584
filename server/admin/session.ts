import fastifyCookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomToken, sha256 } from '../secrets'
import type { Admin, IntakeStore } from '../store/intake-store'

const COOKIE = 'ic_admin'
const SESSION_MS = 8 * 60 * 60 * 1000

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in administrator, once the session check has let the request through. */
    admin: Admin | null
  }
}

function sessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[COOKIE]
  return token && /^[A-Za-z0-9_-]+$/.test(token) ? token : undefined
}

/** Sessions for this plugin's routes: reads the cookie and gives its requests `request.admin`. */
export async function adminSessions(app: FastifyInstance, store: IntakeStore, options: { secureCookies: boolean }) {
  await app.register(fastifyCookie)
  app.decorateRequest('admin', null)
  const cookie = { path: '/admin', httpOnly: true, sameSite: 'strict', secure: options.secureCookies } as const

  return {
    async start(reply: FastifyReply, admin: Admin): Promise<void> {
      const token = randomToken()
      await store.createAdminSession(sha256(token), admin.id, Date.now() + SESSION_MS)
      reply.setCookie(COOKIE, token, { ...cookie, maxAge: SESSION_MS / 1000 })
    },

    async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = sessionToken(request)
      if (token) await store.deleteAdminSession(sha256(token))
      reply.clearCookie(COOKIE, cookie)
    },

    /** Pages need a signed-in administrator; a form must also come from this site's own pages. */
    async require(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = sessionToken(request)
      const admin = token ? await store.adminForSession(sha256(token), Date.now()) : undefined
      if (!admin) return void reply.redirect('/admin/login', 303)
      if (request.method === 'POST' && !sameOrigin(request)) return void reply.code(403).type('text/plain').send('Forbidden')
      request.admin = admin
    },
  }
}

/**
 * Browsers send Origin with every form post; one from another site is refused. The host is
 * compared, not the scheme: behind a TLS proxy the service itself sees plain HTTP.
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}
