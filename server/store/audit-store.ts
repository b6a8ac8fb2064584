/**
 * Who saw and changed what, when. The subject says what the action was about, never the
 * personal data in it: a submission's reference (IC-000123), a setting's URN, an officer's
 * username, a retention period ("72 months") or the school year of county term dates
 * ("2026 to 2027"); none for an action about no one thing (signing in, viewing the log).
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
