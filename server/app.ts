import { fileURLToPath } from 'node:url'
import fastifyCompress from '@fastify/compress'
import fastifyRateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { defaultContent } from '../src/domain/default-content/default-content'
import type { Content } from '../src/domain/content-schema'
import { addBodyParsers } from './body-parsers'
import { answerClientError, answerFrameworkError } from './early-answers'
import { answerMethodNotAllowed } from './method-not-allowed'
import { problemTitle, sendProblem, validationErrors } from './problem'
import { requestLogging } from './request-log'
import { collectRoutes } from './route-table'
import { buildValidator } from './schema-validators'
import { appFileRoutes } from './routes/app-files'
import { contentRoutes } from './routes/content'
import { enrolmentRoutes } from './routes/enrolment'
import { submissionRoutes } from './routes/submissions'
import type { SealingKeys } from './sealing-key'
import { responseWithSecurityHeaders, securityHeaders } from './security-headers'
import type { IntakeStore } from './store/intake-store'
import { workspaceRoutes } from './workspace/index'

export interface AppOptions {
  /** The built app's folder; without one the service answers the API only. */
  appDir?: string
  logger?: FastifyServerOptions['logger']
  content?: () => Content
  behindTls?: boolean
  trustProxy?: boolean
  /** With a store and sealing keys the service takes enrolments and submissions and runs the workspace. */
  store?: IntakeStore
  sealing?: SealingKeys
  /** Requests allowed per IP per minute on routes without a tighter limit of their own. */
  rateLimitPerMinute?: number
  /** Submissions allowed per device per minute. */
  submissionsPerDevicePerMinute?: number
  /** Minutes without a request after which a workspace session ends. */
  workspaceIdleMinutes?: number
  /** The clock the workspace works deadlines out against (tests move it). */
  now?: () => Date
}

const ONE_MEGABYTE = 1024 * 1024
/** The service's own addresses, as opposed to the built app's files and pages. */
const SERVICE_PATHS = /^\/(api|workspace|admin)(\/|\?|$)/
const DEFAULT_APP_DIR = fileURLToPath(new URL('../dist', import.meta.url))

/** Builds the intake service. main.ts starts it; tests start it on a free port. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const headers = securityHeaders({ behindTls: options.behindTls ?? false })
  const app = Fastify({
    ...requestLogging(options.logger),
    bodyLimit: ONE_MEGABYTE,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    trustProxy: options.trustProxy ?? false,
    http: { ServerResponse: responseWithSecurityHeaders(headers) },
    // Input is checked as it was sent, never converted to fit: 0 is not a password.
    ajv: { customOptions: { coerceTypes: false } },
    schemaController: { compilersFactory: { buildValidator } },
    clientErrorHandler: answerClientError(headers),
    frameworkErrors: answerFrameworkError,
  })

  const routes = collectRoutes(app)
  // The API's and the workspace's answers, compressed as they go (the app's own files were
  // compressed by the build, scripts/precompress.mjs, and are sent as they are).
  await app.register(fastifyCompress, { global: true })
  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    // The built app's files are the same for everyone and cost little to send, and a school's
    // tablets share one address: thirty installing the app at once (each fetching every
    // file for offline use) must not be turned away. The API and the workspace are limited.
    // The route's own pattern, not the address typed: /%61pi/... is routed to /api/... too.
    allowList: (request) => (request.method === 'GET' || request.method === 'HEAD') && !SERVICE_PATHS.test(request.routeOptions.url ?? request.url),
  })
  answerMethodNotAllowed(app, routes, headers)
  await addBodyParsers(app)

  // Framework messages can quote what the client sent (a header, a field): answer with a
  // fixed title for the status, and log only the error's name and code.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) request.log.error({ err: { type: error.name, code: error.code } }, 'request failed')
    const errors = error.validation && validationErrors(error.validationContext, error.validation)
    return sendProblem(reply, { title: problemTitle(status), status, ...(errors ? { errors } : {}) })
  })

  app.get('/api/health', async () => ({ status: 'ok' }))
  await app.register(contentRoutes, { currentContent: options.content ?? (() => defaultContent) })
  const { store, sealing } = options
  if (store && sealing) {
    await app.register(enrolmentRoutes, { store, sealing })
    await app.register(submissionRoutes, { store, sealing, perDeviceLimit: options.submissionsPerDevicePerMinute, ...(options.now ? { now: options.now } : {}) })
    await app.register(workspaceRoutes, {
      prefix: '/workspace',
      store,
      secureCookies: options.behindTls ?? false,
      appDir: options.appDir ?? DEFAULT_APP_DIR,
      idleMinutes: options.workspaceIdleMinutes,
      now: options.now,
    })
    // The inbox's old addresses, bookmarked before it became the workspace.
    app.get('/admin', async (_request, reply) => reply.redirect('/workspace', 301))
  }
  if (options.appDir) await app.register(appFileRoutes, { appDir: options.appDir })
  else app.setNotFoundHandler(async (_request, reply) => sendProblem(reply, { title: problemTitle(404), status: 404 }))

  return app
}
