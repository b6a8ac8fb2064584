import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDatabase } from '../../src/db/database'
import { Vault } from '../../src/db/vault'
import type { Connection } from '../../src/sync/api-client'
import { runSyncCycle } from '../../src/sync/cycle'
import { enqueueSubmission, requeue, sealWaitingForEnrolment } from '../../src/sync/enqueue'
import { enrolDevice, keepInVaultUntilEnrolled, PENDING_PAYLOAD, sealKeptPayloads } from '../../src/sync/enrol'
import { CLAIM_LEASE_MS, flushOutbox, type FlushReport } from '../../src/sync/flush'
import { flushSchedule, type Timers } from '../../src/sync/schedule'
import { writeRetentionDays } from '../../src/sync/retention'
import { purgeSentPayloads, refreshStatuses } from '../../src/sync/status'
import { signIn, startIntake, suspension, workspacePost, type Intake } from './intake-harness'

// The app's outbox (Dexie on fake-indexeddb) against the real intake service over HTTP,
// with faults injected where the network would put them.

let intake: Intake
let db: AppDatabase
let clock: number
let posts: string[]

const MINUTE = 60_000
const now = () => clock
/** Test data: the staff profile that sends what a test queues with no draft behind it. */
const SAM = 'profile-sam'

type Fault = 'network-error' | 'drop-after-commit' | 'service-stops' | { status: number; headers?: Record<string, string>; body?: unknown }

/** The real network, except that submission number n (counting from 1) meets faults[n]. */
function connection(faults: Record<number, Fault> = {}, baseUrl = intake.url): Connection {
  return {
    baseUrl,
    fetch: async (input, init) => {
      const url = String(input)
      if (!url.endsWith('/api/submissions')) return fetch(input, init)
      posts.push((init?.headers as Record<string, string>)['Idempotency-Key']!)
      const fault = faults[posts.length]
      if (fault === 'network-error') throw new TypeError('fetch failed')
      if (fault === 'service-stops') await intake.stop()
      if (fault === 'drop-after-commit') {
        await (await fetch(input, init)).arrayBuffer()
        throw new TypeError('connection dropped')
      }
      if (fault && fault !== 'service-stops') return new Response(JSON.stringify(fault.body ?? { title: 'Injected' }), { status: fault.status, headers: fault.headers })
      return fetch(input, init)
    },
  }
}

const flush = (conn: Connection, owner = 'page') => flushOutbox({ db, connection: conn, owner, now, random: () => 0.5 })

async function enqueue(count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index++) {
    clock += 1
    ids.push((await enqueueSubmission(db, { kind: 'suspension', payload: suspension(`Pupil ${index}`), label: 'Suspension notice', profileId: SAM }, clock)).id)
  }
  return ids
}

/** The Inclusion Service records an outcome for its first submission, as an officer does in the workspace. */
async function recordOutcome(outcome: string): Promise<void> {
  const session = await signIn(intake.url)
  expect((await workspacePost(intake.url, session, '/workspace/submissions/1/outcome', { outcome })).status).toBe(303)
}

/** A device vault, unlocked, holding a draft that a submission comes from. */
async function unlockedVaultWith(draft: { id: string; kind: string }): Promise<Vault> {
  const vault = new Vault(db, 1_000, now)
  await vault.create('Sam', 'long enough passphrase')
  await vault.put({ ...draft, status: 'draft' }, { as: 'typed, not the payload' })
  return vault
}

/** The stored (encrypted) record `id` of the profile unlocked in `vault`. */
const recordOf = (vault: Vault, id: string) => db.records.get([vault.profileId!, id])

/** A new setting's one-time enrolment code, as an administrator gets it. */
async function newCode(): Promise<string> {
  const { createSetting } = await import('../../server/service')
  return (await createSetting(intake.store, { name: 'Later School', urn: '444444', phase: 'primary' })).code
}

/** What the service holds, oldest first, by Idempotency-Key. */
async function stored(): Promise<string[]> {
  const summaries = await intake.store.listSubmissions({})
  const details = await Promise.all(summaries.map((summary) => intake.store.submission(summary.id)))
  return details.reverse().map((detail) => detail!.idempotencyKey)
}

beforeEach(async () => {
  intake = await startIntake()
  db = new AppDatabase(`outbox-${crypto.randomUUID()}`)
  clock = Date.UTC(2026, 10, 23, 9)
  posts = []
  const enrolled = await enrolDevice(db, { baseUrl: intake.url, fetch }, intake.code, clock)
  expect(enrolled.ok).toBe(true)
})
afterEach(async () => {
  db.close()
  await intake.close()
})

describe('flushing the outbox', () => {
  it('sends everything in order, exactly once, and keeps a receipt for each', async () => {
    const ids = await enqueue(3)
    expect(await flush(connection())).toEqual({ sent: 3, retrying: 0, needAttention: 0 })
    expect(await stored()).toEqual(ids)
    expect(await db.outbox.count()).toBe(0)
    expect(await Promise.all(ids.map(async (id) => (await db.receipts.get(id))?.reference))).toEqual(['IC-000001', 'IC-000002', 'IC-000003'])
    // Receipts belong to the profile that sent them.
    expect(await Promise.all(ids.map(async (id) => (await db.receipts.get(id))?.profileId))).toEqual([SAM, SAM, SAM])
  })

  it('keeps everything when the service is down at the start, and sends it once it is back', async () => {
    const ids = await enqueue(3)
    const report = await flush(connection({}, 'http://127.0.0.1:9'))
    expect(report).toEqual({ sent: 0, retrying: 3, needAttention: 0, nextAttemptAt: clock + 1_500 })
    const waiting = await db.outbox.toArray()
    expect(waiting.map((row) => [row.state, row.attempts, row.problem?.title])).toEqual(Array(3).fill(['waiting', 1, 'No connection to the Inclusion Service']))
    expect(await flush(connection())).toMatchObject({ sent: 0 }) // not due yet: backoff
    clock += 15 * MINUTE
    expect(await flush(connection())).toMatchObject({ sent: 3 })
    expect(await stored()).toEqual(ids)
  })

  it('tries at once when the connection comes back, but still honours backoff after 5xx', async () => {
    const [offlineId, refusedId] = await enqueue(2)
    await flush(connection({ 1: 'network-error', 2: { status: 503, headers: { 'Retry-After': '120' } } }))
    const reconnected = await flushOutbox({ db, connection: connection(), owner: 'page', now, random: () => 0.5, reconnected: true })
    expect(reconnected).toMatchObject({ sent: 1 })
    expect(await stored()).toEqual([offlineId])
    expect((await db.outbox.get(refusedId!))?.nextAttemptAt).toBe(clock + 120_000)
  })

  it('backs off after 500s, doubling with jitter, and sends once the service recovers', async () => {
    const [id] = await enqueue(1)
    await flush(connection({ 1: { status: 500 } }))
    expect((await db.outbox.get(id!))?.nextAttemptAt).toBe(clock + 1_500) // 2 s, half of it jittered
    clock += 1_500
    await flush(connection({ 2: { status: 503 } }))
    expect((await db.outbox.get(id!))?.nextAttemptAt).toBe(clock + 3_000)
    clock += 3_000
    expect(await flush(connection())).toMatchObject({ sent: 1 })
    expect(await stored()).toEqual([id])
  })

  it('honours Retry-After on a 429', async () => {
    const [id] = await enqueue(1)
    await flush(connection({ 1: { status: 429, headers: { 'Retry-After': '7' } } }))
    clock += 6_999
    expect(await flush(connection())).toMatchObject({ sent: 0 })
    clock += 1
    expect(await flush(connection())).toMatchObject({ sent: 1 })
    expect(await stored()).toEqual([id])
  })

  it('survives the connection dropping after the service committed: the retry gets the stored answer', async () => {
    const [id] = await enqueue(1)
    expect(await flush(connection({ 1: 'drop-after-commit' }))).toMatchObject({ sent: 0, retrying: 1 })
    expect(await stored()).toEqual([id])
    clock += MINUTE
    expect(await flush(connection())).toMatchObject({ sent: 1 })
    expect(await stored()).toEqual([id])
    expect((await db.receipts.get(id!))?.reference).toBe('IC-000001')
  })

  it('carries on after the service restarts mid-queue', async () => {
    const ids = await enqueue(5)
    // The service stops as the third submission is sent, and is started again afterwards.
    await flush(connection({ 3: 'service-stops' }))
    await intake.start()
    expect(await stored()).toEqual(ids.slice(0, 2))
    expect((await db.outbox.orderBy('createdAt').toArray()).map((row) => row.id)).toEqual(ids.slice(2))
    clock += 15 * MINUTE
    await flush(connection())
    expect(await stored()).toEqual(ids)
    expect(await db.outbox.count()).toBe(0)
  })

  it('sends each submission once when the page and the worker flush at the same moment', async () => {
    const ids = await enqueue(10)
    const conn = connection()
    const [page, worker] = await Promise.all([flush(conn, 'page'), flush(conn, 'worker')])
    expect(page.sent + worker.sent).toBe(10)
    expect([...posts].sort()).toEqual([...ids].sort())
    expect(await stored()).toHaveLength(10)
  })

  it('lets another flusher take over a row whose claim ran out (a worker killed mid-send)', async () => {
    const [id] = await enqueue(1)
    await db.outbox.update(id!, { state: 'sending', claimedBy: 'dead-worker', claimUntil: clock + CLAIM_LEASE_MS })
    expect(await flush(connection())).toMatchObject({ sent: 0 })
    clock += CLAIM_LEASE_MS
    expect(await flush(connection())).toMatchObject({ sent: 1 })
  })

  it('takes over a dead flusher’s claim at once when it holds the Web Lock', async () => {
    const [id] = await enqueue(1)
    await db.outbox.update(id!, { state: 'sending', claimedBy: 'reloaded-page', claimUntil: clock + CLAIM_LEASE_MS })
    const heldLocks: string[] = []
    const locks = {
      request: async (name: string, _options: object, callback: (lock: { name: string }) => Promise<unknown>) => {
        heldLocks.push(name)
        return callback({ name })
      },
      // Nobody waits for it (an eraser would).
      query: async () => ({ held: heldLocks.map((name) => ({ name })), pending: [] }),
    } as unknown as LockManager
    expect(await flushOutbox({ db, connection: connection(), owner: 'page', now, random: () => 0.5, locks })).toMatchObject({ sent: 1 })
    expect(heldLocks).toEqual(['outbox'])
  })

  it('never sends an outcome before the notice it updates', async () => {
    const notice = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Notice', profileId: SAM }, ++clock)
    const update = await enqueueSubmission(db, { kind: 'suspension', payload: suspension('Other'), label: 'After', dependsOn: notice.id, profileId: SAM }, ++clock)
    await flush(connection({ 1: { status: 500 } }))
    expect(posts).toEqual([notice.id])
    clock += MINUTE
    await flush(connection())
    expect(await stored()).toEqual([notice.id, update.id])
  })

  it('marks a refused submission as needing attention with the reason, and never drops it', async () => {
    const row = await enqueueSubmission(db, { kind: 'suspension', payload: { ...suspension(), reasons: { listVersion: 'x', codes: [] } }, label: 'Suspension notice', profileId: SAM }, ++clock)
    expect(await flush(connection())).toMatchObject({ needAttention: 1 })
    const kept = await db.outbox.get(row.id)
    expect(kept).toMatchObject({ state: 'attention', problem: { status: 422, title: 'The submission is not valid', detail: 'reasons.codes: At least one reason' } })
    clock += 60 * MINUTE
    await flush(connection())
    expect(posts).toEqual([row.id])
    expect(await db.outbox.get(row.id)).toBeDefined()
  })

  it('stops for a revoked device and keeps what is waiting', async () => {
    await enqueue(2)
    const { id } = (await intake.store.listDevices())[0]!
    await intake.store.revokeDevice(id, new Date().toISOString())
    expect(await flush(connection())).toMatchObject({ stopped: 'revoked' })
    expect((await db.enrolment.get('device'))?.revokedAt).toBe(clock)
    expect((await db.outbox.toArray()).map((row) => row.state)).toEqual(['waiting', 'waiting'])
    expect(await flush(connection())).toMatchObject({ stopped: 'revoked', sent: 0 })
  })
})

describe('the page’s schedule after an outage', () => {
  // The schedule as the outbox store runs it, on the test's clock: its one timer is kept here,
  // and `waitForTimer` moves the clock to it, fires it, and waits for the flush it starts.
  let timer: { fire: () => Promise<unknown>; at: number } | undefined
  const timers: Timers = {
    setTimeout: (fire, ms) => (timer = { fire, at: clock + ms }),
    clearTimeout: (handle) => {
      if (handle === timer) timer = undefined
    },
  }
  const scheduleOn = (conn: Connection) => flushSchedule(() => flush(conn), { now, timers })
  async function waitForTimer(): Promise<FlushReport> {
    const pending = timer!
    timer = undefined
    clock = pending.at
    return (await pending.fire()) as FlushReport
  }
  beforeEach(() => {
    timer = undefined
  })

  it('sends what waited through a short outage a few seconds after the service returns, with no one asking', async () => {
    const [id] = await enqueue(1)
    const start = clock
    await intake.stop()
    const schedule = scheduleOn(connection())

    // Tried at once, then again as the backoff runs out (random 0.5: waits of 1.5 s, 3 s, 6 s).
    expect(await schedule.run()).toMatchObject({ sent: 0, retrying: 1, nextAttemptAt: start + 1_500 })
    expect(await waitForTimer()).toMatchObject({ retrying: 1, nextAttemptAt: start + 4_500 })
    expect(await waitForTimer()).toMatchObject({ retrying: 1, nextAttemptAt: start + 10_500 })
    expect(posts).toEqual([id, id, id])

    // Back after a 5-second outage: the timer already set sends it, 5.5 s later.
    clock = start + 5_000
    await intake.start()
    const backAt = clock
    expect(await waitForTimer()).toMatchObject({ sent: 1, retrying: 0 })
    expect(await stored()).toEqual([id])
    expect((await db.receipts.get(id!))?.sentAt).toBe(backAt + 5_500)
    expect(timer).toBeUndefined() // nothing queued: no timer
  })

  it('waits as long as Retry-After says when the service is busy, and no longer', async () => {
    const [id] = await enqueue(1)
    const start = clock
    const busy = { status: 503, headers: { 'Retry-After': '4' } }
    const schedule = scheduleOn(connection({ 1: busy, 2: busy }))
    expect(await schedule.run()).toMatchObject({ retrying: 1, nextAttemptAt: start + 4_000 })
    expect(await waitForTimer()).toMatchObject({ retrying: 1, nextAttemptAt: start + 8_000 })
    expect(await waitForTimer()).toMatchObject({ sent: 1 })
    expect((await db.receipts.get(id!))?.sentAt).toBe(start + 8_000)
    expect(posts).toEqual([id, id, id])
  })

  it('sets no timer for a submission that needs attention: it waits for the user, not the clock', async () => {
    const [id] = await enqueue(1)
    const report = await scheduleOn(connection({ 1: { status: 422, body: { title: 'The submission is not valid' } } })).run()
    expect(report).toMatchObject({ needAttention: 1 })
    expect(report?.nextAttemptAt).toBeUndefined()
    expect(timer).toBeUndefined()
    expect((await db.outbox.get(id!))?.state).toBe('attention')
  })

  it('times an update by the notice it follows, not by its own (past) time', async () => {
    const notice = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Notice', profileId: SAM }, ++clock)
    const update = await enqueueSubmission(db, { kind: 'suspension', payload: suspension('Other'), label: 'After', dependsOn: notice.id, profileId: SAM }, ++clock)
    const schedule = scheduleOn(connection({ 1: { status: 500 } }))
    expect(await schedule.run()).toMatchObject({ retrying: 1, nextAttemptAt: clock + 1_500 })
    expect(await waitForTimer()).toMatchObject({ sent: 2 })
    expect(await stored()).toEqual([notice.id, update.id])
  })
})

describe('before enrolment, status and retention', () => {
  it('queues drafts on a device not yet enrolled, seals them at enrolment, then sends them', async () => {
    await db.enrolment.clear()
    const vault = await unlockedVaultWith({ id: 'draft-1', kind: 'suspension' })
    const keep = async (id: string, payload: unknown) => void (await vault.put({ id, kind: 'pending-payload' }, payload))
    const row = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Suspension notice', profileId: vault.profileId!, draftId: 'draft-1' }, ++clock, keep)
    expect(row.state).toBe('needs-enrolment')
    expect(row.body).toBeUndefined()
    expect((await recordOf(vault, 'draft-1'))?.status).toBe('submitted')
    expect(await flush(connection())).toMatchObject({ stopped: 'not-enrolled' })

    await enrolDevice(db, { baseUrl: intake.url, fetch }, await newCode(), clock)
    expect(await sealWaitingForEnrolment(db, async (rowId) => (await vault.get(rowId))?.data, clock)).toBe(1)
    expect(await flush(connection())).toMatchObject({ sent: 1 })
    expect((await recordOf(vault, 'draft-1'))?.status).toBe('sent')
  })

  it('brings receipts up to date, and deletes sent payloads after the retention period', async () => {
    const vault = await unlockedVaultWith({ id: 'case-1', kind: 'forum-case' })
    const row = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Suspension notice', profileId: vault.profileId!, draftId: 'case-1' }, ++clock)
    await flush(connection())

    await recordOutcome('Noted')
    expect(await refreshStatuses(db, connection())).toBe(true)
    expect(await db.receipts.get(row.id)).toMatchObject({ status: 'outcome-recorded', outcome: 'Noted', reference: 'IC-000001' })

    expect(await purgeSentPayloads(db, clock + 29 * 24 * 60 * MINUTE)).toBe(0)
    expect(await purgeSentPayloads(db, clock + 30 * 24 * 60 * MINUTE)).toBe(1)
    expect(await recordOf(vault, 'case-1')).toBeUndefined()
    expect(await db.receipts.get(row.id)).toMatchObject({ purged: true, reference: 'IC-000001' })
  })
})

describe('one sync cycle, the page’s and the service worker’s', () => {
  const DAY = 24 * 60 * MINUTE
  const cycle = (conn: Connection, options: Partial<Parameters<typeof runSyncCycle>[0]> = {}) =>
    runSyncCycle({ db, connection: conn, owner: 'worker', now, random: () => 0.5, ...options })

  it('sends, brings receipts up to date, and deletes sent payloads past the retention period', async () => {
    const vault = await unlockedVaultWith({ id: 'case-1', kind: 'forum-case' })
    const row = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Suspension notice', profileId: vault.profileId!, draftId: 'case-1' }, ++clock)
    expect(await cycle(connection())).toEqual({ sent: 1, retrying: 0, needAttention: 0 })
    expect(await db.receipts.get(row.id)).toMatchObject({ status: 'received', purged: false, purgeAt: clock + 30 * DAY })

    await recordOutcome('Noted')
    clock += 30 * DAY
    expect(await cycle(connection())).toEqual({ sent: 0, retrying: 0, needAttention: 0 })
    expect(await db.receipts.get(row.id)).toMatchObject({ status: 'outcome-recorded', outcome: 'Noted', purged: true })
    expect(await recordOf(vault, 'case-1')).toBeUndefined()
  })

  it('keeps sent payloads for the retention chosen in Settings', async () => {
    await writeRetentionDays(db, 7)
    const vault = await unlockedVaultWith({ id: 'case-1', kind: 'forum-case' })
    const row = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Suspension notice', profileId: vault.profileId!, draftId: 'case-1' }, ++clock)
    await cycle(connection())
    clock += 7 * DAY - 1
    await cycle(connection())
    expect(await recordOf(vault, 'case-1')).toBeDefined()
    clock += 1
    await cycle(connection())
    expect(await db.receipts.get(row.id)).toMatchObject({ purged: true })
    expect(await recordOf(vault, 'case-1')).toBeUndefined()
    await expect(writeRetentionDays(db, 14)).rejects.toThrow('Retention must be one of 7, 30, 90 days')
  })

  it('flushes once for the page, and again within the worker’s budget as what is left falls due', async () => {
    const [id] = await enqueue(1)
    const slept: number[] = []
    const sleep = async (ms: number) => {
      slept.push(ms)
      clock += ms
    }
    expect(await cycle(connection({ 1: { status: 503 } }), { sleep })).toMatchObject({ retrying: 1, nextAttemptAt: clock + 1_500 })
    expect(slept).toEqual([])
    expect(await cycle(connection({ 2: { status: 503 } }), { sleep, retryWithinMs: 60_000, reconnected: true })).toMatchObject({ sent: 1, retrying: 0 })
    expect(slept).toEqual([1_500, 3_000])
    expect(posts).toEqual([id, id, id])
  })

  it('requeues a submission that needed attention, due at once', async () => {
    const [id] = await enqueue(1)
    await flush(connection({ 1: { status: 422, body: { title: 'The submission is not valid' } } }))
    clock += MINUTE
    await requeue(db, id!, clock)
    expect(await db.outbox.get(id!)).toMatchObject({ state: 'waiting', nextAttemptAt: clock })
    expect(await cycle(connection())).toMatchObject({ sent: 1 })
  })
})

describe('waiting for enrolment in the vault', () => {
  it('keeps the checked payload in the vault, seals it once enrolled, and then lets the kept copy go', async () => {
    await db.enrolment.clear()
    const vault = await unlockedVaultWith({ id: 'draft-1', kind: 'suspension' })
    const keep = keepInVaultUntilEnrolled(async () => vault)
    const row = await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Suspension notice', profileId: vault.profileId!, draftId: 'draft-1' }, ++clock, keep)
    expect((await vault.listMeta(PENDING_PAYLOAD)).map((meta) => [meta.id, meta.status])).toEqual([[row.id, 'waiting']])
    expect(await sealKeptPayloads(db, vault, clock)).toBe(0) // not enrolled yet: nothing to seal to

    await enrolDevice(db, { baseUrl: intake.url, fetch }, await newCode(), clock)
    expect(await sealKeptPayloads(db, vault, clock)).toBe(1)
    expect(await vault.listMeta(PENDING_PAYLOAD)).toEqual([])
    expect(await flush(connection())).toMatchObject({ sent: 1 })
  })
})
