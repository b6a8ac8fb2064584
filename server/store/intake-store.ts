import type { ContentStore } from './content-store'
import type { SubmissionKind, SubmissionStatus, SubmissionStatusReport } from '../../src/domain/submissions'
import type { AuditStore } from './audit-store'
import type { CaseStore } from './cases-store'
import type { LevelStore } from './levels-store'
import type { MeetingStore } from './meetings-store'
import type { PeopleStore } from './people-store'
import type { PlanStore } from './plans-store'
import type { RetentionStore } from './retention-store'

/**
 * Everything the intake service keeps, behind one narrow, asynchronous interface: SQLite
 * implements it now (sqlite-store.ts); PostgreSQL can implement it for a deployment with
 * several instances. Times are ISO strings; secrets arrive already hashed.
 */

export const SETTING_PHASES = ['early-years', 'primary', 'secondary', 'post-16', 'all-through', 'special'] as const
export type SettingPhase = (typeof SETTING_PHASES)[number]

export interface Setting {
  id: string
  name: string
  urn: string
  phase: SettingPhase
  seipArea?: string
  createdAt: string
}

export interface Device {
  id: string
  settingId: string
  enrolledAt: string
  revokedAt?: string
}

export type Redemption =
  | { outcome: 'enrolled'; setting: Setting; device: Device }
  | { outcome: 'unknown' | 'used' | 'expired' }

/** The stored answer to an Idempotency-Key, replayed to a retry. */
export interface StoredResponse {
  status: number
  body: string
}

export type KeyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'different-request' }
  | { outcome: 'in-progress' }

export interface NewSubmission {
  deviceId: string
  settingId: string
  idempotencyKey: string
  kind: SubmissionKind
  dependsOn?: string
  payload: unknown
  receivedAt: string
  /** For suspensions: the first day and the length in days, for the counts page. */
  eventDate?: string
  suspensionDays?: number
  /** The pupil's name, normalised (pupil-identity.ts), for search; and their identity's hash, for counting. */
  pupilName?: string
  pupilKey?: string
  /** For a permanent exclusion: the 6th school day, as the app worked it out and sent it. */
  educationFrom?: string
}

export interface SubmissionSummary {
  id: number
  reference: string
  kind: SubmissionKind
  settingId: string
  settingName: string
  receivedAt: string
  status: SubmissionStatus
  forumDate?: string
  outcome?: string
  updatedAt: string
  /** The pupil's name as the setting sent it: only in the results of a search by pupil name. */
  pupilName?: string
}

export interface SubmissionDetail extends SubmissionSummary {
  deviceId: string
  idempotencyKey: string
  dependsOn?: string
  payload: unknown
  /** When the record closed (plan issued, outcome recorded, case closed): retention runs from then. */
  closedAt?: string
}

/** Which date a date range is on: when the submission was received, or the event's own date (a suspension's first day, an exclusion's effective date). */
export const SUBMISSION_DATE_FIELDS = ['received', 'event'] as const
export type SubmissionDateField = (typeof SUBMISSION_DATE_FIELDS)[number]

export interface SubmissionFilter {
  /** One submission, by the number in its reference (IC-000123 is 123). */
  id?: number
  kind?: SubmissionKind
  settingId?: string
  /** Settings by URN (exactly) or by part of their name. */
  setting?: string
  status?: SubmissionStatus
  /** What `from` and `to` are on: the received date unless said. */
  dateOn?: SubmissionDateField
  /** On or after this date (YYYY-MM-DD). */
  from?: string
  /** On or before this date (YYYY-MM-DD). */
  to?: string
  /** Normalised (pupil-identity.ts): the whole name, or how it starts. */
  pupilName?: { name: string; match: 'exact' | 'prefix' }
  /** Open permanent exclusions whose 6th school day is before this date (today) with no education arranged. */
  overdueOn?: string
}

/** One page of a search, and how many match in all. */
export interface SubmissionPage {
  submissions: SubmissionSummary[]
  total: number
}

export interface StatusChange {
  status: SubmissionStatus
  forumDate?: string
  outcome?: string
  /** The record is closed by this change (in the same write): its retention period runs from its first closing. */
  closes?: boolean
}

/**
 * A device's submission's status as the store has it: a forum case's meeting by its id only,
 * which the status route describes from the published content (meetings are content).
 */
export type StoredStatus = Omit<SubmissionStatusReport, 'meeting'> & { meetingId?: string }

export interface IntakeStore {
  close(): Promise<void>

  /** The workspace's areas, each behind its own interface. */
  readonly people: PeopleStore
  readonly audit: AuditStore
  readonly cases: CaseStore
  readonly levels: LevelStore
  readonly retention: RetentionStore
  /** The published content's versions and the shared draft. */
  readonly content: ContentStore
  /** Which forum meeting each forum case is assigned to. */
  readonly meetings: MeetingStore
  /** The education plan recorded for each forum case. */
  readonly plans: PlanStore

  createSetting(setting: Omit<Setting, 'createdAt'>, at: string): Promise<Setting>
  listSettings(): Promise<Setting[]>
  addEnrolmentCode(settingId: string, codeHash: string, expiresAt: string, at: string): Promise<void>
  /** One use only: the code and the new device are written in one transaction. */
  redeemEnrolmentCode(codeHash: string, device: { id: string; tokenHash: string }, at: string): Promise<Redemption>
  deviceByTokenHash(tokenHash: string): Promise<Device | undefined>
  listDevices(): Promise<Device[]>
  revokeDevice(deviceId: string, at: string): Promise<boolean>

  /** Takes an Idempotency-Key for a request, or says why not. A claim left by a crash expires at leaseUntil. */
  claimIdempotencyKey(deviceId: string, key: string, requestHash: string, at: string, leaseUntil: number, now: number): Promise<KeyClaim>
  /** Stores a final answer that is not a new submission (a validation failure). */
  answerIdempotencyKey(deviceId: string, key: string, response: StoredResponse): Promise<void>
  /**
   * Frees every claim still "in progress". Only for a single instance at start-up: the
   * process that made those claims is gone. (Several instances rely on the lease instead.)
   */
  releaseAllInProgressClaims(): Promise<number>
  /** Gives a key back after a failure of ours, so the device's retry is processed afresh. */
  releaseIdempotencyKey(deviceId: string, key: string): Promise<void>
  /** The submission and its key's answer, in one transaction. Returns the submission's id. */
  recordSubmission(submission: NewSubmission, response: (id: number) => StoredResponse): Promise<number>
  submissionKeyExists(deviceId: string, key: string, kind: SubmissionKind): Promise<boolean>
  /** The device's submissions' statuses, oldest first; with `changedSince` (ISO), only those changed at or after it. */
  statusesForDevice(deviceId: string, changedSince?: string): Promise<StoredStatus[]>

  /** The first 1,000 that match, newest first. */
  listSubmissions(filter: SubmissionFilter): Promise<SubmissionSummary[]>
  /** A page of those that match, newest first (by received time), and the total. */
  findSubmissions(filter: SubmissionFilter, page: { limit: number; offset: number }): Promise<SubmissionPage>
  submission(id: number): Promise<SubmissionDetail | undefined>
  updateSubmissionStatus(id: number, change: StatusChange, at: string): Promise<boolean>
}

export function submissionReference(id: number): string {
  return `IC-${String(id).padStart(6, '0')}`
}
