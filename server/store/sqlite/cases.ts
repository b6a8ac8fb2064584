import type Database from 'better-sqlite3'
import { caseState, stepProblems, type CaseStep, type StepDetails } from '../../../src/domain/exclusion-case'
import type { CaseListItem, CaseStepRecord, CaseStore, CaseUpdate, ReceivedItem, RecordingOfficer, StepRecording, UpheldCaseItem } from '../cases-store'
import { groupBySubmission, rescindedBySchool, SCHOOL_OUTCOMES, toCaseUpdate, toListItem, toReceivedItem, toStepRecord } from '../rows/cases'
import type { Row } from '../rows/row'

// Every list starts from the indexed columns (kind, case_state, education_from, received_at):
// no payload is parsed in SQL, and only the few open cases' steps are read to decide the rest.
// The planner is told which index: without statistics it may pick the kind index and read every
// notice ever received, where the open-cases index holds only the few cases still open.
const CASE_COLUMNS = `SELECT s.id, s.received_at, s.education_from, st.name AS setting_name
  FROM submissions s INDEXED BY submissions_open_cases JOIN settings st ON st.id = s.setting_id`
const OPEN_CASES = `s.kind = 'permanent-exclusion' AND s.case_state = 'open'`

export class SqliteCases implements CaseStore {
  constructor(private readonly db: Database.Database) {}

  async recordStep<Step extends CaseStep>(submissionId: number, step: Step, details: StepDetails[Step], officer: RecordingOfficer, at: string): Promise<StepRecording> {
    return this.db.transaction((): StepRecording => {
      // Checked in the write's own transaction: another officer may have moved the case on since the form was read.
      const blocked = stepProblems(step, undefined, this.stepsOf(submissionId)).find((problem) => problem.path === '(step)')
      if (blocked) return { refused: blocked.message }
      this.db
        .prepare('INSERT INTO case_steps (submission_id, step, details, recorded_by_id, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(submissionId, step, JSON.stringify(details), officer.id, officer.displayName, at)
      const state = caseState(this.stepsOf(submissionId))
      const closed = state.status !== 'open'
      // A case that stays closed through a correction keeps the moment it closed: retention runs from it.
      this.db
        .prepare(
          `UPDATE submissions SET case_state = ?, education_arranged = ?,
             closed_at = CASE WHEN ? THEN COALESCE(closed_at, ?) ELSE NULL END, updated_at = ?
           WHERE id = ?`,
        )
        .run(state.status, state.done['education-in-place'] ? 1 : 0, closed ? 1 : 0, at, at, submissionId)
      return { status: state.status }
    })()
  }

  async steps(submissionId: number): Promise<CaseStepRecord[]> {
    return this.stepsOf(submissionId)
  }

  /** Every step recorded on the device's notices, by submission id: for the status the device is sent. */
  stepsOfDevice(deviceId: string): Map<number, CaseStepRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT c.* FROM case_steps c JOIN submissions s ON s.id = c.submission_id
         WHERE s.device_id = ? AND s.kind = 'permanent-exclusion' ORDER BY c.recorded_at, c.id`,
      )
      .all(deviceId) as Row[]
    return groupBySubmission(rows)
  }

  async updates(deviceId: string, noticeKey: string): Promise<CaseUpdate[]> {
    const rows = this.db
      .prepare(`SELECT id, received_at, payload FROM submissions WHERE device_id = ? AND depends_on = ? AND kind = 'permanent-exclusion-update' ORDER BY id`)
      .all(deviceId, noticeKey) as Row[]
    return rows.map(toCaseUpdate)
  }

  async educationDue(through: string): Promise<CaseListItem[]> {
    const rows = this.db
      .prepare(`${CASE_COLUMNS} WHERE ${OPEN_CASES} AND s.education_arranged = 0 AND s.education_from <= ? ORDER BY s.education_from, s.id`)
      .all(through) as Row[]
    return rows.map(toListItem)
  }

  async educationDateUnknown(): Promise<CaseListItem[]> {
    const rows = this.db.prepare(`${CASE_COLUMNS} WHERE ${OPEN_CASES} AND s.education_arranged = 0 AND s.education_from IS NULL ORDER BY s.id`).all() as Row[]
    return rows.map(toListItem)
  }

  async awaitingDecision(): Promise<CaseListItem[]> {
    const rows = this.db
      .prepare(
        `${CASE_COLUMNS} WHERE ${OPEN_CASES}
           AND NOT EXISTS (SELECT 1 FROM case_steps c WHERE c.submission_id = s.id AND c.step = 'school-decision')
         ORDER BY s.id`,
      )
      .all() as Row[]
    return rows.map(toListItem)
  }

  async upheldNotNotified(): Promise<UpheldCaseItem[]> {
    const rows = this.db
      .prepare(`${CASE_COLUMNS} WHERE ${OPEN_CASES} AND EXISTS (SELECT 1 FROM case_steps c WHERE c.submission_id = s.id AND c.step = 'outcome') ORDER BY s.id`)
      .all() as Row[]
    const items: UpheldCaseItem[] = []
    for (const row of rows) {
      const { done } = caseState(this.stepsOf(Number(row.id)))
      if (done.outcome?.details.outcome !== 'upheld') continue
      const item = { ...toListItem(row), chairNotified: Boolean(done['chair-notified']), gdsTold: Boolean(done['gds-told']) }
      if (!item.chairNotified || !item.gdsTold) items.push(item)
    }
    return items
  }

  async rescindedWithoutAlternative(): Promise<CaseListItem[]> {
    // Few rows: only notices the school has sent an outcome for. The school's latest word counts
    // (a board can reinstate a pupil after the head upheld the exclusion), until an officer
    // records the outcome as rescinded, which needs the alternative.
    const rows = this.db.prepare(SCHOOL_OUTCOMES).all() as Row[]
    const items: CaseListItem[] = []
    for (const [id, row] of rescindedBySchool(rows)) {
      if (caseState(this.stepsOf(id)).done.outcome?.details.outcome === 'rescinded') continue
      items.push(toListItem(row))
    }
    return items
  }

  async receivedSince(since: string): Promise<ReceivedItem[]> {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.kind, s.received_at, st.name AS setting_name, notice.id AS notice_id
         FROM submissions s JOIN settings st ON st.id = s.setting_id
         LEFT JOIN submissions notice ON s.kind = 'permanent-exclusion-update' AND notice.device_id = s.device_id
           AND notice.idempotency_key = s.depends_on AND notice.kind = 'permanent-exclusion'
         WHERE s.received_at >= ? ORDER BY s.received_at DESC, s.id DESC`,
      )
      .all(since) as Row[]
    return rows.map(toReceivedItem)
  }

  private stepsOf(submissionId: number): CaseStepRecord[] {
    const rows = this.db.prepare('SELECT * FROM case_steps WHERE submission_id = ? ORDER BY recorded_at, id').all(submissionId) as Row[]
    return rows.map(toStepRecord)
  }
}
