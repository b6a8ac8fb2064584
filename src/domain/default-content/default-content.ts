import type { Content } from '../content-schema'
import { exclusionGuidance } from './exclusion-guidance'
import { forumGuidance, whatToBring } from './forum-guidance'
import { forums } from './forums'
import { services } from './services'
import { BUNDLED_CONTENT_VERSION } from './version'

/**
 * The content the app ships with, used until the intake service publishes a newer version.
 * Without a county calendar or reason list: `countyCalendarOf` and `reasonCodesOf` give the
 * bundled ones to content that has none (as versions from before they were content have), and
 * only the pages that need them load them, not the first paint of every page.
 */
export const defaultContent: Content = {
  schemaVersion: 1,
  version: BUNDLED_CONTENT_VERSION,
  forums,
  forumGuidance,
  whatToBring,
  services,
  exclusionGuidance,
}
