import type { AppDatabase, OutboxRow } from '../db/database'
import { sealingAdditionalData, sealJson } from '../domain/seal'
import type { SubmissionKind } from '../domain/submissions'

export interface SubmissionRequest {
  kind: SubmissionKind
  payload: unknown
  /** What the outbox and the receipt show: what kind of thing it is, never who it is about. */
  label: string
  /** The profile sending it: the draft is its record, and the receipt will be its. */
  profileId: string
  /** The encrypted draft it comes from: its status becomes "submitted" in the same transaction. */
  draftId?: string
  /** The outbox id of the submission this one must follow. */
  dependsOn?: string
}

async function sealedBody(db: AppDatabase, id: string, request: Pick<SubmissionRequest, 'kind' | 'payload' | 'dependsOn'>): Promise<string | undefined> {
  const enrolment = await db.enrolment.get('device')
  if (!enrolment) return undefined
  const sealed = await sealJson(enrolment.sealingKey, request.payload, sealingAdditionalData(request.kind, id))
  return JSON.stringify({ kind: request.kind, ...(request.dependsOn ? { dependsOn: request.dependsOn } : {}), sealed })
}

/**
 * Queues a submission. It is sealed to the service's key first (WebCrypto cannot run inside
 * an IndexedDB transaction), then the outbox row and the draft's new status are written in
 * one transaction. On a device not yet enrolled there is no key to seal to: the row waits
 * without a body, and `keepUntilEnrolled` keeps the checked payload (encrypted, through the
 * vault) under the row's id until enrolment.
 */
export async function enqueueSubmission(
  db: AppDatabase,
  request: SubmissionRequest,
  now = Date.now(),
  keepUntilEnrolled?: (id: string, payload: unknown) => Promise<void>,
): Promise<OutboxRow> {
  const id = crypto.randomUUID()
  const body = await sealedBody(db, id, request)
  if (body === undefined) {
    if (!keepUntilEnrolled) throw new Error('Enrol this device to send')
    await keepUntilEnrolled(id, request.payload)
  }
  const row: OutboxRow = {
    id,
    kind: request.kind,
    label: request.label,
    profileId: request.profileId,
    state: body === undefined ? 'needs-enrolment' : 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  }
  if (body !== undefined) row.body = body
  if (request.dependsOn) row.dependsOn = request.dependsOn
  if (request.draftId) row.draftId = request.draftId
  await db.transaction('rw', db.outbox, db.records, async () => {
    await db.outbox.add(row)
    if (request.draftId) await db.records.update([request.profileId, request.draftId], { status: 'submitted' })
  })
  return row
}

/**
 * After enrolment: seals what was queued before it, reading each checked payload kept under
 * its row's id (which needs the app unlocked). Returns how many are now ready to send.
 */
export async function sealWaitingForEnrolment(db: AppDatabase, payloadOf: (rowId: string) => Promise<unknown>, now = Date.now()): Promise<number> {
  const waiting = await db.outbox.where('state').equals('needs-enrolment').sortBy('createdAt')
  let sealed = 0
  for (const row of waiting) {
    const payload = await payloadOf(row.id)
    if (payload === undefined) continue
    const body = await sealedBody(db, row.id, { kind: row.kind as SubmissionKind, payload, dependsOn: row.dependsOn })
    if (body === undefined) break
    await db.outbox.update(row.id, { body, state: 'waiting', nextAttemptAt: now, updatedAt: now })
    sealed++
  }
  return sealed
}

/** A submission that needed attention, queued again at the user's word: due at once. */
export async function requeue(db: AppDatabase, id: string, now = Date.now()): Promise<void> {
  await db.outbox.update(id, { state: 'waiting', nextAttemptAt: now, updatedAt: now })
}
