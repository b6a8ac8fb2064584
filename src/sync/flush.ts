import type { AppDatabase, OutboxRow, Receipt } from '../db/database'
import { classifyAnswer, retryAfterMs, retryDelayMs } from '../domain/retry'
import { postSubmission, type Answer, type Connection } from './api-client'
import { purgeTimeFor } from './retention'

/** How long a flusher holds a row it is sending; a flusher that died lets go when it runs out. */
export const CLAIM_LEASE_MS = 60_000
/** The problem status recorded when no answer came at all. */
const NO_CONNECTION = 0

export interface FlushOptions {
  db: AppDatabase
  connection: Connection
  /** Who is flushing (the page or the worker, with a random suffix): claims are per owner. */
  owner: string
  now?: () => number
  random?: () => number
  /** Web Locks where the browser has them: only one flusher per origin at a time. */
  locks?: LockManager
  /**
   * The connection has just come back (or the user asked): what failed only for want of a
   * connection is due now. Backoff after a 429 or 5xx still holds: that protects the service.
   */
  reconnected?: boolean
}

export interface FlushReport {
  sent: number
  retrying: number
  needAttention: number
  /**
   * When the earliest submission still queued may next be tried (its backoff, the service's
   * Retry-After, or another flusher's claim running out); absent when nothing is queued.
   */
  nextAttemptAt?: number
  /** Why the flush stopped early, when it did. */
  stopped?: 'not-enrolled' | 'revoked' | 'locked-elsewhere'
}

/**
 * Sends every due submission, in order, exactly once: the one flush routine, used by the
 * page (on start, online, visible, a timer) and by the service worker (the sync event).
 * An outbox row is deleted only in the same transaction that writes its receipt, after the
 * service has acknowledged it.
 */
export async function flushOutbox(options: FlushOptions): Promise<FlushReport> {
  if (!options.locks) return flushClaimed(options, false)
  // Holding the lock, no other flusher of this origin is running: a claim found now was left
  // by one that died (a page reloaded mid-send) and is taken over at once.
  const report = await options.locks.request('outbox', { ifAvailable: true }, async (lock) => (lock ? flushClaimed(options, true) : undefined))
  return report ?? { sent: 0, retrying: 0, needAttention: 0, stopped: 'locked-elsewhere' }
}

async function flushClaimed(options: FlushOptions, exclusive: boolean): Promise<FlushReport> {
  const { db, connection, owner } = options
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const report: FlushReport = { sent: 0, retrying: 0, needAttention: 0 }

  const enrolment = await db.enrolment.get('device')
  if (!enrolment) return { ...report, stopped: 'not-enrolled' }
  if (enrolment.revokedAt) return { ...report, stopped: 'revoked' }

  const tried = new Set<string>()
  for (;;) {
    const row = await claimNextDue(db, owner, now(), tried, options.reconnected ?? false, exclusive)
    if (!row) return withNextAttempt(report, await nextAttemptAt(db, owner))
    tried.add(row.id)
    const answer = await postSubmission(connection, enrolment, row)
    const outcome = classifyAnswer(answer.status, answer.problemType)
    if (outcome === 'sent') {
      await recordSent(db, row, answer, now())
      report.sent++
    } else if (outcome === 'retry') {
      await scheduleRetry(db, row, answer, now(), random())
      report.retrying++
    } else if (outcome === 'attention') {
      await needsAttention(db, row, answer, now())
      report.needAttention++
    } else {
      await release(db, row, now())
      if (outcome === 'revoked') await db.enrolment.update('device', { revokedAt: now() })
      else await db.enrolment.delete('device')
      return { ...report, stopped: outcome }
    }
  }
}

/**
 * A row that is sealed and waiting its turn (or being sent), and not held back by a row it
 * must follow: what a flush may send, now or once its time comes.
 */
function queued(row: OutboxRow, pending: Set<string>): boolean {
  return row.body !== undefined && (row.state === 'waiting' || row.state === 'sending') && !(row.dependsOn && pending.has(row.dependsOn))
}

async function nextAttemptAt(db: AppDatabase, owner: string): Promise<number | undefined> {
  const rows = await db.outbox.toArray()
  const pending = new Set(rows.map((row) => row.id))
  const times = rows
    .filter((row) => queued(row, pending))
    .map((row) => Math.max(row.nextAttemptAt, row.claimedBy !== owner ? (row.claimUntil ?? 0) : 0))
  return times.length > 0 ? Math.min(...times) : undefined
}

function withNextAttempt(report: FlushReport, next: number | undefined): FlushReport {
  return next === undefined ? report : { ...report, nextAttemptAt: next }
}

/**
 * In one transaction: the oldest row that is due, not claimed by another flusher, and not
 * waiting for a row it must follow; claimed for this owner.
 */
async function claimNextDue(
  db: AppDatabase,
  owner: string,
  now: number,
  tried: Set<string>,
  reconnected: boolean,
  exclusive: boolean,
): Promise<OutboxRow | undefined> {
  return db.transaction('rw', db.outbox, async () => {
    const rows = await db.outbox.orderBy('createdAt').toArray()
    const pending = new Set(rows.map((row) => row.id))
    const due = rows.find(
      (row) =>
        !tried.has(row.id) &&
        queued(row, pending) &&
        (row.nextAttemptAt <= now || (reconnected && row.problem?.status === NO_CONNECTION)) &&
        (exclusive || !row.claimUntil || row.claimUntil <= now || row.claimedBy === owner),
    )
    if (!due) return undefined
    const claimed: OutboxRow = { ...due, state: 'sending', claimedBy: owner, claimUntil: now + CLAIM_LEASE_MS, updatedAt: now }
    await db.outbox.put(claimed)
    return claimed
  })
}

async function recordSent(db: AppDatabase, row: OutboxRow, answer: Answer, now: number): Promise<void> {
  const { reference, status } = answer.body as { reference: string; status?: string }
  const receipt: Receipt = {
    id: row.id,
    kind: row.kind,
    label: row.label,
    reference,
    sentAt: now,
    status: status ?? 'received',
    purgeAt: await purgeTimeFor(db, now),
    purged: false,
  }
  if (row.draftId) receipt.draftId = row.draftId
  await db.transaction('rw', db.outbox, db.receipts, db.secureRecords, async () => {
    await db.receipts.put(receipt)
    await db.outbox.delete(row.id)
    if (row.draftId) await db.secureRecords.where('id').equals(row.draftId).modify({ status: 'sent' })
  })
}

async function scheduleRetry(db: AppDatabase, row: OutboxRow, answer: Answer, now: number, random: number): Promise<void> {
  const attempts = row.attempts + 1
  const wait = retryAfterMs(answer.retryAfter, now) ?? retryDelayMs(attempts, random)
  await db.outbox.put({
    ...withoutClaim(row),
    state: 'waiting',
    attempts,
    nextAttemptAt: now + wait,
    problem: answer.status === 'network-error' ? { status: NO_CONNECTION, title: 'No connection to the Inclusion Service' } : problemOf(answer),
    updatedAt: now,
  })
}

async function needsAttention(db: AppDatabase, row: OutboxRow, answer: Answer, now: number): Promise<void> {
  await db.outbox.put({ ...withoutClaim(row), state: 'attention', attempts: row.attempts + 1, problem: problemOf(answer), updatedAt: now })
}

async function release(db: AppDatabase, row: OutboxRow, now: number): Promise<void> {
  await db.outbox.put({ ...withoutClaim(row), state: 'waiting', updatedAt: now })
}

function withoutClaim(row: OutboxRow): OutboxRow {
  const { claimedBy: _owner, claimUntil: _until, ...rest } = row
  return rest
}

function problemOf(answer: Answer): NonNullable<OutboxRow['problem']> {
  const body = (answer.body ?? {}) as { title?: unknown; detail?: unknown; errors?: { path: string; message: string }[] }
  const problem: NonNullable<OutboxRow['problem']> = {
    status: typeof answer.status === 'number' ? answer.status : 0,
    title: typeof body.title === 'string' ? body.title : `The Inclusion Service answered ${String(answer.status)}`,
  }
  const details = [typeof body.detail === 'string' ? body.detail : '', ...(body.errors ?? []).map((error) => `${error.path}: ${error.message}`)].filter(Boolean)
  if (details.length > 0) problem.detail = details.join('; ')
  return problem
}
