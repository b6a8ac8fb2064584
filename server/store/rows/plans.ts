import type { EducationPlanRecord } from '../../../src/domain/submissions'
import type { MonitoredCase, PlanRecording, RecordedPlan } from '../plans-store'
import type { Row } from './row'

// The plans' rows as the interface gives them, and the decisions both stores make the same way.

export function toRecordedPlan(row: Row): RecordedPlan {
  return {
    submissionId: Number(row.submission_id),
    plan: JSON.parse(String(row.plan)) as EducationPlanRecord,
    issuedAt: String(row.issued_at),
    recordedById: String(row.recorded_by_id),
    recordedByName: String(row.recorded_by_name),
  }
}

/** A plan can be recorded for a forum case, whatever its status: recording again corrects it. */
export function recording(submission: Row | undefined, existing: Row | undefined): PlanRecording {
  if (!submission) return { refused: 'not-found' }
  if (submission.kind !== 'forum-case') return { refused: 'not-a-forum-case' }
  return { outcome: existing ? 'corrected' : 'recorded' }
}

/** The case's plan, for a device of its setting (the oldest case, should two of its devices ever have used one key), with each database's parameters. */
export const planForSettingSql = (parameter: (n: number) => string) => `
  SELECT p.plan FROM education_plans p JOIN submissions s ON s.id = p.submission_id
  WHERE s.setting_id = ${parameter(1)} AND s.idempotency_key = ${parameter(2)} AND s.kind = 'forum-case' ORDER BY s.id LIMIT 1`

/**
 * Forum cases with what monitoring counts them by: the forum, a re-referral and the case it
 * names read out of the payload (at a path of keys) by each database's own JSON function.
 */
export const monitoredColumns = (fromPayload: (...path: string[]) => string) => `
  SELECT s.id, s.setting_id, s.received_at, s.pupil_key, s.forum_date, m.meeting_id, p.issued_at, p.review_date,
    ${fromPayload('forum')} AS forum, ${fromPayload('reReferral')} IS NOT NULL AS re_referral,
    ${fromPayload('reReferral', 'previousReference')} AS previous_reference
  FROM submissions s LEFT JOIN meeting_assignments m ON m.submission_id = s.id LEFT JOIN education_plans p ON p.submission_id = s.id
  WHERE s.kind = 'forum-case' ORDER BY s.id`

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

export function toMonitoredCase(row: Row): MonitoredCase {
  const item: MonitoredCase = { id: Number(row.id), settingId: String(row.setting_id), receivedAt: String(row.received_at), reReferral: Boolean(row.re_referral) }
  const optional = { forum: text(row.forum), previousReference: text(row.previous_reference), pupilKey: text(row.pupil_key), meetingId: text(row.meeting_id), forumDate: text(row.forum_date), planIssuedAt: text(row.issued_at), reviewDate: text(row.review_date) }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) item[key as keyof typeof optional] = value
  return item
}
