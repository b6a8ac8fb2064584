import fastifyCookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomToken, sha256 } from '../secrets'
import type { Officer, PeopleStore, Role } from '../store/people-store'

export const COOKIE = 'ic_workspace'
/** However busy the officer, a session lasts a working day at most. */
const LONGEST_SESSION_MS = 10 * 60 * 60 * 1000
export const DEFAULT_IDLE_MINUTES = 30

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in officer, once the session check has let the request through. */
    officer: Officer | null
  }
}

/** What each role may do: a viewer reads, an officer also works cases, an administrator also runs the workspace. */
export type Permission = 'read' | 'work' | 'administer'
const PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  officer: ['read', 'work'],
  administrator: ['read', 'work', 'administer'],
}

export function can(officer: Officer | null, permission: Permission): boolean {
  return officer !== null && PERMISSIONS[officer.role].includes(permission)
}

function sessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[COOKIE]
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined
}

/**
 * Sessions for the workspace: an HttpOnly, SameSite=Strict cookie holding a random token
 * (only its hash is stored), ended by sign-out, by idleMinutes without a request, and after
 * a working day.
 */
export async function officerSessions(app: FastifyInstance, people: PeopleStore, options: { secureCookies: boolean; idleMinutes: number }) {
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie)
  app.decorateRequest('officer', null)
  const cookie = { path: '/workspace', httpOnly: true, sameSite: 'strict', secure: options.secureCookies } as const
  const idleMs = options.idleMinutes * 60 * 1000

  return {
    idleMinutes: options.idleMinutes,

    /** A new session, never the one a cookie already named (which ends): no one can fix a session for another. */
    async start(request: FastifyRequest, reply: FastifyReply, officer: Officer): Promise<void> {
      const previous = sessionToken(request)
      if (previous) await people.deleteSession(sha256(previous))
      const token = randomToken()
      const now = Date.now()
      await people.createSession(sha256(token), officer.id, now, now + LONGEST_SESSION_MS)
      // No Max-Age: the cookie goes when the browser closes; the server ends it sooner when idle.
      reply.setCookie(COOKIE, token, cookie)
    },

    async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = sessionToken(request)
      if (token) await people.deleteSession(sha256(token))
      reply.clearCookie(COOKIE, cookie)
    },

    /** The officer of this request's session, if it is live; the session's idle clock restarts. */
    async officerOf(request: FastifyRequest): Promise<Officer | undefined> {
      const token = sessionToken(request)
      return token ? people.useSession(sha256(token), Date.now(), idleMs) : undefined
    },

    /** Whether the request came with a session cookie at all (to say "you were signed out" rather than "sign in"). */
    hadSession(request: FastifyRequest): boolean {
      return sessionToken(request) !== undefined
    },
  }
}

export type OfficerSessions = Awaited<ReturnType<typeof officerSessions>>
