import type { AuditEntry } from '../audit-store'
import type { Row } from './row'

export function toEntry(row: Row): AuditEntry {
  const entry: AuditEntry = { id: Number(row.id), at: String(row.at), officerUsername: String(row.officer_username), action: String(row.action) }
  if (row.officer_id) entry.officerId = String(row.officer_id)
  if (row.subject) entry.subject = String(row.subject)
  return entry
}
