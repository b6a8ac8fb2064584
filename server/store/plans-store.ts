import type { EducationPlanRecord } from '../../src/domain/submissions'
import type { RecordingOfficer } from './cases-store'

/**
 * The education plan the Inclusion Service records for a forum case after it is heard (seed
 * 004: every setting leaves with one). One plan per case: a correction replaces it. Recording
 * it issues the plan: the case's status becomes "plan issued", the record closes (its
 * retention runs from its first closing), and its updated time moves so the device's change
 * feed sends it again. The plan goes with its case when retention deletes it.
 */

export interface RecordedPlan {
  submissionId: number
  plan: EducationPlanRecord
  /** When the plan was first recorded: when it was issued, for monitoring. A correction keeps it. */
  issuedAt: string
  /** Who recorded it last, by id and by their name then. */
  recordedById: string
  recordedByName: string
}

export type PlanRecording = { outcome: 'recorded' | 'corrected' } | { refused: 'not-found' | 'not-a-forum-case' }

/** A forum case as monitoring counts it: dates and ids, never who the child is (the pupil key is a hash). */
export interface MonitoredCase {
  id: number
  settingId: string
  forum?: string
  receivedAt: string
  /** The setting sent it as a re-referral, with the last plan's progress. */
  reReferral: boolean
  /** The re-referral's reference for the case it follows (IC-000042), where the device that sent it had sent that case. */
  previousReference?: string
  pupilKey?: string
  meetingId?: string
  /** The forum date the case was given (its meeting's, when assigned): for a meeting since taken out of the content. */
  forumDate?: string
  planIssuedAt?: string
  reviewDate?: string
}

export interface PlanStore {
  /** Records a forum case's plan (recordedAt is the plan's), or replaces it, issuing it: in one transaction. */
  record(submissionId: number, plan: EducationPlanRecord, officer: RecordingOfficer): Promise<PlanRecording>
  plan(submissionId: number): Promise<RecordedPlan | undefined>
  /**
   * A forum case's plan for a device of the setting that sent it, by the case's
   * Idempotency-Key: nothing for another setting's case, so a device learns nothing of it.
   */
  planForSetting(settingId: string, idempotencyKey: string): Promise<EducationPlanRecord | undefined>
  /** Every forum case, oldest first, as monitoring counts them. */
  monitored(): Promise<MonitoredCase[]>
}
