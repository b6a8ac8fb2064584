import type { FastifyPluginAsync } from 'fastify'
import { verifyPassword, hashPassword } from '../secrets'
import type { PeopleStore } from '../store/people-store'
import type { AuditStore } from '../store/audit-store'
import { field, form, routeSchema } from './form-schema'
import type { OfficerSessions } from './session'
import { errorSummaryList, sendPage } from './views'
import type { z } from '../../src/domain/zod'

const signInForm = form({ username: field(200), password: field(1024) })
type SignInForm = z.infer<typeof signInForm>

/** Signing in and out. Ten tries a minute from one address, and the same answer (and time) whether the username exists or not. */
export const signInRoutes: FastifyPluginAsync<{ people: PeopleStore; audit: AuditStore; sessions: OfficerSessions }> = async (app, { people, audit, sessions }) => {
  // Checked against when the username is unknown, so that the answer takes as long either way.
  const unknownUserHash = hashPassword('no such officer')
  const page = (data: { username?: string; errors?: Record<string, string>; banner?: { text: string } } = {}, status = 200) =>
    (reply: Parameters<typeof sendPage>[0]) => {
      const errors = data.errors ?? {}
      return sendPage(reply, 'sign-in.njk', { title: 'Sign in', username: data.username ?? '', errors, errorList: errorSummaryList(errors), banner: data.banner }, status)
    }

  app.get<{ Querystring: { reason?: string } }>('/sign-in', async (request, reply) => {
    const signedOut = request.query.reason === 'idle' ? { text: `You were signed out because the workspace was not used for ${sessions.idleMinutes} minutes. Sign in again to carry on.` } : undefined
    return page({ banner: signedOut })(reply)
  })

  app.post<{ Body: SignInForm }>('/sign-in', { schema: { body: routeSchema(signInForm) }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, preHandler: app.csrfProtection }, async (request, reply) => {
    const username = (request.body.username ?? '').trim()
    const password = request.body.password ?? ''
    const errors: Record<string, string> = {}
    if (!username) errors.username = 'Enter your username'
    if (!password) errors.password = 'Enter your password'
    if (errors.username || errors.password) return page({ username, errors }, 400)(reply)
    const officer = await people.officerByUsername(username)
    const passwordRight = await verifyPassword(password, officer?.passwordHash ?? (await unknownUserHash))
    if (!officer || officer.disabledAt || !passwordRight) {
      return page({ username, errors: { username: 'The username or password is not right' } }, 401)(reply)
    }
    await sessions.start(request, reply, officer)
    await audit.append({ at: new Date().toISOString(), officerId: officer.id, officerUsername: officer.username, action: 'Signed in' })
    return reply.redirect('/workspace', 303)
  })

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    const officer = await sessions.officerOf(request)
    await sessions.end(request, reply)
    if (officer) await audit.append({ at: new Date().toISOString(), officerId: officer.id, officerUsername: officer.username, action: 'Signed out' })
    return reply.redirect('/workspace/sign-in', 303)
  })
}
