import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
import { problemTitle, sendProblem } from '../problem'

/** Vite puts every hashed file under assets/: its name changes when its bytes do. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else (index.html, sw.js, the manifest, icons) is checked with the server every time. */
const REVALIDATE = 'no-cache'

/**
 * Serves the built app. Any other page address gets index.html, so the app's routes work
 * on a reload; unknown /api/ addresses get a problem, never the app.
 */
export const appFileRoutes: FastifyPluginAsync<{ appDir: string }> = async (app, options) => {
  const appDir = resolve(options.appDir)
  const indexHtml = join(appDir, 'index.html')
  const hasApp = existsSync(indexHtml)
  const assetsDir = join(appDir, 'assets') + sep
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: appDir,
      cacheControl: false,
      index: ['index.html'],
      setHeaders(reply, path) {
        reply.header('Cache-Control', path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE)
      },
    })
  }

  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' || request.method === 'HEAD'
    const path = request.url.split('?')[0] ?? '/'
    if (hasApp && isPage && !/^\/api(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path)) {
      reply.header('Cache-Control', REVALIDATE)
      return reply.sendFile('index.html')
    }
    return sendProblem(reply, { title: problemTitle(404), status: 404 })
  })
}
