import type { SubmissionKind } from '../../../src/domain/submissions'
import { DEFAULT_RETENTION_MONTHS, type ClosedMonth, type HeldRecord, type RetentionSetting } from '../retention-store'
import { identified, knownStatus } from './core'
import type { Row } from './row'

/** A submission with its setting's name and URN, as toHeldRecord reads it. */
export const SELECT_RECORD = 'SELECT s.*, st.name AS setting_name, st.urn AS setting_urn FROM submissions s JOIN settings st ON st.id = s.setting_id'

/** The retention_settings row, or the default where none has been set. */
export function toRetentionSetting(row: Row | undefined): RetentionSetting {
  return row ? { months: Number(row.months), updatedAt: String(row.updated_at), updatedBy: String(row.updated_by) } : { months: DEFAULT_RETENTION_MONTHS }
}

export function toClosedMonth(row: Row): ClosedMonth {
  return { month: String(row.month), count: Number(row.count) }
}

export function toHeldRecord(row: Row): Omit<HeldRecord, 'related' | 'updates'> {
  const record: Omit<HeldRecord, 'related' | 'updates'> = {
    ...identified(row),
    kind: row.kind as SubmissionKind,
    setting: { name: String(row.setting_name), urn: String(row.setting_urn) },
    receivedAt: String(row.received_at),
    status: knownStatus(row.status),
    payload: JSON.parse(String(row.payload)),
  }
  if (row.forum_date) record.forumDate = String(row.forum_date)
  if (row.outcome) record.outcome = String(row.outcome)
  if (row.case_state) record.caseState = String(row.case_state)
  if (row.closed_at) record.closedAt = String(row.closed_at)
  return record
}

/** A row as it would read in the export: a column holding JSON is given as the JSON it holds. */
export function readable(row: Row): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if (typeof value === 'string' && /^[[{]/.test(value)) {
        try {
          return [column, JSON.parse(value)]
        } catch {
          return [column, value]
        }
      }
      return [column, value]
    }),
  )
}
