import { caseState, stepProblems, type CaseStep, type StepDetails } from '../../../src/domain/exclusion-case'
import type { CaseListItem, CaseStepRecord, CaseStore, CaseUpdate, ReceivedItem, RecordingOfficer, StepRecording, UpheldCaseItem } from '../cases-store'
import { groupBySubmission, rescindedBySchool, SCHOOL_OUTCOMES, toCaseUpdate, toListItem, toReceivedItem, toStepRecord } from '../rows/cases'
import type { Db, Queryable } from './db'

// Every list starts from the indexed columns (kind, case_state, education_from, received_at):
// no payload is parsed in SQL, and only the few open cases' steps are read to decide the rest.
// The kind is a literal, not a parameter, so that the planner may use the partial index
// submissions_open_cases (WHERE kind = 'permanent-exclusion'), which holds only the notices.
const CASE_COLUMNS = `SELECT s.id, s.received_at, s.education_from, st.name AS setting_name
  FROM submissions s JOIN settings st ON st.id = s.setting_id`
const OPEN_CASES = `s.kind = 'permanent-exclusion' AND s.case_state = 'open'`
// The order the domain reads records in: by when recorded, and in the order written when two share a moment.
const STEP_ORDER = 'recorded_at, id'

export class PostgresCases implements CaseStore {
  constructor(private readonly db: Db) {}

  async recordStep<Step extends CaseStep>(submissionId: number, step: Step, details: StepDetails[Step], officer: RecordingOfficer, at: string): Promise<StepRecording> {
    return this.db.transaction(async (client): Promise<StepRecording> => {
      // Another instance may be recording a step on this case at this moment: the notice's row is
      // locked first, so the steps read below are the case as it is, and stay so until commit.
      // (NO KEY UPDATE is the lock the UPDATE below takes anyway: two recordings wait for each
      // other, while inserts that merely reference the row do not.)
      await client.query('SELECT id FROM submissions WHERE id = $1 FOR NO KEY UPDATE', [submissionId])
      // Checked in the write's own transaction: another officer may have moved the case on since the form was read.
      const blocked = stepProblems(step, undefined, await stepsOf(client, submissionId)).find((problem) => problem.path === '(step)')
      if (blocked) return { refused: blocked.message }
      await client.query(
        'INSERT INTO case_steps (submission_id, step, details, recorded_by_id, recorded_by_name, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [submissionId, step, JSON.stringify(details), officer.id, officer.displayName, at],
      )
      const state = caseState(await stepsOf(client, submissionId))
      const closed = state.status !== 'open'
      // A case that stays closed through a correction keeps the moment it closed: retention runs from it.
      await client.query(
        `UPDATE submissions SET case_state = $1, education_arranged = $2,
           closed_at = CASE WHEN $3::boolean THEN COALESCE(closed_at, $4) ELSE NULL END, updated_at = $4
         WHERE id = $5`,
        [state.status, state.done['education-in-place'] ? 1 : 0, closed, at, submissionId],
      )
      return { status: state.status }
    })
  }

  async steps(submissionId: number): Promise<CaseStepRecord[]> {
    return stepsOf(this.db, submissionId)
  }

  /** Every step recorded on the device's notices, by submission id: for the status the device is sent. */
  async stepsOfDevice(deviceId: string): Promise<Map<number, CaseStepRecord[]>> {
    const rows = await this.db.rows(
      `SELECT c.* FROM case_steps c JOIN submissions s ON s.id = c.submission_id
       WHERE s.device_id = $1 AND s.kind = 'permanent-exclusion' ORDER BY c.recorded_at, c.id`,
      [deviceId],
    )
    return groupBySubmission(rows)
  }

  async updates(deviceId: string, noticeKey: string): Promise<CaseUpdate[]> {
    const rows = await this.db.rows(
      `SELECT id, received_at, payload FROM submissions WHERE device_id = $1 AND depends_on = $2 AND kind = 'permanent-exclusion-update' ORDER BY id`,
      [deviceId, noticeKey],
    )
    return rows.map(toCaseUpdate)
  }

  async educationDue(through: string): Promise<CaseListItem[]> {
    const rows = await this.db.rows(`${CASE_COLUMNS} WHERE ${OPEN_CASES} AND s.education_arranged = 0 AND s.education_from <= $1 ORDER BY s.education_from, s.id`, [through])
    return rows.map(toListItem)
  }

  async educationDateUnknown(): Promise<CaseListItem[]> {
    const rows = await this.db.rows(`${CASE_COLUMNS} WHERE ${OPEN_CASES} AND s.education_arranged = 0 AND s.education_from IS NULL ORDER BY s.id`)
    return rows.map(toListItem)
  }

  async awaitingDecision(): Promise<CaseListItem[]> {
    const rows = await this.db.rows(
      `${CASE_COLUMNS} WHERE ${OPEN_CASES}
         AND NOT EXISTS (SELECT 1 FROM case_steps c WHERE c.submission_id = s.id AND c.step = 'school-decision')
       ORDER BY s.id`,
    )
    return rows.map(toListItem)
  }

  async upheldNotNotified(): Promise<UpheldCaseItem[]> {
    const rows = await this.db.rows(
      `${CASE_COLUMNS} WHERE ${OPEN_CASES} AND EXISTS (SELECT 1 FROM case_steps c WHERE c.submission_id = s.id AND c.step = 'outcome') ORDER BY s.id`,
    )
    const steps = await this.stepsOfMany(rows.map((row) => Number(row.id)))
    const items: UpheldCaseItem[] = []
    for (const row of rows) {
      const { done } = caseState(steps.get(Number(row.id)) ?? [])
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
    const rescinded = rescindedBySchool(await this.db.rows(SCHOOL_OUTCOMES))
    const steps = await this.stepsOfMany(rescinded.map(([id]) => id))
    const items: CaseListItem[] = []
    for (const [id, row] of rescinded) {
      if (caseState(steps.get(id) ?? []).done.outcome?.details.outcome === 'rescinded') continue
      items.push(toListItem(row))
    }
    return items
  }

  async receivedSince(since: string): Promise<ReceivedItem[]> {
    const rows = await this.db.rows(
      `SELECT s.id, s.kind, s.received_at, st.name AS setting_name, notice.id AS notice_id
       FROM submissions s JOIN settings st ON st.id = s.setting_id
       LEFT JOIN submissions notice ON s.kind = 'permanent-exclusion-update' AND notice.device_id = s.device_id
         AND notice.idempotency_key = s.depends_on AND notice.kind = 'permanent-exclusion'
       WHERE s.received_at >= $1 ORDER BY s.received_at DESC, s.id DESC`,
      [since],
    )
    return rows.map(toReceivedItem)
  }

  /** The steps of several cases in one round trip (SQLite reads them case by case; here each read crosses the network). */
  private async stepsOfMany(submissionIds: number[]): Promise<Map<number, CaseStepRecord[]>> {
    if (submissionIds.length === 0) return new Map()
    const rows = await this.db.rows(`SELECT * FROM case_steps WHERE submission_id = ANY($1::bigint[]) ORDER BY ${STEP_ORDER}`, [submissionIds])
    return groupBySubmission(rows)
  }
}

async function stepsOf(db: Queryable, submissionId: number): Promise<CaseStepRecord[]> {
  const { rows } = await db.query(`SELECT * FROM case_steps WHERE submission_id = $1 ORDER BY ${STEP_ORDER}`, [submissionId])
  return rows.map(toStepRecord)
}
