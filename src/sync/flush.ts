import type { AppDatabase, Enrolment, OutboxRow, Receipt } from '../db/database'
import { erasureWaiting, OUTBOX_LOCK, watchOutboxErasure } from '../db/outbox-erasure'
import { classifyAnswer, retryAfterMs, retryDelayMs } from '../domain/retry'
import { postSubmission, REQUEST_TIMEOUT_MS, type Answer, type Connection } from './api-client'
import { purgeTimeAfter, readRetentionDays } from './retention'

/** How long a flusher holds a row it is sending; a flusher that died lets go when it runs out. */
export const CLAIM_LEASE_MS = 60_000
/**
 * A pass renews its claims on what it has still to send once less than this is left of the
 * lease: as long as a request may take (its timeout), and time to write its outcome after it,
 * so a live flusher’s claims never run out under it, however long its queue.
 */
const RENEW_WHEN_LEFT_MS = REQUEST_TIMEOUT_MS + 10_000
/**
 * How many of the rows still to send a renewal extends: the next few, not the whole rest of a
 * long queue, so that renewing costs the same whatever waits behind. A row further on whose
 * lease ran out is renewed when its turn comes, if it is still this flusher's.
 */
const RENEW_AHEAD = 50
/** How many answered submissions are written in one transaction, at most GROUP_WAIT_MS after the first answer. */
const GROUP_SIZE = 16
const GROUP_WAIT_MS = 100
/**
 * How many answered submissions may wait for their outcomes to be written while the next is
 * sent: a few groups, for when the disk is slower than the network.
 */
const MAX_UNWRITTEN = 4 * GROUP_SIZE
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
  /** Why the flush stopped early, when it did; `erasing`: a profile's submissions are being erased. */
  stopped?: 'not-enrolled' | 'revoked' | 'locked-elsewhere' | 'erasing'
}

/**
 * Sends every due submission, in order, exactly once: the one flush routine, used by the
 * page (on start, online, visible, a timer) and by the service worker (the sync event).
 * An outbox row is deleted only in the same transaction that writes its receipt, after the
 * service has acknowledged it.
 *
 * It works in passes, so its cost grows with the queue, not with its square: each pass reads
 * the outbox once and claims every row then due in one transaction, sends them in order, and
 * writes their outcomes while the next one is on the wire. A pass that sent anything is
 * followed by another, for what fell due or was added meanwhile; the pass that finds nothing
 * to claim ends the flush, and its read says when to try next.
 */
export async function flushOutbox(options: FlushOptions): Promise<FlushReport> {
  const erasure = watchOutboxErasure()
  try {
    if (!options.locks) return await flushClaimed(options, erasure.signal, false)
    // Holding the lock, no other flusher of this origin is running: a claim found now was left
    // by one that died (a page reloaded mid-send) and is taken over at once.
    const report = await options.locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => (lock ? flushClaimed(options, erasure.signal, true) : undefined))
    return report ?? { sent: 0, retrying: 0, needAttention: 0, stopped: 'locked-elsewhere' }
  } finally {
    erasure.close()
  }
}

interface Pass {
  /** The rows claimed, in the order they are sent. */
  rows: OutboxRow[]
  claimUntil: number
  retentionDays: number
}

/** `erasing` is aborted when a profile's submissions are about to be erased (db/outbox-erasure.ts). */
async function flushClaimed(options: FlushOptions, erasing: AbortSignal, exclusive: boolean): Promise<FlushReport> {
  const { db, owner } = options
  const now = options.now ?? Date.now
  const report: FlushReport = { sent: 0, retrying: 0, needAttention: 0 }

  const enrolment = await db.enrolment.get('device')
  if (!enrolment) return { ...report, stopped: 'not-enrolled' }
  if (enrolment.revokedAt) return { ...report, stopped: 'revoked' }

  // Sent (or answered) in this flush: not tried again before the next one.
  const tried = new Set<string>()
  for (;;) {
    if (erasing.aborted || (await erasureWaiting(options.locks))) return { ...report, stopped: 'erasing' }
    const claim = await claimDue(db, owner, now(), tried, options.reconnected ?? false, exclusive)
    if ('nextAttemptAt' in claim) return claim.nextAttemptAt === undefined ? report : { ...report, nextAttemptAt: claim.nextAttemptAt }
    const stopped = await sendPass(options, enrolment, claim, erasing, tried, report)
    if (stopped) {
      if (stopped === 'revoked') await db.enrolment.update('device', { revokedAt: now() })
      else await db.enrolment.delete('device')
      return { ...report, stopped }
    }
  }
}

/**
 * A row that is sendable and not held back by a row it must follow: what a flush may send,
 * now or once its time comes.
 */
function queued(row: OutboxRow, pending: Set<string>): boolean {
  return sendable(row) && !(row.dependsOn && pending.has(row.dependsOn))
}

/** Sealed, and waiting its turn (or being sent). */
function sendable(row: OutboxRow): boolean {
  return row.body !== undefined && (row.state === 'waiting' || row.state === 'sending')
}

/**
 * In one transaction, reading the outbox once: every row that is due, not claimed by another
 * live flusher, and not waiting for a row it must follow (unless that row is claimed before it
 * in this same pass, to be sent first), claimed for this owner, oldest first; with the
 * retention that their receipts will carry. When nothing is, when the earliest queued row may
 * next be tried.
 */
async function claimDue(
  db: AppDatabase,
  owner: string,
  now: number,
  tried: Set<string>,
  reconnected: boolean,
  exclusive: boolean,
): Promise<Pass | { nextAttemptAt: number | undefined }> {
  return db.transaction('rw', db.outbox, db.settings, async () => {
    const rows = await db.outbox.orderBy('createdAt').toArray()
    const pending = new Set(rows.map((row) => row.id))
    const claimUntil = now + CLAIM_LEASE_MS
    const claimed: OutboxRow[] = []
    const claimedIds = new Set<string>()
    // While an older submission waits for the connection to come back, newer ones wait
    // behind it: when it is back they go in the order they were made, none before it.
    const blocker = rows.findIndex((row) => !reconnected && sendable(row) && row.nextAttemptAt > now && row.problem?.status === NO_CONNECTION)
    const open = blocker < 0 ? rows : rows.slice(0, blocker + 1)
    for (const row of open) {
      const due =
        !tried.has(row.id) &&
        sendable(row) &&
        !(row.dependsOn && pending.has(row.dependsOn) && !claimedIds.has(row.dependsOn)) &&
        (row.nextAttemptAt <= now || (reconnected && row.problem?.status === NO_CONNECTION)) &&
        (exclusive || !row.claimUntil || row.claimUntil <= now || row.claimedBy === owner)
      if (!due) continue
      claimed.push({ ...row, state: 'sending', claimedBy: owner, claimUntil, updatedAt: now })
      claimedIds.add(row.id)
    }
    if (claimed.length === 0) return { nextAttemptAt: nextAttemptAt(open, pending, owner) }
    await db.outbox.bulkPut(claimed)
    return { rows: claimed, claimUntil, retentionDays: await readRetentionDays(db) }
  })
}

function nextAttemptAt(rows: OutboxRow[], pending: Set<string>, owner: string): number | undefined {
  const times = rows
    .filter((row) => queued(row, pending))
    .map((row) => Math.max(row.nextAttemptAt, row.claimedBy !== owner ? (row.claimUntil ?? 0) : 0))
  return times.length > 0 ? Math.min(...times) : undefined
}

/**
 * Sends a pass's rows in order. A row that follows one not acknowledged in this pass is not
 * sent; nor is anything once an erasure is announced, or a row turns out to have gone from the
 * outbox or out of this flusher's hands. What was claimed and not sent is given back.
 */
async function sendPass(
  options: FlushOptions,
  enrolment: Enrolment,
  pass: Pass,
  erasing: AbortSignal,
  tried: Set<string>,
  report: FlushReport,
): Promise<'revoked' | 'not-enrolled' | undefined> {
  const { db, connection, owner } = options
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const outcomes = new OutcomeWriter(db, now)
  const inPass = new Set(pass.rows.map((row) => row.id))
  const acknowledged = new Set<string>()
  // Rows before `renewedTo` hold the lease `claimUntil`; the rest, the pass's first one.
  let claimUntil = pass.claimUntil
  let renewedTo = pass.rows.length
  let stopped: 'revoked' | 'not-enrolled' | undefined
  try {
    for (const [index, row] of pass.rows.entries()) {
      await outcomes.keepUp(MAX_UNWRITTEN)
      // An erasure announced: the next pass's check reports it.
      if (erasing.aborted || outcomes.disturbed) break
      if (row.dependsOn && inPass.has(row.dependsOn) && !acknowledged.has(row.dependsOn)) continue
      if (index >= renewedTo || claimUntil - now() < RENEW_WHEN_LEFT_MS) {
        claimUntil = now() + CLAIM_LEASE_MS
        renewedTo = index + RENEW_AHEAD
        if (!(await renewClaims(db, owner, pass.rows.slice(index, renewedTo), claimUntil))) break
      }
      const answer = await postSubmission(connection, enrolment, row, erasing)
      // Abandoned for an erasure: whether it arrived is not known; it is given back, and tried
      // again if the erasure was another profile's.
      if (erasing.aborted) break
      const outcome = answeredWithoutReceipt(answer) ? 'retry' : classifyAnswer(answer.status, answer.problemType)
      if (outcome === 'revoked' || outcome === 'not-enrolled') {
        stopped = outcome
        break
      }
      tried.add(row.id)
      if (outcome === 'sent') {
        acknowledged.add(row.id)
        outcomes.add({ row, receipt: receiptFor(row, answer, now(), pass.retentionDays) })
        report.sent++
      } else if (outcome === 'retry') {
        outcomes.add({ row, update: retried(row, answer, now(), random()) })
        report.retrying++
      } else {
        outcomes.add({ row, update: { ...withoutClaim(row), state: 'attention', attempts: row.attempts + 1, problem: problemOf(answer), updatedAt: now() } })
        report.needAttention++
      }
    }
  } finally {
    try {
      await outcomes.drain()
    } finally {
      await release(db, owner, pass.rows.filter((row) => !outcomes.handedOver.has(row.id)), now())
    }
  }
  return stopped
}

interface Outcome {
  row: OutboxRow
  /** Acknowledged: this receipt replaces the row. */
  receipt?: Receipt
  /** Otherwise: the row as it waits now. */
  update?: OutboxRow
}

/**
 * Writes outcomes while the next submissions are on the wire, several to a transaction: each
 * commit costs the device about as much CPU as a request, so one per row made the outbox a
 * third slower than bare requests. A group is written once GROUP_SIZE outcomes wait, or
 * GROUP_WAIT_MS after the first of them, so a receipt is never long behind its answer. What a
 * group leaves unwritten when the app closes is sent again, and the service's idempotency
 * answers it as before. Each row's receipt and its deletion stay in one transaction, and a
 * transaction never waits for an answer. A row gone from the outbox is neither brought back
 * nor given a receipt, and the pass stops.
 */
class OutcomeWriter {
  /** Rows whose outcome was handed over: not given back at the end of the pass. */
  readonly handedOver = new Set<string>()
  disturbed = false
  private waiting: Outcome[] = []
  /** When the first of those waiting was answered, on the flusher's clock. */
  private waitingSince = 0
  /** Handed over and not yet committed. */
  private unsettled = 0
  /** The group being written; when it settles, the next is written or timed. */
  private group: Promise<void> | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  /** The pass has ended: what waits is written at once. */
  private draining = false
  private failure: unknown

  constructor(
    private readonly db: AppDatabase,
    private readonly now: () => number,
  ) {}

  add(outcome: Outcome): void {
    this.handedOver.add(outcome.row.id)
    if (this.waiting.length === 0) this.waitingSince = this.now()
    this.waiting.push(outcome)
    this.unsettled++
    this.writeWhenDue()
  }

  /** Waits until at most `limit` outcomes are unwritten: sending runs only so far ahead of writing. */
  async keepUp(limit: number): Promise<void> {
    while (this.unsettled > limit && this.group) await this.group
    if (this.failure !== undefined) throw this.failure
  }

  async drain(): Promise<void> {
    this.draining = true
    this.writeWhenDue()
    await this.keepUp(0)
  }

  private writeWhenDue(): void {
    if (this.group || this.waiting.length === 0 || this.failure !== undefined) return
    if (this.draining || this.waiting.length >= GROUP_SIZE || this.now() - this.waitingSince >= GROUP_WAIT_MS) this.writeNext()
    else this.timer ??= setTimeout(() => this.writeNext(), GROUP_WAIT_MS - (this.now() - this.waitingSince))
  }

  private writeNext(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const outcomes = this.waiting.splice(0)
    this.group = writeOutcomes(this.db, outcomes).then(
      (complete) => {
        this.unsettled -= outcomes.length
        if (!complete) this.disturbed = true
        this.group = undefined
        this.writeWhenDue()
      },
      (error: unknown) => {
        this.failure = error
        this.group = undefined
      },
    )
  }
}

/** One transaction for a group of outcomes; false when a row was no longer in the outbox. */
async function writeOutcomes(db: AppDatabase, outcomes: Outcome[]): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.receipts, db.records, async () => {
    // Keys only, from the primary index: whether each row is still there, without reading it again.
    const present = new Set(await db.outbox.where('id').anyOf(outcomes.map(({ row }) => row.id)).primaryKeys())
    const kept = outcomes.filter(({ row }) => present.has(row.id))
    const receipts = kept.flatMap(({ receipt }) => (receipt ? [receipt] : []))
    const drafts = kept.flatMap(({ receipt, row }) => (receipt && row.draftId ? [[row.profileId, row.draftId]] : []))
    await db.receipts.bulkPut(receipts)
    await db.outbox.bulkDelete(receipts.map((receipt) => receipt.id))
    await db.outbox.bulkPut(kept.flatMap(({ update }) => (update ? [update] : [])))
    if (drafts.length > 0) await db.records.where(':id').anyOf(drafts).modify({ status: 'sent' })
    return kept.length === outcomes.length
  })
}

/** Extends the lease on rows still to send; false if any is no longer this owner's. */
async function renewClaims(db: AppDatabase, owner: string, rows: OutboxRow[], claimUntil: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const current = await db.outbox.bulkGet(rows.map((row) => row.id))
    if (current.some((row) => row?.claimedBy !== owner)) return false
    await db.outbox.bulkPut(current.map((row) => ({ ...row!, claimUntil })))
    return true
  })
}

/** Gives back, in one transaction, the claims of a pass's rows it did not send. */
async function release(db: AppDatabase, owner: string, rows: OutboxRow[], now: number): Promise<void> {
  if (rows.length === 0) return
  await db.transaction('rw', db.outbox, async () => {
    const current = await db.outbox.bulkGet(rows.map((row) => row.id))
    const ours = current.filter((row): row is OutboxRow => row?.claimedBy === owner)
    await db.outbox.bulkPut(ours.map((row) => ({ ...withoutClaim(row), state: 'waiting', updatedAt: now })))
  })
}

/**
 * A 2xx with no reference (a proxy's page, a body cut short) acknowledges nothing the device
 * could show: tried again, and the service's idempotency answers with the stored reference.
 */
function answeredWithoutReceipt(answer: Answer): boolean {
  return typeof answer.status === 'number' && answer.status >= 200 && answer.status < 300 && typeof (answer.body as { reference?: unknown } | undefined)?.reference !== 'string'
}

function receiptFor(row: OutboxRow, answer: Answer, sentAt: number, retentionDays: number): Receipt {
  const { reference, status } = answer.body as { reference: string; status?: string }
  const receipt: Receipt = {
    id: row.id,
    kind: row.kind,
    label: row.label,
    profileId: row.profileId,
    reference,
    sentAt,
    status: status ?? 'received',
    purgeAt: purgeTimeAfter(sentAt, retentionDays),
    purged: false,
  }
  if (row.draftId) receipt.draftId = row.draftId
  return receipt
}

function retried(row: OutboxRow, answer: Answer, now: number, random: number): OutboxRow {
  const attempts = row.attempts + 1
  const wait = retryAfterMs(answer.retryAfter, now) ?? retryDelayMs(attempts, random)
  return {
    ...withoutClaim(row),
    state: 'waiting',
    attempts,
    nextAttemptAt: now + wait,
    problem: answer.status === 'network-error' ? { status: NO_CONNECTION, title: 'No connection to the Inclusion Service' } : problemOf(answer),
    updatedAt: now,
  }
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
