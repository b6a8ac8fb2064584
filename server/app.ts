import fastifyCompress from '@fastify/compress'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { defaultContent } from '../src/content/default-content'
import type { Content } from '../src/domain/content-schema'
import { problemTitle, sendProblem } from './problem'
import { appFileRoutes } from './routes/app-files'
import { contentRoutes } from './routes/content'
import { addSecurityHeaders } from './security-headers'

export interface AppOptions {
  /** The built app's folder; without one the service answers the API only. */
  appDir?: string
  logger?: FastifyServerOptions['logger']
  content?: () => Content
  behindTls?: boolean
}

const ONE_MEGABYTE = 1024 * 1024

/** Builds the intake service. main.ts starts it; tests start it on a free port. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: ONE_MEGABYTE,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
  })

  addSecurityHeaders(app, { behindTls: options.behindTls ?? false })
  // Compressed, the app's first load is a quarter of its size on a slow connection.
  await app.register(fastifyCompress, { global: true })

  // Framework messages can quote what the client sent (a header, a field): answer with a
  // fixed title for the status, and log only the error's name and code.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) request.log.error({ err: { type: error.name, code: error.code } }, 'request failed')
    return sendProblem(reply, { title: problemTitle(status), status })
  })

  app.get('/api/health', async () => ({ status: 'ok' }))
  contentRoutes(app, options.content ?? (() => defaultContent))
  if (options.appDir) await appFileRoutes(app, options.appDir)
  else app.setNotFoundHandler(async (_request, reply) => sendProblem(reply, { title: problemTitle(404), status: 404 }))

  return app
}
