import type { CaseStatus, CaseStep, RecordedStep, StepDetails } from '../../src/domain/exclusion-case'
import type { SubmissionKind } from '../../src/domain/submissions'

/** The officer recording a step: their id, and their name as it is now (kept with the record). */
export interface RecordingOfficer {
  id: string
  displayName: string
}

/** One record of a step, as the domain reads it (recordedBy is the officer's name then), with who that was by id. */
export type CaseStepRecord = RecordedStep & { recordedById: string }

/** A permanent exclusion case as Today lists it: references and settings only, never the pupil. */
export interface CaseListItem {
  id: number
  reference: string
  settingName: string
  receivedAt: string
  /** The 6th school day as the app sent it; absent when the app could not (older app, or beyond its term dates). */
  educationFrom?: string
}

export interface UpheldCaseItem extends CaseListItem {
  chairNotified: boolean
  gdsTold: boolean
}

/** A school's outcome update for its notice, as it arrived. */
export interface CaseUpdate {
  id: number
  reference: string
  receivedAt: string
  payload: unknown
}

export interface ReceivedItem {
  id: number
  reference: string
  kind: SubmissionKind
  settingName: string
  receivedAt: string
  /** For a permanent exclusion and its updates: the notice, whose case page shows both. */
  caseId?: number
}

/** The steps of each permanent exclusion case, and the lists Today is made of. */
export type StepRecording = { status: CaseStatus } | { refused: string }

export interface CaseStore {
  /**
   * Adds a record of a step (a later record of the same step corrects it) and, in the same
   * transaction, brings the submission's case state, education arranged, closing time and
   * updated time up to date. In that transaction too, the step's order is checked against the
   * case as it is then (stepProblems): a step another officer's change has made out of order
   * is refused with its message. The details are the caller's to check. Answers the case's
   * status after it.
   */
  recordStep<Step extends CaseStep>(submissionId: number, step: Step, details: StepDetails[Step], officer: RecordingOfficer, at: string): Promise<StepRecording>
  /** Every record of the case's steps, oldest first. */
  steps(submissionId: number): Promise<CaseStepRecord[]>
  /** The outcome updates the school sent after its notice (same device, depends on the notice's key), oldest first. */
  updates(deviceId: string, noticeKey: string): Promise<CaseUpdate[]>

  /** Open cases without education arranged whose 6th school day is on or before `through` (an ISO date), soonest first. */
  educationDue(through: string): Promise<CaseListItem[]>
  /** Open cases without education arranged for which the app sent no 6th school day. */
  educationDateUnknown(): Promise<CaseListItem[]>
  /** Open cases with no record of the school's end-of-day decision, oldest first. */
  awaitingDecision(): Promise<CaseListItem[]>
  /** Upheld cases whose chair of governors, or the Governor Development Service, has not been told. */
  upheldNotNotified(): Promise<UpheldCaseItem[]>
  /** Cases the school says were rescinded for which no officer has recorded the outcome with its alternative. */
  rescindedWithoutAlternative(): Promise<CaseListItem[]>
  /** Everything received at or after `since` (an ISO date-time), newest first. */
  receivedSince(since: string): Promise<ReceivedItem[]>
}
