import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'
import { sendPage } from './views'

/** Today: what needs doing, most urgent first. */
export const todayRoutes: FastifyPluginAsync<AreaOptions> = async (app) => {
  app.get('/', async (_request, reply) => sendPage(reply, 'today.njk', { title: 'Today' }))
}
