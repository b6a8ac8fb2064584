import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'

/** Officers' accounts and roles; each officer's own password. */
export const peopleRoutes: FastifyPluginAsync<AreaOptions> = async () => {}
