import type { Threshold } from '../../../src/domain/suspension-levels'
import type { CountyTerm, SchoolContact, SettingSuspensions, SettingWithRoll } from '../levels-store'
import { toSetting } from './core'
import type { Row } from './row'

/** The workspace_values keys the threshold's two parts are kept under. */
export const THRESHOLD_RATE = 'threshold.rate-tenths'
export const THRESHOLD_COUNT = 'threshold.suspensions'

export function toSettingWithRoll(row: Row): SettingWithRoll {
  const setting: SettingWithRoll = toSetting(row)
  if (row.roll !== null && row.roll !== undefined) setting.roll = Number(row.roll)
  return setting
}

/** A setting's suspensions (the sums may come as strings: each is made a number). */
export function toSuspensions(row: Row): SettingSuspensions {
  return {
    settingId: String(row.setting_id),
    suspensions: Number(row.suspensions),
    days: Number(row.days),
    pupils: Number(row.pupils),
    repeatPupils: Number(row.repeat_pupils),
  }
}

/** The threshold from its workspace_values rows (key, value): a part without a row is unset. */
export function toThreshold(rows: Row[]): Threshold {
  const values = new Map(rows.map((row) => [String(row.key), Number(row.value)]))
  const threshold: Threshold = {}
  if (values.has(THRESHOLD_RATE)) threshold.rateTenths = values.get(THRESHOLD_RATE)!
  if (values.has(THRESHOLD_COUNT)) threshold.suspensions = values.get(THRESHOLD_COUNT)!
  return threshold
}

/** A school_contacts row joined with its officer's display_name. */
export function toContact(row: Row): SchoolContact {
  const contact: SchoolContact = {
    id: Number(row.id),
    settingId: String(row.setting_id),
    date: String(row.contact_date),
    contacted: String(row.contacted),
    agreed: String(row.agreed),
    officerId: String(row.officer_id),
    officerUsername: String(row.officer_username),
    recordedAt: String(row.recorded_at),
  }
  if (row.display_name) contact.officerName = String(row.display_name)
  return contact
}

export function toCountyTerm(row: Row): CountyTerm {
  const term: CountyTerm = { id: Number(row.id), name: String(row.name), start: String(row.start_date), end: String(row.end_date) }
  if (row.half_term_start && row.half_term_end) term.halfTerm = { start: String(row.half_term_start), end: String(row.half_term_end) }
  return term
}
