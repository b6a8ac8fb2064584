import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'

/** Retention of closed records; a pupil's subject access export. */
export const retentionRoutes: FastifyPluginAsync<AreaOptions> = async () => {}
