import type { Content } from '../content-schema'
import { BUNDLED_COUNTY_CALENDAR } from './county-calendar'
import { exclusionGuidance } from './exclusion-guidance'
import { forumGuidance, whatToBring } from './forum-guidance'
import { forums } from './forums'
import { BUNDLED_REASON_CODES } from './reason-codes'
import { services } from './services'
import { BUNDLED_CONTENT_VERSION } from './version'

/** The content the app ships with, used until the intake service publishes a newer version. */
export const defaultContent: Content = {
  schemaVersion: 1,
  version: BUNDLED_CONTENT_VERSION,
  forums,
  forumGuidance,
  whatToBring,
  services,
  exclusionGuidance,
  countyCalendar: BUNDLED_COUNTY_CALENDAR,
  reasonCodes: BUNDLED_REASON_CODES,
}
