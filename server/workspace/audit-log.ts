import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'

/** The audit log, read and exported by administrators. */
export const auditLogRoutes: FastifyPluginAsync<AreaOptions> = async () => {}
