import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
import { PRERENDERED_PATHS, prerenderedFile, SHELL_FILE } from '../../src/domain/app-pages'
import { problemTitle, sendProblem } from '../problem'

/** Vite puts every hashed file under assets/: its name changes when its bytes do. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else (index.html, sw.js, the manifest, icons) is checked with the server every time. */
const REVALIDATE = 'no-cache'

/**
 * Serves the built app. A page prerendered at build time is served at its address
 * (/which-forum from which-forum.html); any other page address gets the app shell, so the
 * app's routes work on a reload; unknown /api/ addresses get a problem, never the app.
 */
export const appFileRoutes: FastifyPluginAsync<{ appDir: string }> = async (app, options) => {
  const appDir = resolve(options.appDir)
  const indexHtml = join(appDir, 'index.html')
  const hasApp = existsSync(indexHtml)
  // The prerendered pages this build has, by address: only those, so /index is not the home page.
  const pages = new Map<string, string>()
  for (const path of PRERENDERED_PATHS) if (existsSync(join(appDir, prerenderedFile(path)))) pages.set(path, prerenderedFile(path))
  const shell = existsSync(join(appDir, SHELL_FILE)) ? SHELL_FILE : 'index.html'
  const assetsDir = join(appDir, 'assets') + sep
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: appDir,
      // The build compresses each text file once, at the highest levels (scripts/precompress.mjs).
      preCompressed: true,
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
      return reply.sendFile(pages.get(path) ?? shell)
    }
    return sendProblem(reply, { title: problemTitle(404), status: 404 })
  })
}
