import type Database from 'better-sqlite3'
import type { Term } from '../../../src/domain/school-calendar'
import type { Threshold } from '../../../src/domain/suspension-levels'
import type { CountyTerm, LevelStore, NewSchoolContact, SchoolContact, SettingSuspensions, SettingWithRoll } from '../levels-store'
import { THRESHOLD_COUNT, THRESHOLD_RATE, toContact, toCountyTerm, toSettingWithRoll, toSuspensions, toThreshold } from '../rows/levels'
import type { Row } from '../rows/row'

export class SqliteLevels implements LevelStore {
  constructor(private readonly db: Database.Database) {}

  async settingsWithRolls(): Promise<SettingWithRoll[]> {
    const rows = this.db.prepare('SELECT s.*, r.roll FROM settings s LEFT JOIN setting_rolls r ON r.setting_id = s.id ORDER BY s.name').all() as Row[]
    return rows.map(toSettingWithRoll)
  }

  async settingWithRoll(id: string): Promise<SettingWithRoll | undefined> {
    const row = this.db.prepare('SELECT s.*, r.roll FROM settings s LEFT JOIN setting_rolls r ON r.setting_id = s.id WHERE s.id = ?').get(id) as Row | undefined
    return row && toSettingWithRoll(row)
  }

  async setRoll(settingId: string, roll: number, by: string, at: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO setting_rolls (setting_id, roll, set_at, set_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (setting_id) DO UPDATE SET roll = excluded.roll, set_at = excluded.set_at, set_by = excluded.set_by`,
      )
      .run(settingId, roll, at, by)
  }

  async suspensionsBetween(from: string, to: string, settingId?: string): Promise<SettingSuspensions[]> {
    // Inner: one row per setting and pupil; outer: per setting. A row without a pupil key
    // (sent before keys were kept) counts as a suspension but not as a pupil.
    const rows = this.db
      .prepare(
        `SELECT setting_id, SUM(n) AS suspensions, SUM(d) AS days, COUNT(pupil_key) AS pupils,
                SUM(CASE WHEN pupil_key IS NOT NULL AND n >= 2 THEN 1 ELSE 0 END) AS repeat_pupils
         FROM (SELECT setting_id, pupil_key, COUNT(*) AS n, COALESCE(SUM(suspension_days), 0) AS d
               FROM submissions
               WHERE kind = 'suspension' AND event_date >= ? AND event_date <= ? ${settingId ? 'AND setting_id = ?' : ''}
               GROUP BY setting_id, pupil_key)
         GROUP BY setting_id`,
      )
      .all(...[from, to, ...(settingId ? [settingId] : [])]) as Row[]
    return rows.map(toSuspensions)
  }

  async threshold(): Promise<Threshold> {
    const rows = this.db.prepare('SELECT key, value FROM workspace_values WHERE key IN (?, ?)').all(THRESHOLD_RATE, THRESHOLD_COUNT) as Row[]
    return toThreshold(rows)
  }

  async setThreshold(threshold: Threshold, at: string): Promise<void> {
    const put = this.db.prepare(
      'INSERT INTO workspace_values (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    const remove = this.db.prepare('DELETE FROM workspace_values WHERE key = ?')
    this.db.transaction(() => {
      for (const [key, value] of [[THRESHOLD_RATE, threshold.rateTenths], [THRESHOLD_COUNT, threshold.suspensions]] as const) {
        if (value === undefined) remove.run(key)
        else put.run(key, String(value), at)
      }
    })()
  }

  async recordContact(contact: NewSchoolContact): Promise<number> {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO school_contacts (setting_id, contact_date, contacted, agreed, officer_id, officer_username, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(contact.settingId, contact.date, contact.contacted, contact.agreed, contact.officerId, contact.officerUsername, contact.recordedAt)
    return Number(lastInsertRowid)
  }

  async contactsFor(settingId: string): Promise<SchoolContact[]> {
    const rows = this.db
      .prepare(
        `SELECT c.*, o.display_name FROM school_contacts c LEFT JOIN officers o ON o.id = c.officer_id
         WHERE c.setting_id = ? ORDER BY c.contact_date DESC, c.id DESC`,
      )
      .all(settingId) as Row[]
    return rows.map(toContact)
  }

  async latestContactsSince(from: string): Promise<Map<string, string>> {
    const rows = this.db.prepare('SELECT setting_id, MAX(contact_date) AS latest FROM school_contacts WHERE contact_date >= ? GROUP BY setting_id').all(from) as Row[]
    return new Map(rows.map((row) => [String(row.setting_id), String(row.latest)]))
  }

  async countyTerms(): Promise<CountyTerm[]> {
    return (this.db.prepare('SELECT * FROM county_terms ORDER BY start_date, id').all() as Row[]).map(toCountyTerm)
  }

  async addCountyTerm(term: Term, at: string): Promise<number> {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO county_terms (name, start_date, end_date, half_term_start, half_term_end, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(term.name, term.start, term.end, term.halfTerm?.start ?? null, term.halfTerm?.end ?? null, at)
    return Number(lastInsertRowid)
  }

  async clearCountyTerms(): Promise<void> {
    this.db.prepare('DELETE FROM county_terms').run()
  }
}
