import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'

/** A permanent exclusion as a case with its steps. */
export const caseRoutes: FastifyPluginAsync<AreaOptions> = async () => {}
