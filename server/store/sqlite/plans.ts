import type Database from 'better-sqlite3'
import type { EducationPlanRecord } from '../../../src/domain/submissions'
import type { RecordingOfficer } from '../cases-store'
import type { MonitoredCase, PlanRecording, PlanStore, RecordedPlan } from '../plans-store'
import { monitoredColumns, planForSettingSql, recording, toMonitoredCase, toRecordedPlan } from '../rows/plans'
import type { Row } from '../rows/row'

const PLAN_FOR_SETTING = planForSettingSql(() => '?')
const MONITORED = monitoredColumns((...path) => `json_extract(s.payload, '$.${path.join('.')}')`)

export class SqlitePlans implements PlanStore {
  constructor(private readonly db: Database.Database) {}

  async record(submissionId: number, plan: EducationPlanRecord, officer: RecordingOfficer): Promise<PlanRecording> {
    const at = plan.recordedAt
    return this.db.transaction((): PlanRecording => {
      const submission = this.db.prepare('SELECT kind FROM submissions WHERE id = ?').get(submissionId) as Row | undefined
      const existing = this.db.prepare('SELECT issued_at FROM education_plans WHERE submission_id = ?').get(submissionId) as Row | undefined
      const result = recording(submission, existing)
      if (!('outcome' in result)) return result
      this.db
        .prepare(
          `INSERT INTO education_plans (submission_id, plan, review_date, issued_at, recorded_at, recorded_by_id, recorded_by_name) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (submission_id) DO UPDATE SET plan = excluded.plan, review_date = excluded.review_date, recorded_at = excluded.recorded_at,
             recorded_by_id = excluded.recorded_by_id, recorded_by_name = excluded.recorded_by_name`,
        )
        .run(submissionId, JSON.stringify(plan), plan.reviewDate, at, at, officer.id, officer.displayName)
      this.db.prepare(`UPDATE submissions SET status = 'plan-issued', closed_at = COALESCE(closed_at, ?), updated_at = ? WHERE id = ?`).run(at, at, submissionId)
      return result
    }).immediate()
  }

  async plan(submissionId: number): Promise<RecordedPlan | undefined> {
    const row = this.db.prepare('SELECT * FROM education_plans WHERE submission_id = ?').get(submissionId) as Row | undefined
    return row && toRecordedPlan(row)
  }

  async planForSetting(settingId: string, idempotencyKey: string): Promise<EducationPlanRecord | undefined> {
    const row = this.db.prepare(PLAN_FOR_SETTING).get(settingId, idempotencyKey) as Row | undefined
    return row && (JSON.parse(String(row.plan)) as EducationPlanRecord)
  }

  async monitored(): Promise<MonitoredCase[]> {
    return (this.db.prepare(MONITORED).all() as Row[]).map(toMonitoredCase)
  }
}
