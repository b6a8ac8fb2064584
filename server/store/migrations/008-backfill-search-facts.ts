import type Database from 'better-sqlite3'
import type { SubmissionKind } from '../../../src/domain/submissions'
import { searchFacts } from '../search-facts'

const CLOSING_STATUSES = new Set(['outcome-recorded', 'plan-issued'])

/**
 * 8: submissions received before step 5 get what it added, from their payloads: the pupil's
 * name and identity for search and counts, a permanent exclusion's 6th school day and open
 * case, and a closing time for a record already closed (its last change), so that Today,
 * search, subject access and retention see them as they see new ones. Code, not SQL: the
 * name is normalised as at intake.
 */
export default function backfillSearchFacts(db: Database.Database): void {
  const rows = db.prepare('SELECT id, kind, payload, status, updated_at FROM submissions WHERE pupil_name IS NULL AND case_state IS NULL').all() as {
    id: number; kind: SubmissionKind; payload: string; status: string; updated_at: string
  }[]
  const update = db.prepare(
    `UPDATE submissions SET pupil_name = ?, pupil_key = ?, event_date = COALESCE(event_date, ?), suspension_days = COALESCE(suspension_days, ?),
     education_from = ?, case_state = ?, closed_at = COALESCE(closed_at, ?) WHERE id = ?`,
  )
  for (const row of rows) {
    const facts = searchFacts(row.kind, JSON.parse(row.payload))
    update.run(
      facts.pupilName ?? null, facts.pupilKey ?? null, facts.eventDate ?? null, facts.suspensionDays ?? null, facts.educationFrom ?? null,
      row.kind === 'permanent-exclusion' ? 'open' : null, CLOSING_STATUSES.has(row.status) ? row.updated_at : null, row.id,
    )
  }
}
