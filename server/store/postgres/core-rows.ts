import { SUBMISSION_STATUSES, type SubmissionKind, type SubmissionStatus } from '../../../src/domain/submissions'
import { submissionReference, type Device, type Setting, type SettingPhase, type SubmissionSummary } from '../intake-store'
import type { Row } from './db'

// The core tables' rows as the interface gives them, read the same way as SQLite's (sqlite-store.ts).

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

export function toSummary(row: Row): SubmissionSummary {
  const summary: SubmissionSummary = {
    id: Number(row.id),
    reference: submissionReference(Number(row.id)),
    kind: row.kind as SubmissionKind,
    settingId: String(row.setting_id),
    settingName: String(row.setting_name),
    receivedAt: String(row.received_at),
    status: SUBMISSION_STATUSES.includes(row.status as SubmissionStatus) ? (row.status as SubmissionStatus) : 'received',
    updatedAt: String(row.updated_at),
  }
  if (row.forum_date) summary.forumDate = String(row.forum_date)
  if (row.outcome) summary.outcome = String(row.outcome)
  return summary
}
