import type { FastifyPluginAsync } from 'fastify'
import type { AreaOptions } from './index'

/** Suspension levels per setting, settings' rolls, the threshold, contacts with schools. */
export const suspensionLevelRoutes: FastifyPluginAsync<AreaOptions> = async () => {}

/** For Today: settings whose suspension levels are high this term and that nobody has contacted this term. */
export async function settingsNeedingContact(_options: AreaOptions): Promise<{ settingName: string; href: string; summary: string }[]> {
  return []
}
