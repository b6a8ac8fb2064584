import type { EducationPlanRecord } from '../../../src/domain/submissions'
import type { RecordingOfficer } from '../cases-store'
import type { MonitoredCase, PlanRecording, PlanStore, RecordedPlan } from '../plans-store'
import { monitoredColumns, planForSettingSql, recording, toMonitoredCase, toRecordedPlan } from '../rows/plans'
import type { Row } from '../rows/row'
import type { Db } from './db'

const PLAN_FOR_SETTING = planForSettingSql((n) => `$${n}`)
// json, not jsonb: only the key asked for is read out, as the meeting lists do.
const MONITORED = monitoredColumns((...path) => `(s.payload::json #>> '{${path.join(',')}}')`)

export class PostgresPlans implements PlanStore {
  constructor(private readonly db: Db) {}

  async record(submissionId: number, plan: EducationPlanRecord, officer: RecordingOfficer): Promise<PlanRecording> {
    const at = plan.recordedAt
    return this.db.transaction(async (client): Promise<PlanRecording> => {
      // The case's row locked first: of two officers recording at once, the second waits, then corrects the first's.
      const submission = (await client.query<Row>('SELECT kind FROM submissions WHERE id = $1 FOR NO KEY UPDATE', [submissionId])).rows[0]
      const existing = (await client.query<Row>('SELECT issued_at FROM education_plans WHERE submission_id = $1', [submissionId])).rows[0]
      const result = recording(submission, existing)
      if (!('outcome' in result)) return result
      await client.query(
        `INSERT INTO education_plans (submission_id, plan, review_date, issued_at, recorded_at, recorded_by_id, recorded_by_name) VALUES ($1, $2, $3, $4, $4, $5, $6)
         ON CONFLICT (submission_id) DO UPDATE SET plan = excluded.plan, review_date = excluded.review_date, recorded_at = excluded.recorded_at,
           recorded_by_id = excluded.recorded_by_id, recorded_by_name = excluded.recorded_by_name`,
        [submissionId, JSON.stringify(plan), plan.reviewDate, at, officer.id, officer.displayName],
      )
      await client.query(`UPDATE submissions SET status = 'plan-issued', closed_at = COALESCE(closed_at, $1), updated_at = $1 WHERE id = $2`, [at, submissionId])
      return result
    })
  }

  async plan(submissionId: number): Promise<RecordedPlan | undefined> {
    const row = await this.db.row('SELECT * FROM education_plans WHERE submission_id = $1', [submissionId])
    return row && toRecordedPlan(row)
  }

  async planForSetting(settingId: string, idempotencyKey: string): Promise<EducationPlanRecord | undefined> {
    const row = await this.db.row(PLAN_FOR_SETTING, [settingId, idempotencyKey])
    return row && (JSON.parse(String(row.plan)) as EducationPlanRecord)
  }

  async monitored(): Promise<MonitoredCase[]> {
    return (await this.db.rows(MONITORED)).map(toMonitoredCase)
  }
}
