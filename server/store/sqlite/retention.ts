import type Database from 'better-sqlite3'
import { submissionReference } from '../intake-store'
import type { ClosedMonth, HeldRecord, RetentionSetting, RetentionStore } from '../retention-store'
import { readable, SELECT_RECORD, toClosedMonth, toHeldRecord, toRetentionSetting } from '../rows/retention'
import type { Row } from '../rows/row'

/** A table holding rows about a submission, and the column that names it. */
interface Dependant {
  table: string
  column: string
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

export class SqliteRetention implements RetentionStore {
  constructor(private readonly db: Database.Database) {}

  async setting(): Promise<RetentionSetting> {
    const row = this.db.prepare('SELECT * FROM retention_settings WHERE id = 1').get() as Row | undefined
    return toRetentionSetting(row)
  }

  async setMonths(months: number, at: string, by: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO retention_settings (id, months, updated_at, updated_by) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET months = excluded.months, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(months, at, by)
  }

  async closeSubmission(id: number, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE submissions SET closed_at = COALESCE(closed_at, ?) WHERE id = ?').run(at, id).changes > 0
  }

  async closedByMonth(): Promise<ClosedMonth[]> {
    const rows = this.db
      .prepare('SELECT substr(closed_at, 1, 7) AS month, COUNT(*) AS count FROM submissions WHERE closed_at IS NOT NULL GROUP BY month ORDER BY month')
      .all() as Row[]
    return rows.map(toClosedMonth)
  }

  async countClosedBefore(cutoff: string): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS count FROM submissions WHERE closed_at IS NOT NULL AND closed_at < ?').get(cutoff) as { count: number }).count
  }

  async deleteClosedBefore(cutoff: string, at: string): Promise<string[]> {
    return this.db.transaction((): string[] => {
      const closed = this.db.prepare('SELECT id FROM submissions WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY id').all(cutoff) as Row[]
      const ids = new Set<number>()
      for (const row of closed) {
        ids.add(Number(row.id))
        for (const update of this.updatesOf(Number(row.id))) ids.add(Number(update.id))
      }
      const dependants = this.dependants()
      const audit = this.db.prepare(`INSERT INTO audit_log (at, officer_username, action, subject) VALUES (?, 'system', 'Deleted under retention', ?)`)
      const references: string[] = []
      for (const id of [...ids].sort((a, b) => a - b)) {
        for (const { table, column } of dependants) this.db.prepare(`DELETE FROM ${quoted(table)} WHERE ${quoted(column)} = ?`).run(id)
        this.db.prepare('DELETE FROM submissions WHERE id = ?').run(id)
        const reference = submissionReference(id)
        audit.run(at, reference)
        references.push(reference)
      }
      return references
    })()
  }

  async heldAbout(pupilName: string): Promise<HeldRecord[]> {
    return this.db.transaction((): HeldRecord[] => {
      const rows = this.db.prepare(`${SELECT_RECORD} WHERE s.pupil_name = ? ORDER BY s.id`).all(pupilName) as Row[]
      const dependants = this.dependants()
      const held = (row: Row): HeldRecord => ({ ...toHeldRecord(row), related: this.related(Number(row.id), dependants), updates: [] })
      return rows.map((row) => ({ ...held(row), updates: this.updatesOf(Number(row.id)).map(held) }))
    })()
  }

  /** The outcomes a school sent after a permanent exclusion notice: they name it by its Idempotency-Key, from the same device. */
  private updatesOf(id: number): Row[] {
    return this.db
      .prepare(
        `${SELECT_RECORD} JOIN submissions notice ON notice.device_id = s.device_id AND notice.idempotency_key = s.depends_on
         WHERE notice.id = ? AND notice.kind = 'permanent-exclusion' AND s.kind = 'permanent-exclusion-update' ORDER BY s.id`,
      )
      .all(id) as Row[]
  }

  /**
   * Every table that refers to a submission, found in the schema rather than listed here, so
   * that a table another area adds (a case's steps) is deleted and exported with its record:
   * by a foreign key to submissions, or by a column named submission_id.
   */
  private dependants(): Dependant[] {
    const tables = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('submissions', 'sqlite_sequence')`).all() as Row[]
    const found: Dependant[] = []
    for (const { name } of tables) {
      const table = String(name)
      const columns = new Set<string>()
      for (const key of this.db.prepare(`PRAGMA foreign_key_list(${quoted(table)})`).all() as Row[]) {
        if (key.table === 'submissions') columns.add(String(key.from))
      }
      for (const column of this.db.prepare(`PRAGMA table_info(${quoted(table)})`).all() as Row[]) {
        if (column.name === 'submission_id') columns.add('submission_id')
      }
      for (const column of columns) found.push({ table, column })
    }
    return found
  }

  private related(id: number, dependants: Dependant[]): Record<string, Record<string, unknown>[]> {
    const related: Record<string, Record<string, unknown>[]> = {}
    for (const { table, column } of dependants) {
      const rows = this.db.prepare(`SELECT * FROM ${quoted(table)} WHERE ${quoted(column)} = ?`).all(id) as Row[]
      if (rows.length > 0) related[table] = [...(related[table] ?? []), ...rows.map(readable)]
    }
    return related
  }
}
