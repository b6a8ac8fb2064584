import type { FastifyReply, FastifyRequest } from 'fastify'
import { randomToken, sha256 } from '../secrets'
import type { Admin, IntakeStore } from '../store/intake-store'

const COOKIE = 'ic_admin'
const SESSION_MS = 8 * 60 * 60 * 1000

declare module 'fastify' {
  interface FastifyRequest {
    admin?: Admin
  }
}

function sessionToken(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === COOKIE && value && /^[A-Za-z0-9_-]+$/.test(value)) return value
  }
  return undefined
}

export function adminSessions(store: IntakeStore, options: { secureCookies: boolean }) {
  const cookie = (value: string, maxAgeSeconds: number) =>
    `${COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${options.secureCookies ? '; Secure' : ''}`

  return {
    async start(reply: FastifyReply, admin: Admin): Promise<void> {
      const token = randomToken()
      await store.createAdminSession(sha256(token), admin.id, Date.now() + SESSION_MS)
      reply.header('Set-Cookie', cookie(token, SESSION_MS / 1000))
    },

    async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = sessionToken(request)
      if (token) await store.deleteAdminSession(sha256(token))
      reply.header('Set-Cookie', cookie('', 0))
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
