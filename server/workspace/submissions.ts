import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'

/** Find anything; each submission's page; forum and suspension actions; CSV. */
export const submissionRoutes: FastifyPluginAsync<AreaOptions> = async () => {}
