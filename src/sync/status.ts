import type { AppDatabase } from '../db/database'
import { parseIsoDate } from '../domain/dates'
import { FORUM_IDS, type ForumId } from '../domain/forums'
import type { AssignedMeeting, SubmissionStatusReport } from '../domain/submissions'
import type { Connection } from './api-client'

/** Brings each receipt up to date with what the Inclusion Service has done: forum date and meeting, plan, outcome. */
export async function refreshStatuses(db: AppDatabase, connection: Connection): Promise<boolean> {
  const enrolment = await db.enrolment.get('device')
  if (!enrolment || enrolment.revokedAt) return false
  // Only what changed since the last answer: the service's cursor, kept for this enrolment.
  const kept = (await db.settings.get(STATUS_CURSOR))?.value as { deviceId: string; cursor: string } | undefined
  const since = kept?.deviceId === enrolment.deviceId ? `?since=${encodeURIComponent(kept.cursor)}` : ''
  let reports: SubmissionStatusReport[]
  let cursor: unknown
  try {
    const response = await connection.fetch(`${connection.baseUrl}/api/submissions/status${since}`, {
      headers: { Authorization: `Bearer ${enrolment.token}` },
      cache: 'no-store',
    })
    if (!response.ok) return false
    ;({ submissions: reports, cursor } = (await response.json()) as { submissions: SubmissionStatusReport[]; cursor?: unknown })
  } catch {
    return false
  }
  // The cursor moves on in the transaction that applies the answer: a device closed half way asks again from the last one.
  await db.transaction('rw', db.receipts, db.settings, db.outbox, async () => {
    let waiting = false
    for (const report of reports) {
      const receipt = await db.receipts.get(report.idempotencyKey)
      if (!receipt) {
        // Stored by the service, its answer not yet written here (still in the outbox): this
        // report must come again once the receipt is, so the cursor stays where it was.
        if ((await db.outbox.where('id').equals(report.idempotencyKey).primaryKeys()).length > 0) waiting = true
        continue
      }
      // Each report gives the case's meeting as it stands: none is a case taken off its meeting,
      // or a meeting no longer published (undefined deletes the field). The service reads the
      // meeting from its content, so a meeting moved to another time or place changes it with
      // the status itself unchanged.
      const meeting = assignedMeeting(report.meeting)
      // Likewise the plan's time: a plan corrected after it was issued changes it with the status
      // unchanged, and none is a plan taken back. The page fetches the plan itself (plans.ts).
      const planRecordedAt = isMoment(report.planRecordedAt) ? report.planRecordedAt : undefined
      if (receipt.statusUpdatedAt === report.updatedAt) {
        if (!sameMeeting(receipt.meeting, meeting) || receipt.planRecordedAt !== planRecordedAt) await db.receipts.update(receipt.id, { meeting, planRecordedAt })
        continue
      }
      const changes: Partial<typeof receipt> = { status: report.status, statusUpdatedAt: report.updatedAt, meeting, planRecordedAt }
      // No forum date is a case taken off its meeting (undefined deletes the field).
      changes.forumDate = report.forumDate
      if (report.outcome) changes.outcome = report.outcome
      // A service that says nothing of progress leaves what the device has; a list, even empty, replaces it (a correction can take a line away).
      const progress = progressLines(report.progress)
      if (progress) changes.progress = progress
      await db.receipts.update(receipt.id, changes)
    }
    if (typeof cursor === 'string' && !waiting) await db.settings.put({ key: STATUS_CURSOR, value: { deviceId: enrolment.deviceId, cursor } })
  })
  return true
}

/** Where the service's status cursor is kept (settings hold nothing personal). */
const STATUS_CURSOR = 'statusCursor'

/** Only lines of text are kept: the pages show them as they are. */
function progressLines(progress: unknown): string[] | undefined {
  return Array.isArray(progress) ? progress.filter((line): line is string => typeof line === 'string') : undefined
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''
const isTime = (value: unknown): value is string => typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
/** A time as the service stamps it (ISO 8601), and nothing longer: the receipt is not encrypted. */
const isMoment = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
const isForum = (value: unknown): value is ForumId => FORUM_IDS.includes(value as ForumId)

/**
 * The meeting as the receipt keeps it: when and where, field by field, so nothing else the
 * answer might carry is stored unencrypted. One the pages could not show (or put in a
 * calendar) is not kept.
 */
function assignedMeeting(value: unknown): AssignedMeeting | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { id, forum, area, date, start, end, place, online } = value as Record<string, unknown>
  if (!isText(id) || !isForum(forum) || typeof date !== 'string' || !parseIsoDate(date) || !isTime(start) || typeof online !== 'boolean') return undefined
  if ((area !== undefined && !isText(area)) || (end !== undefined && !isTime(end)) || (place !== undefined && !isText(place)) || (!place && !online)) return undefined
  return { id, forum, date, start, online, ...(isText(area) ? { area } : {}), ...(isTime(end) ? { end } : {}), ...(isText(place) ? { place } : {}) }
}

const MEETING_FIELDS = ['id', 'forum', 'area', 'date', 'start', 'end', 'place', 'online'] as const
const sameMeeting = (a: AssignedMeeting | undefined, b: AssignedMeeting | undefined) => MEETING_FIELDS.every((field) => a?.[field] === b?.[field])

/** Deletes the encrypted payloads of submissions sent longer ago than the retention period; receipts stay. */
export async function purgeSentPayloads(db: AppDatabase, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.receipts, db.records, async () => {
    const due = await db.receipts.where('purgeAt').belowOrEqual(now).filter((receipt) => !receipt.purged).toArray()
    for (const receipt of due) {
      if (receipt.draftId) await db.records.delete([receipt.profileId, receipt.draftId])
      await db.receipts.update(receipt.id, { purged: true })
    }
    return due.length
  })
}
