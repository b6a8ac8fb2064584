import { formatLongDate } from '../../../src/domain/dates'
import { deviceProgress } from '../../../src/domain/exclusion-case'
import { SUBMISSION_STATUSES, type SubmissionKind, type SubmissionStatus } from '../../../src/domain/submissions'
import type { CaseStepRecord } from '../cases-store'
import {
  submissionReference,
  type Device, type Setting, type SettingPhase, type StoredStatus, type SubmissionDetail, type SubmissionFilter, type SubmissionSummary,
} from '../intake-store'
import type { Row } from './row'

// The core tables' rows as the interface gives them: one reading for both stores.

export function toSetting(row: Row): Setting {
  const setting: Setting = { id: String(row.id), name: String(row.name), urn: String(row.urn), phase: row.phase as SettingPhase, createdAt: String(row.created_at) }
  if (row.seip_area) setting.seipArea = String(row.seip_area)
  return setting
}

export function toDevice(row: Row): Device {
  const device: Device = { id: String(row.id), settingId: String(row.setting_id), enrolledAt: String(row.enrolled_at) }
  if (row.revoked_at) device.revokedAt = String(row.revoked_at)
  return device
}

/** A submission's id and the reference it is known by: how every summary of one starts. */
export function identified(row: Row): { id: number; reference: string } {
  return { id: Number(row.id), reference: submissionReference(Number(row.id)) }
}

/** A stored status, or 'received' for one this version does not know. */
export function knownStatus(status: unknown): SubmissionStatus {
  return SUBMISSION_STATUSES.includes(status as SubmissionStatus) ? (status as SubmissionStatus) : 'received'
}

export function toSummary(row: Row): SubmissionSummary {
  const summary: SubmissionSummary = {
    ...identified(row),
    kind: row.kind as SubmissionKind,
    settingId: String(row.setting_id),
    settingName: String(row.setting_name),
    receivedAt: String(row.received_at),
    status: knownStatus(row.status),
    updatedAt: String(row.updated_at),
  }
  if (row.forum_date) summary.forumDate = String(row.forum_date)
  if (row.outcome) summary.outcome = String(row.outcome)
  return summary
}

/** A search's row: its summary, with the name as sent when the search was by name. */
export function toFoundSummary(row: Row, filter: SubmissionFilter): SubmissionSummary {
  const summary = toSummary(row)
  if (filter.pupilName && typeof row.shown_pupil_name === 'string') summary.pupilName = row.shown_pupil_name
  return summary
}

/** A submission row joined with its setting's name (setting_name). */
export function toDetail(row: Row): SubmissionDetail {
  const detail: SubmissionDetail = {
    ...toSummary(row),
    deviceId: String(row.device_id),
    idempotencyKey: String(row.idempotency_key),
    payload: JSON.parse(String(row.payload)),
  }
  if (row.depends_on) detail.dependsOn = String(row.depends_on)
  if (row.closed_at) detail.closedAt = String(row.closed_at)
  return detail
}

/** A device's submission as its status is sent back, with its case's steps (by submission id) for a notice, and its meeting (meeting_id) and plan's time (plan_recorded_at) for a forum case. */
export function toStatusReport(row: Row, steps: Map<number, CaseStepRecord[]>): StoredStatus {
  const report: StoredStatus = {
    idempotencyKey: String(row.idempotency_key),
    reference: submissionReference(Number(row.id)),
    kind: row.kind as SubmissionKind,
    status: row.status as SubmissionStatus,
    receivedAt: String(row.received_at),
    updatedAt: String(row.updated_at),
  }
  if (row.forum_date) report.forumDate = String(row.forum_date)
  if (row.outcome) report.outcome = String(row.outcome)
  if (row.meeting_id) report.meetingId = String(row.meeting_id)
  if (row.plan_recorded_at) report.planRecordedAt = String(row.plan_recorded_at)
  // Every notice says where its case has got to, even with nothing recorded: an empty list takes back a corrected line.
  if (row.kind === 'permanent-exclusion') report.progress = deviceProgress(steps.get(Number(row.id)) ?? [], formatLongDate)
  return report
}
