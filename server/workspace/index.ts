import { randomBytes } from 'node:crypto'
import fastifyCsrf from '@fastify/csrf-protection'
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { contentSecurityPolicy } from '../security-headers'
import type { IntakeStore } from '../store/intake-store'
import { ROLE_LABELS } from '../store/people-store'
import { assetRoutes } from './assets'
import { auditor, type Audit } from './audit'
import { can, DEFAULT_IDLE_MINUTES, officerSessions, type Permission } from './session'
import { signInRoutes } from './sign-in'
import { registerViews, sendPage } from './views'
import { auditLogRoutes } from './audit-log'
import { caseRoutes } from './cases'
import { contentRoutes } from './content'
import { meetingRoutes } from './meetings'
import { monitoringRoutes } from './monitoring'
import { peopleRoutes } from './people'
import { planRoutes } from './plans'
import { retentionRoutes } from './retention'
import { submissionRoutes } from './submissions'
import { suspensionLevelRoutes } from './suspension-levels'
import { todayRoutes } from './today'

export interface WorkspaceOptions {
  store: IntakeStore
  secureCookies: boolean
  /** The built app's folder, where the build puts the workspace's stylesheet. */
  appDir: string
  idleMinutes?: number
  /** The workspace's clock: deadlines are worked out against it (tests move it). */
  now?: () => Date
}

/** What every area of the workspace is given. */
export interface AreaOptions {
  store: IntakeStore
  audit: Audit
  now: () => Date
}

declare module 'fastify' {
  interface FastifyReply {
    locals?: Record<string, unknown>
  }
}

const NAVIGATION: { href: string; text: string; permission: Permission }[] = [
  { href: '/workspace', text: 'Today', permission: 'read' },
  { href: '/workspace/submissions', text: 'Find', permission: 'read' },
  { href: '/workspace/meetings', text: 'Meetings', permission: 'read' },
  { href: '/workspace/suspension-levels', text: 'Suspension levels', permission: 'read' },
  { href: '/workspace/content', text: 'Content', permission: 'read' },
  { href: '/workspace/people', text: 'People', permission: 'administer' },
  { href: '/workspace/audit', text: 'Audit log', permission: 'administer' },
]

/**
 * The Inclusion Service's workspace, under /workspace: server-rendered GOV.UK pages that need
 * no script. Every page but sign-in needs a live session; every form carries a CSRF token.
 */
export const workspaceRoutes: FastifyPluginAsync<WorkspaceOptions> = async (app, options) => {
  const { store } = options
  const now = options.now ?? (() => new Date())
  await registerViews(app)
  const sessions = await officerSessions(app, store.people, { secureCookies: options.secureCookies, idleMinutes: options.idleMinutes ?? DEFAULT_IDLE_MINUTES })
  await app.register(fastifyCsrf, {
    cookieKey: 'ic_csrf',
    cookieOpts: { path: '/workspace', httpOnly: true, sameSite: 'strict', secure: options.secureCookies },
  })

  // GOV.UK's template sets a class with one inline script: it runs with this response's nonce, nothing else inline does.
  app.addHook('onRequest', async (request, reply) => {
    const cspNonce = randomBytes(16).toString('base64')
    reply.header('Content-Security-Policy', contentSecurityPolicy(cspNonce))
    reply.locals = { cspNonce, currentPath: request.url.split('?')[0] }
  })
  // Every page's forms (sign-out included) carry a token, a page answering a POST too.
  app.addHook('preHandler', async (_request, reply) => {
    reply.locals!.csrfToken = reply.generateCsrf()
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status >= 500) request.log.error({ err: { type: error.name, code: error.code } }, 'workspace request failed')
    return errorPage(reply, status)
  })
  app.setNotFoundHandler(async (_request, reply) => errorPage(reply, 404))

  await app.register(assetRoutes, { appDir: options.appDir })
  await app.register(signInRoutes, { people: store.people, audit: store.audit, sessions })

  await app.register(async (signedIn) => {
    // Before the body is read: without a live session, whatever was sent, sign in first.
    signedIn.addHook('preParsing', async (request, reply, payload) => {
      const officer = await sessions.officerOf(request)
      if (!officer) {
        const idle = sessions.hadSession(request)
        if (idle) await sessions.end(request, reply)
        await reply.redirect(idle ? '/workspace/sign-in?reason=idle' : '/workspace/sign-in', 303)
        return payload
      }
      request.officer = officer
      reply.locals = {
        ...reply.locals,
        officer,
        roleLabel: ROLE_LABELS[officer.role],
        navigation: NAVIGATION.filter((item) => can(officer, item.permission)).map((item) => ({
          href: item.href,
          text: item.text,
          active: item.href === '/workspace' ? reply.locals!.currentPath === '/workspace' : String(reply.locals!.currentPath).startsWith(item.href),
        })),
      }
      return payload
    })
    // A refused token goes to the error handler: a 403 page.
    signedIn.addHook('preHandler', (request, reply, done) => (request.method === 'POST' ? signedIn.csrfProtection(request, reply, done) : done()))
    const area: AreaOptions = { store, audit: auditor(store.audit), now }
    for (const routes of [todayRoutes, caseRoutes, submissionRoutes, planRoutes, meetingRoutes, monitoringRoutes, suspensionLevelRoutes, peopleRoutes, auditLogRoutes, retentionRoutes, contentRoutes]) {
      await signedIn.register(routes, area)
    }
    // Asked by workspace.js while the officer types: their session stays alive as long as they work on a form.
    signedIn.get('/session', async (_request, reply) => reply.code(204).header('Cache-Control', 'no-store').send())
    // Any other workspace address: the workspace's own 404 page, never the app (whose
    // catch-all would otherwise answer it) and never without signing in.
    signedIn.get('/*', async (_request, reply) => errorPage(reply, 404))
  })
}

/** Refuses a request the officer's role does not allow: a 403 page, and the handler stops. */
export async function requirePermission(request: FastifyRequest, reply: FastifyReply, permission: Permission): Promise<boolean> {
  if (can(request.officer, permission)) return true
  await errorPage(reply, 403)
  return false
}

const ERRORS: Record<number, { title: string; paragraphs: string[] }> = {
  400: { title: 'Sorry, that could not be read', paragraphs: ['The form or address was not in a form the workspace understands. Go back and try again.'] },
  403: {
    title: 'You cannot do that',
    paragraphs: ['Your role does not allow this, or the form had expired. Go back, reload the page and try again.', 'An administrator can change your role.'],
  },
  404: { title: 'Page not found', paragraphs: ['If you typed the web address, check it is correct.', 'If you followed a link to a record, it may have been deleted under the retention policy.'] },
  413: { title: 'That was too much to send', paragraphs: ['Shorten what you typed and try again.'] },
  429: { title: 'Too many tries', paragraphs: ['Wait a minute, then try again.'] },
  500: { title: 'Sorry, there is a problem with the workspace', paragraphs: ['Try again later. Before you send a form again, check whether what you sent was saved.'] },
}

export function errorPage(reply: FastifyReply, status: number): Promise<unknown> {
  const known = ERRORS[status] ?? ERRORS[status >= 500 ? 500 : 400]!
  return sendPage(reply, 'error.njk', { title: known.title, heading: known.title, paragraphs: known.paragraphs }, status)
}
