import { createHash } from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import type { Content } from '../../src/domain/content-schema'

/**
 * GET /api/content: the reference content, with an ETag so an app that already has this
 * version gets a 304 and downloads nothing.
 */
export const contentRoutes: FastifyPluginAsync<{ currentContent: () => Content }> = async (app, { currentContent }) => {
  let cached: { content: Content; body: string; etag: string } | undefined

  const representation = () => {
    const content = currentContent()
    if (cached?.content !== content) {
      const body = JSON.stringify(content)
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
      cached = { content, body, etag }
    }
    return cached
  }

  app.get('/api/content', async (request, reply) => {
    const { body, etag } = representation()
    reply.header('ETag', etag).header('Cache-Control', 'no-cache')
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return reply.code(304).send()
    return reply.type('application/json; charset=utf-8').send(body)
  })
}
