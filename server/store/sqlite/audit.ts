import { addDaysToIsoDate, ukDayStart } from '../../../src/domain/dates'
import type Database from 'better-sqlite3'
import type { AuditEntry, AuditFilter, AuditStore } from '../audit-store'
import { toEntry } from '../rows/audit'
import type { Row } from '../rows/row'

export class SqliteAudit implements AuditStore {
  constructor(private readonly db: Database.Database) {}

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    this.db
      .prepare('INSERT INTO audit_log (at, officer_id, officer_username, action, subject) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at, entry.officerId ?? null, entry.officerUsername, entry.action, entry.subject ?? null)
  }

  async list(filter: AuditFilter, limit: number, offset: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const where: string[] = []
    const values: unknown[] = []
    const add = (clause: string, value: unknown) => {
      where.push(clause)
      values.push(value)
    }
    if (filter.officerUsername) add('officer_username = ?', filter.officerUsername)
    if (filter.subject) add('subject = ?', filter.subject)
    // Days as the UK reads them (stored times are UTC), the whole "to" day included.
    if (filter.from) add('at >= ?', ukDayStart(filter.from))
    if (filter.to) add('at < ?', ukDayStart(addDaysToIsoDate(filter.to, 1)))
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (this.db.prepare(`SELECT COUNT(*) AS count FROM audit_log ${clause}`).get(...values) as { count: number }).count
    const rows = this.db.prepare(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...values, limit, offset) as Row[]
    return { entries: rows.map(toEntry), total }
  }
}
