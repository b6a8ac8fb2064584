import type { SubmissionKind, SubmissionStatus, SubmissionStatusReport } from '../../src/domain/submissions'
import type { AuditStore } from './audit-store'
import type { CaseStore } from './cases-store'
import type { LevelStore } from './levels-store'
import type { PeopleStore } from './people-store'

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
}

export interface SubmissionDetail extends SubmissionSummary {
  deviceId: string
  idempotencyKey: string
  dependsOn?: string
  payload: unknown
}

export interface SubmissionFilter {
  kind?: SubmissionKind
  settingId?: string
  status?: SubmissionStatus
  /** Received on or after this date (YYYY-MM-DD). */
  from?: string
  /** Received on or before this date (YYYY-MM-DD). */
  to?: string
}

export interface SuspensionCount {
  settingId: string
  settingName: string
  suspensions: number
  days: number
}

export interface IntakeStore {
  close(): Promise<void>

  /** The workspace's areas, each behind its own interface. */
  readonly people: PeopleStore
  readonly audit: AuditStore
  readonly cases: CaseStore
  readonly levels: LevelStore

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
  statusesForDevice(deviceId: string): Promise<SubmissionStatusReport[]>

  listSubmissions(filter: SubmissionFilter): Promise<SubmissionSummary[]>
  submission(id: number): Promise<SubmissionDetail | undefined>
  updateSubmissionStatus(id: number, change: { status: SubmissionStatus; forumDate?: string; outcome?: string }, at: string): Promise<boolean>
  suspensionCounts(from: string, to: string): Promise<SuspensionCount[]>

}

export function submissionReference(id: number): string {
  return `IC-${String(id).padStart(6, '0')}`
}
