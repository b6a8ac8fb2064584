import type { CaseStep } from '../../../src/domain/exclusion-case'
import type { SubmissionKind } from '../../../src/domain/submissions'
import type { CaseListItem, CaseStepRecord, CaseUpdate, ReceivedItem } from '../cases-store'
import { identified } from './core'
import type { Row } from './row'

export function toStepRecord(row: Row): CaseStepRecord {
  return {
    step: row.step as CaseStep,
    details: JSON.parse(String(row.details)),
    recordedBy: String(row.recorded_by_name),
    recordedById: String(row.recorded_by_id),
    recordedAt: String(row.recorded_at),
  } as CaseStepRecord
}

/** Step rows in step order, grouped by case: each case's records keep that order. */
export function groupBySubmission(rows: Row[]): Map<number, CaseStepRecord[]> {
  const bySubmission = new Map<number, CaseStepRecord[]>()
  for (const row of rows) {
    const id = Number(row.submission_id)
    const records = bySubmission.get(id)
    if (records) records.push(toStepRecord(row))
    else bySubmission.set(id, [toStepRecord(row)])
  }
  return bySubmission
}

/**
 * Each notice with an outcome the school has sent, once for each such update, in the order sent:
 * the rows rescindedBySchool reads. No parameters: the same statement on either database.
 */
export const SCHOOL_OUTCOMES = `SELECT n.id, n.received_at, n.education_from, st.name AS setting_name, u.payload AS update_payload
  FROM submissions u
  JOIN submissions n ON n.device_id = u.device_id AND n.idempotency_key = u.depends_on AND n.kind = 'permanent-exclusion'
  JOIN settings st ON st.id = n.setting_id
  WHERE u.kind = 'permanent-exclusion-update' AND n.case_state IN ('open', 'complete')
  ORDER BY n.id, u.id`

/** Of SCHOOL_OUTCOMES' rows, the notices whose latest outcome from the school is rescinded, by id in id order. */
export function rescindedBySchool(rows: Row[]): [number, Row][] {
  const latest = new Map<number, Row>()
  for (const row of rows) latest.set(Number(row.id), row)
  return [...latest].filter(([, row]) => (JSON.parse(String(row.update_payload)) as { outcome?: unknown }).outcome === 'rescinded')
}

export function toListItem(row: Row): CaseListItem {
  const item: CaseListItem = { ...identified(row), settingName: String(row.setting_name), receivedAt: String(row.received_at) }
  if (row.education_from) item.educationFrom = String(row.education_from)
  return item
}

export function toCaseUpdate(row: Row): CaseUpdate {
  return { ...identified(row), receivedAt: String(row.received_at), payload: JSON.parse(String(row.payload)) }
}

/** A submission received, with the case it belongs to: its own id for a notice, the notice's (notice_id) for an update. */
export function toReceivedItem(row: Row): ReceivedItem {
  const item: ReceivedItem = { ...identified(row), kind: row.kind as SubmissionKind, settingName: String(row.setting_name), receivedAt: String(row.received_at) }
  if (row.kind === 'permanent-exclusion') item.caseId = Number(row.id)
  if (row.notice_id !== null && row.notice_id !== undefined) item.caseId = Number(row.notice_id)
  return item
}
