import type { SubmissionKind, SubmissionStatus } from '../../src/domain/submissions'

/**
 * How long closed records are kept, their deletion, and everything held about one pupil
 * (a subject access request). The period runs from a record's closed_at.
 */

/** Used until an administrator sets a period: 6 years, a period many councils keep exclusion records for. */
export const DEFAULT_RETENTION_MONTHS = 72

export interface RetentionSetting {
  months: number
  /** Absent while the default applies. */
  updatedAt?: string
  updatedBy?: string
}

/** Closed records counted by the month they closed in ("2026-11"), oldest first. */
export interface ClosedMonth {
  month: string
  count: number
}

/** One submission as a subject access export gives it: everything held, nothing summarised. */
export interface HeldRecord {
  id: number
  reference: string
  kind: SubmissionKind
  setting: { name: string; urn: string }
  receivedAt: string
  status: SubmissionStatus
  forumDate?: string
  outcome?: string
  caseState?: string
  closedAt?: string
  payload: unknown
  /** Rows of any other table that refers to this submission (a case's steps), by table. */
  related: Record<string, Record<string, unknown>[]>
  /** For a permanent exclusion notice: the outcomes the school sent after it. */
  updates: HeldRecord[]
}

export interface RetentionStore {
  setting(): Promise<RetentionSetting>
  setMonths(months: number, at: string, by: string): Promise<void>
  /** Marks a record closed (its retention period starts); false when there is no such record. */
  closeSubmission(id: number, at: string): Promise<boolean>
  closedByMonth(): Promise<ClosedMonth[]>
  countClosedBefore(cutoff: string): Promise<number>
  /**
   * Deletes every record closed before `cutoff`, with the rows that refer to it and, for a
   * permanent exclusion notice, the outcomes sent after it; one audit entry per record deleted,
   * by "system", in the same transaction. Returns the references deleted.
   */
  deleteClosedBefore(cutoff: string, at: string): Promise<string[]>
  /** A pupil's submissions by normalised name, each with what follows or refers to it, oldest first. */
  heldAbout(pupilName: string): Promise<HeldRecord[]>
}
