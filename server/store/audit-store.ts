/**
 * Who saw and changed what, when. The subject names a record (a reference such as
 * IC-000123, a setting's URN, an officer's username), never the personal data in it.
 */
export interface AuditEntry {
  id: number
  at: string
  officerId?: string
  officerUsername: string
  action: string
  subject?: string
}

export interface AuditFilter {
  officerUsername?: string
  subject?: string
  /** ISO dates, inclusive. */
  from?: string
  to?: string
}

export interface AuditStore {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>
  /** Newest first. */
  list(filter: AuditFilter, limit: number, offset: number): Promise<{ entries: AuditEntry[]; total: number }>
}
