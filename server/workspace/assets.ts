import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyPluginAsync } from 'fastify'

const GOVUK_JS = fileURLToPath(new URL('../../node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', import.meta.url))
const OWN_JS = fileURLToPath(new URL('./assets/workspace.js', import.meta.url))

/** The workspace's stylesheet (built with the app, into appDir/workspace) and its progressive-enhancement scripts. */
export const assetRoutes: FastifyPluginAsync<{ appDir: string }> = async (app, { appDir }) => {
  const files: Record<string, { path: string; type: string }> = {
    'workspace.css': { path: join(appDir, 'workspace', 'workspace.css'), type: 'text/css; charset=utf-8' },
    'workspace.js': { path: OWN_JS, type: 'text/javascript; charset=utf-8' },
    'govuk-frontend.min.js': { path: GOVUK_JS, type: 'text/javascript; charset=utf-8' },
  }
  for (const [name, file] of Object.entries(files)) {
    app.get(`/assets/${name}`, async (_request, reply) => {
      const body = await readFile(file.path).catch(() => undefined)
      if (!body) return reply.callNotFound()
      return reply.header('Cache-Control', 'no-cache').type(file.type).send(body)
    })
  }
}
