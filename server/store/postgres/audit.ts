import { addDaysToIsoDate, ukDayStart } from '../../../src/domain/dates'
import type { AuditEntry, AuditFilter, AuditStore } from '../audit-store'
import { toEntry } from '../rows/audit'
import type { Db } from './db'

export class PostgresAudit implements AuditStore {
  constructor(private readonly db: Db) {}

  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db.query('INSERT INTO audit_log (at, officer_id, officer_username, action, subject) VALUES ($1, $2, $3, $4, $5)', [
      entry.at, entry.officerId ?? null, entry.officerUsername, entry.action, entry.subject ?? null,
    ])
  }

  async list(filter: AuditFilter, limit: number, offset: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const where: string[] = []
    const values: unknown[] = []
    const add = (clause: string, value: unknown) => {
      values.push(value)
      where.push(clause.replace('?', `$${values.length}`))
    }
    if (filter.officerUsername) add('officer_username = ?', filter.officerUsername)
    if (filter.subject) add('subject = ?', filter.subject)
    // Days as the UK reads them (stored times are UTC), the whole "to" day included.
    if (filter.from) add('at >= ?', ukDayStart(filter.from))
    if (filter.to) add('at < ?', ukDayStart(addDaysToIsoDate(filter.to, 1)))
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = Number((await this.db.row(`SELECT COUNT(*) AS count FROM audit_log ${clause}`, values))!.count)
    const rows = await this.db.rows(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`, [...values, limit, offset])
    return { entries: rows.map(toEntry), total }
  }
}
