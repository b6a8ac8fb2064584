import type { AppDatabase } from '../db/database'
import type { SubmissionStatusReport } from '../domain/submissions'
import type { Connection } from './api-client'

/** Brings each receipt up to date with what the Inclusion Service has done: forum date, plan, outcome. */
export async function refreshStatuses(db: AppDatabase, connection: Connection): Promise<boolean> {
  const enrolment = await db.enrolment.get('device')
  if (!enrolment || enrolment.revokedAt) return false
  let reports: SubmissionStatusReport[]
  try {
    const response = await connection.fetch(`${connection.baseUrl}/api/submissions/status`, {
      headers: { Authorization: `Bearer ${enrolment.token}` },
      cache: 'no-store',
    })
    if (!response.ok) return false
    reports = ((await response.json()) as { submissions: SubmissionStatusReport[] }).submissions
  } catch {
    return false
  }
  await db.transaction('rw', db.receipts, async () => {
    for (const report of reports) {
      const receipt = await db.receipts.get(report.idempotencyKey)
      if (!receipt || receipt.statusUpdatedAt === report.updatedAt) continue
      const changes: Partial<typeof receipt> = { status: report.status, statusUpdatedAt: report.updatedAt }
      if (report.forumDate) changes.forumDate = report.forumDate
      if (report.outcome) changes.outcome = report.outcome
      // A service that says nothing of progress leaves what the device has; a list, even empty, replaces it (a correction can take a line away).
      const progress = progressLines(report.progress)
      if (progress) changes.progress = progress
      await db.receipts.update(receipt.id, changes)
    }
  })
  return true
}

/** Only lines of text are kept: the pages show them as they are. */
function progressLines(progress: unknown): string[] | undefined {
  return Array.isArray(progress) ? progress.filter((line): line is string => typeof line === 'string') : undefined
}

/** Deletes the encrypted payloads of submissions sent longer ago than the retention period; receipts stay. */
export async function purgeSentPayloads(db: AppDatabase, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.receipts, db.secureRecords, async () => {
    const due = await db.receipts.where('purgeAt').belowOrEqual(now).filter((receipt) => !receipt.purged).toArray()
    for (const receipt of due) {
      if (receipt.draftId) await db.secureRecords.delete(receipt.draftId)
      await db.receipts.update(receipt.id, { purged: true })
    }
    return due.length
  })
}
