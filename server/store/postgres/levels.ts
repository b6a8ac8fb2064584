import type { Term } from '../../../src/domain/school-calendar'
import type { Threshold } from '../../../src/domain/suspension-levels'
import type { CountyTerm, LevelStore, NewSchoolContact, SchoolContact, SettingSuspensions, SettingWithRoll } from '../levels-store'
import { THRESHOLD_COUNT, THRESHOLD_RATE, toContact, toCountyTerm, toSettingWithRoll, toSuspensions, toThreshold } from '../rows/levels'
import type { Db } from './db'

export class PostgresLevels implements LevelStore {
  constructor(private readonly db: Db) {}

  async settingsWithRolls(): Promise<SettingWithRoll[]> {
    const rows = await this.db.rows('SELECT s.*, r.roll FROM settings s LEFT JOIN setting_rolls r ON r.setting_id = s.id ORDER BY s.name')
    return rows.map(toSettingWithRoll)
  }

  async settingWithRoll(id: string): Promise<SettingWithRoll | undefined> {
    const row = await this.db.row('SELECT s.*, r.roll FROM settings s LEFT JOIN setting_rolls r ON r.setting_id = s.id WHERE s.id = $1', [id])
    return row && toSettingWithRoll(row)
  }

  async setRoll(settingId: string, roll: number, by: string, at: string): Promise<void> {
    // One statement: two instances setting the same roll at once leave the later one, never a duplicate-key error.
    await this.db.query(
      `INSERT INTO setting_rolls (setting_id, roll, set_at, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (setting_id) DO UPDATE SET roll = excluded.roll, set_at = excluded.set_at, set_by = excluded.set_by`,
      [settingId, roll, at, by],
    )
  }

  async suspensionsBetween(from: string, to: string, settingId?: string): Promise<SettingSuspensions[]> {
    // Inner: one row per setting and pupil; outer: per setting. A row without a pupil key
    // (sent before keys were kept) counts as a suspension but not as a pupil. Ordered by
    // setting, as SQLite's grouping returns them; PostgreSQL's may hash, in no order.
    // COUNT is bigint and SUM of counts numeric (strings to pg): each is made a number below.
    const rows = await this.db.rows(
      `SELECT setting_id, SUM(n) AS suspensions, SUM(d) AS days, COUNT(pupil_key) AS pupils,
              SUM(CASE WHEN pupil_key IS NOT NULL AND n >= 2 THEN 1 ELSE 0 END) AS repeat_pupils
       FROM (SELECT setting_id, pupil_key, COUNT(*) AS n, COALESCE(SUM(suspension_days), 0) AS d
             FROM submissions
             WHERE kind = 'suspension' AND event_date >= $1 AND event_date <= $2 ${settingId ? 'AND setting_id = $3' : ''}
             GROUP BY setting_id, pupil_key) AS per_pupil
       GROUP BY setting_id
       ORDER BY setting_id`,
      [from, to, ...(settingId ? [settingId] : [])],
    )
    return rows.map(toSuspensions)
  }

  async threshold(): Promise<Threshold> {
    const rows = await this.db.rows('SELECT key, value FROM workspace_values WHERE key IN ($1, $2)', [THRESHOLD_RATE, THRESHOLD_COUNT])
    return toThreshold(rows)
  }

  async setThreshold(threshold: Threshold, at: string): Promise<void> {
    // Both parts in one transaction: a reader never sees one part of the new threshold with the other of the old.
    await this.db.transaction(async (client) => {
      for (const [key, value] of [[THRESHOLD_RATE, threshold.rateTenths], [THRESHOLD_COUNT, threshold.suspensions]] as const) {
        if (value === undefined) await client.query('DELETE FROM workspace_values WHERE key = $1', [key])
        else {
          await client.query(
            'INSERT INTO workspace_values (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
            [key, String(value), at],
          )
        }
      }
    })
  }

  async recordContact(contact: NewSchoolContact): Promise<number> {
    const row = await this.db.row(
      `INSERT INTO school_contacts (setting_id, contact_date, contacted, agreed, officer_id, officer_username, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [contact.settingId, contact.date, contact.contacted, contact.agreed, contact.officerId, contact.officerUsername, contact.recordedAt],
    )
    return Number(row!.id)
  }

  async contactsFor(settingId: string): Promise<SchoolContact[]> {
    const rows = await this.db.rows(
      `SELECT c.*, o.display_name FROM school_contacts c LEFT JOIN officers o ON o.id = c.officer_id
       WHERE c.setting_id = $1 ORDER BY c.contact_date DESC, c.id DESC`,
      [settingId],
    )
    return rows.map(toContact)
  }

  async latestContactsSince(from: string): Promise<Map<string, string>> {
    // By setting, as SQLite's grouping returns them (the map's order).
    const rows = await this.db.rows('SELECT setting_id, MAX(contact_date) AS latest FROM school_contacts WHERE contact_date >= $1 GROUP BY setting_id ORDER BY setting_id', [from])
    return new Map(rows.map((row) => [String(row.setting_id), String(row.latest)]))
  }

  async countyTerms(): Promise<CountyTerm[]> {
    return (await this.db.rows('SELECT * FROM county_terms ORDER BY start_date, id')).map(toCountyTerm)
  }

  async addCountyTerm(term: Term, at: string): Promise<number> {
    const row = await this.db.row(
      'INSERT INTO county_terms (name, start_date, end_date, half_term_start, half_term_end, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [term.name, term.start, term.end, term.halfTerm?.start ?? null, term.halfTerm?.end ?? null, at],
    )
    return Number(row!.id)
  }

  async clearCountyTerms(): Promise<void> {
    await this.db.query('DELETE FROM county_terms')
  }
}
