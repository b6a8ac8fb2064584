import type { Term } from '../../src/domain/school-calendar'
import type { Threshold } from '../../src/domain/suspension-levels'
import type { Setting } from './intake-store'

/** Suspension levels per setting: rolls, the threshold, contacts, and the county terms an older installation entered. */

/** A setting with its roll, where the Inclusion Service has entered it. */
export interface SettingWithRoll extends Setting {
  roll?: number
}

/** One setting's suspensions whose first day falls in a period. */
export interface SettingSuspensions {
  settingId: string
  suspensions: number
  days: number
  /** Distinct pupils suspended. */
  pupils: number
  /** Pupils with two or more suspensions starting in the period. */
  repeatPupils: number
}

export interface NewSchoolContact {
  settingId: string
  /** The day of the contact, ISO. */
  date: string
  /** Who the officer spoke to at the school. */
  contacted: string
  agreed: string
  officerId: string
  officerUsername: string
  recordedAt: string
}

export interface SchoolContact extends NewSchoolContact {
  id: number
  /** The recording officer's name now, where the account still exists. */
  officerName?: string
}

export interface CountyTerm extends Term {
  id: number
}

export interface LevelStore {
  settingsWithRolls(): Promise<SettingWithRoll[]>
  settingWithRoll(id: string): Promise<SettingWithRoll | undefined>
  setRoll(settingId: string, roll: number, by: string, at: string): Promise<void>
  /**
   * Per setting with any, the suspensions whose first day is from `from` to `to` (ISO dates,
   * inclusive): one grouped query on the (kind, event_date) index.
   */
  suspensionsBetween(from: string, to: string, settingId?: string): Promise<SettingSuspensions[]>

  threshold(): Promise<Threshold>
  setThreshold(threshold: Threshold, at: string): Promise<void>

  recordContact(contact: NewSchoolContact): Promise<number>
  /** A setting's contacts, the most recent first. */
  contactsFor(settingId: string): Promise<SchoolContact[]>
  /** Each setting's latest contact date on or after `from`. */
  latestContactsSince(from: string): Promise<Map<string, string>>

  /**
   * The county terms entered on the suspension levels page before the county calendar was
   * content: read once at start-up to move them into the content (county-terms-migration.ts).
   */
  countyTerms(): Promise<CountyTerm[]>
  /** A term as that page stored it: nothing in the service adds one any more; tests make the rows an older installation left. */
  addCountyTerm(term: Term, at: string): Promise<number>
  /** Deletes every county term row, once they are in the content. */
  clearCountyTerms(): Promise<void>
}
