import 'fake-indexeddb/auto'
import type { DBCore } from 'dexie'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppDatabase, type OutboxRow } from '../../../src/db/database'
import { Vault } from '../../../src/db/vault'
import type { Connection } from '../../../src/sync/api-client'
import { CLAIM_LEASE_MS, flushOutbox, type FlushOptions, type FlushReport } from '../../../src/sync/flush'

// How flushOutbox claims, orders and records, against a service that answers at once (201, or
// the status given for a key); the real service and its faults are in tests/server/outbox.test.ts.
// The outbox table is watched: rows read, and transactions that touch it.

const T0 = Date.UTC(2026, 10, 23, 9)
const SECOND = 1_000

let db: AppDatabase
let clock: number
let posts: string[]
/** Outbox rows whose values were read, by key or by query. */
let rowsRead: number
/** Read-write transactions over the outbox. */
let writeTransactions: number
/** What the service answers for a key (201 when absent); `onPost` runs as each request arrives. */
let answers: Record<string, { status: number; type?: string }>
let onPost: ((key: string) => Promise<void>) | undefined

const now = () => clock

const service: Connection = {
  baseUrl: 'https://intake.test',
  fetch: async (_input, init) => {
    const key = (init?.headers as Record<string, string>)['Idempotency-Key']!
    posts.push(key)
    await onPost?.(key)
    const { status, type } = answers[key] ?? { status: 201 }
    const body = status === 201 ? { reference: `IC-${String(posts.length).padStart(6, '0')}`, status: 'received' } : { type: `urn:test:${type ?? 'problem'}`, title: 'Refused' }
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  },
}

/** Grants the Web Lock at once, as a browser with no other flusher running does. */
const freeLock = {
  request: async (_name: string, _options: object, callback: (lock: { name: string }) => Promise<unknown>) => callback({ name: 'outbox' }),
  query: async () => ({ held: [{ name: 'outbox' }], pending: [] }),
} as unknown as LockManager

/** The service, except that the request for `key` hangs until it is abandoned; `whileHung` runs as it arrives. */
function hangingOn(key: string, whileHung: () => void): Connection {
  return {
    baseUrl: service.baseUrl,
    fetch: async (input, init) => {
      if ((init?.headers as Record<string, string>)['Idempotency-Key'] !== key) return service.fetch(input, init)
      posts.push(key)
      const signal = init!.signal!
      const abandoned = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
      whileHung()
      return abandoned
    },
  }
}

/** What removing a profile in another tab says to every flusher. */
function erasureInAnotherTab(): void {
  const channel = new BroadcastChannel('outbox-erasure')
  channel.postMessage('erasing')
  channel.close()
}

/**
 * Web Locks as a browser grants them, one holder at a time and the rest in turn; `ifAvailable`
 * (the flusher) gets nothing while the lock is held. The log says who held it when.
 */
function queuedLocks(): LockManager & { log: string[] } {
  const log: string[] = []
  /** The names of requests queued behind the holder. */
  const waiting: string[] = []
  let tail: Promise<void> | undefined
  const request = async (name: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (lock: { name: string } | null) => Promise<unknown>
    const ifAvailable = rest.length === 2 && (rest[0] as LockOptions).ifAvailable === true
    if (ifAvailable && tail) return callback(null)
    const before = tail
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    tail = mine
    if (before) {
      waiting.push(name)
      await before
      waiting.splice(waiting.indexOf(name), 1)
    }
    const who = ifAvailable ? 'flusher' : 'eraser'
    log.push(`${who} holds ${name}`)
    try {
      return await callback({ name })
    } finally {
      log.push(`${who} lets go of ${name}`)
      if (tail === mine) tail = undefined
      release()
    }
  }
  const query = async () => ({ pending: waiting.map((name) => ({ name })) })
  return { request, query, log } as unknown as LockManager & { log: string[] }
}

const flush = (options: Partial<FlushOptions> = {}): Promise<FlushReport> =>
  flushOutbox({ db, connection: service, owner: 'page', now, random: () => 0.5, ...options })

/** A sealed row, due now, created at T0 + createdAt ms. */
const row = (id: string, createdAt: number, changes: Partial<OutboxRow> = {}): OutboxRow => ({
  id, kind: 'suspension', label: 'Suspension notice', profileId: 'profile-1', body: `{"sealed":"${id}"}`, state: 'waiting',
  attempts: 0, nextAttemptAt: T0 + createdAt, createdAt: T0 + createdAt, updatedAt: T0 + createdAt, ...changes,
})

function watchOutbox(core: DBCore): DBCore {
  return {
    ...core,
    transaction(stores, mode, options) {
      if (mode === 'readwrite' && stores.includes('outbox')) writeTransactions++
      return core.transaction(stores, mode, options)
    },
    table(name) {
      const table = core.table(name)
      if (name !== 'outbox') return table
      return {
        ...table,
        get: async (request) => {
          const value = await table.get(request)
          if (value !== undefined) rowsRead++
          return value
        },
        getMany: async (request) => {
          const values = await table.getMany(request)
          rowsRead += values.filter((value) => value !== undefined).length
          return values
        },
        query: async (request) => {
          const response = await table.query(request)
          if (request.values) rowsRead += response.result.length
          return response
        },
        openCursor: async (request) => {
          if (request.values !== false) throw new Error('the outbox was walked with a cursor reading its rows')
          return table.openCursor(request)
        },
      }
    },
  }
}

beforeEach(async () => {
  db = new AppDatabase(`flush-${crypto.randomUUID()}`)
  db.use({ stack: 'dbcore', name: 'watch-outbox', create: watchOutbox })
  clock = T0 + 10 * SECOND
  posts = []
  answers = {}
  onPost = undefined
  await db.enrolment.put({
    key: 'device', token: 'token', deviceId: 'device-1', enrolledAt: 0,
    setting: { id: 'setting-1', name: 'Ashby Primary', urn: '123456', phase: 'primary' },
    sealingKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
  })
  rowsRead = 0
  writeTransactions = 0
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await db.delete()
})

describe('flushOutbox: what is claimed and sent, in what order', () => {
  interface Case {
    rows: OutboxRow[]
    answers?: Record<string, number>
    withLock?: boolean
    posts: string[]
    /** What is left in the outbox: its state and who holds it. */
    left: [string, OutboxRow['state'], string | undefined][]
    report: Partial<FlushReport>
  }
  const claimedByWorker = { state: 'sending', claimedBy: 'worker', claimUntil: T0 + 40 * SECOND } as const
  it.each<[string, Case]>([
    ['sends in createdAt order', {
      rows: [row('c', 3), row('a', 1), row('b', 2)], posts: ['a', 'b', 'c'], left: [], report: { sent: 3 },
    }],
    ['sends a dependent in the same pass, after the row it follows', {
      rows: [row('notice', 1), row('outcome', 2, { dependsOn: 'notice' })], posts: ['notice', 'outcome'], left: [], report: { sent: 2 },
    }],
    ['sends a dependent that sorts before the row it follows (same millisecond) in the next pass', {
      rows: [row('a-outcome', 1, { dependsOn: 'b-notice' }), row('b-notice', 1)], posts: ['b-notice', 'a-outcome'], left: [], report: { sent: 2 },
    }],
    ['gives back, unsent, a dependent whose row failed', {
      rows: [row('notice', 1), row('outcome', 2, { dependsOn: 'notice' }), row('other', 3)], answers: { notice: 503 },
      posts: ['notice', 'other'], left: [['notice', 'waiting', undefined], ['outcome', 'waiting', undefined]],
      report: { sent: 1, retrying: 1, nextAttemptAt: T0 + 10 * SECOND + 1_500 },
    }],
    ['tries again a 2xx with no reference (a proxy’s page): it acknowledges nothing', {
      rows: [row('proxied', 1)], answers: { proxied: 200 }, posts: ['proxied'], left: [['proxied', 'waiting', undefined]],
      report: { sent: 0, retrying: 1, nextAttemptAt: T0 + 10 * SECOND + 1_500 },
    }],
    ['holds back a dependent of a row that needs attention, and sets no time for it', {
      rows: [row('notice', 1, { state: 'attention' }), row('outcome', 2, { dependsOn: 'notice' })],
      posts: [], left: [['notice', 'attention', undefined], ['outcome', 'waiting', undefined]], report: { sent: 0 },
    }],
    ['skips a row claimed by another live flusher, and says when its claim runs out', {
      rows: [row('theirs', 1, claimedByWorker), row('ours', 2)],
      posts: ['ours'], left: [['theirs', 'sending', 'worker']], report: { sent: 1, nextAttemptAt: T0 + 40 * SECOND },
    }],
    ['takes over another flusher’s claim at once with the Web Lock held (that flusher died)', {
      rows: [row('theirs', 1, claimedByWorker), row('ours', 2)], withLock: true, posts: ['theirs', 'ours'], left: [], report: { sent: 2 },
    }],
    ['takes over a claim whose lease ran out', {
      rows: [row('stale', 1, { ...claimedByWorker, claimUntil: T0 + 10 * SECOND })], posts: ['stale'], left: [], report: { sent: 1 },
    }],
    ['leaves a row in backoff until its time', {
      rows: [row('later', 1, { attempts: 1, nextAttemptAt: T0 + 20 * SECOND })], posts: [], left: [['later', 'waiting', undefined]],
      report: { sent: 0, nextAttemptAt: T0 + 20 * SECOND },
    }],
    ['sends nothing that is not sealed yet', {
      rows: [row('unsealed', 1, { state: 'needs-enrolment', body: undefined })], posts: [], left: [['unsealed', 'needs-enrolment', undefined]], report: { sent: 0 },
    }],
  ])('%s', async (_name, { rows, answers: statuses = {}, withLock, posts: sent, left, report }) => {
    await db.outbox.bulkAdd(rows)
    answers = Object.fromEntries(Object.entries(statuses).map(([key, status]) => [key, { status }]))
    rowsRead = 0
    expect(await flush(withLock ? { locks: freeLock } : {})).toEqual({ sent: 0, retrying: 0, needAttention: 0, ...report })
    expect(posts).toEqual(sent)
    const after = await db.outbox.orderBy('createdAt').toArray()
    expect(after.map((each) => [each.id, each.state, each.claimedBy])).toEqual(left)
    expect(await db.receipts.count()).toBe(sent.length - Object.keys(statuses).length)
  })
})

describe('flushOutbox: cost and claims on a long queue', () => {
  it('flushes 5,000 rows reading each once, in two claiming reads, writing outcomes 16 to a transaction', async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => row(`row-${String(index).padStart(4, '0')}`, index - 5_000))
    await db.outbox.bulkAdd(rows)
    rowsRead = 0
    writeTransactions = 0
    expect(await flush()).toEqual({ sent: 5_000, retrying: 0, needAttention: 0 })
    expect(posts).toEqual(rows.map((each) => each.id))
    // One read claims them all; the second finds nothing left. Receipts are written in groups
    // while the next rows are sent: two claims and 313 groups (5,000 / 16, rounded up) at most.
    expect(rowsRead).toBe(5_000)
    expect(writeTransactions).toBeLessThanOrEqual(315)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.receipts.count()).toBe(5_000)
  }, 60_000)

  it('keeps its claims alive through a queue that takes longer than a lease, so a second flusher sends none of them', async () => {
    await db.outbox.bulkAdd(Array.from({ length: 6 }, (_, index) => row(`row-${index}`, index)))
    const secondFlusher: FlushReport[] = []
    const leaseLeftAtPost: number[] = []
    onPost = async (key) => {
      leaseLeftAtPost.push((await db.outbox.get(key))!.claimUntil! - clock)
      clock += 20 * SECOND // a slow connection: three requests take a whole lease
      if (key === 'row-4') secondFlusher.push(await flushOutbox({ db, connection: service, owner: 'worker', now }))
    }
    expect(await flush()).toMatchObject({ sent: 6 })
    expect(secondFlusher).toEqual([{ sent: 0, retrying: 0, needAttention: 0, nextAttemptAt: expect.any(Number) }])
    expect(posts).toEqual(['row-0', 'row-1', 'row-2', 'row-3', 'row-4', 'row-5'])
    expect(Math.min(...leaseLeftAtPost)).toBeGreaterThanOrEqual(CLAIM_LEASE_MS / 2)
  })

  it('keeps newer submissions behind an older one waiting for the connection, then sends all in the order they were made', async () => {
    const offline = { status: 0, title: 'No connection to the Inclusion Service' }
    await db.outbox.bulkAdd([
      row('older', 0, { attempts: 3, nextAttemptAt: clock + 60 * SECOND, problem: offline }),
      row('newer', 1),
    ])
    expect(await flush()).toMatchObject({ sent: 0, nextAttemptAt: clock + 60 * SECOND })
    expect(posts).toEqual([])
    expect(await flush({ reconnected: true })).toMatchObject({ sent: 2 })
    expect(posts).toEqual(['older', 'newer'])
  })

  it('renews only the next rows’ leases, so a long slow queue costs the same per row as a short one', async () => {
    // Every request takes 20 s: leases need renewing every other row.
    onPost = async () => void (clock += 20 * SECOND)
    const readsFor = async (count: number) => {
      await db.outbox.bulkAdd(Array.from({ length: count }, (_, index) => row(`row-${count}-${index}`, index)))
      rowsRead = 0
      expect(await flush()).toMatchObject({ sent: count })
      return rowsRead
    }
    const short = await readsFor(100)
    const long = await readsFor(300)
    // Three times the rows, about three times the reads (3.7 here); renewing the whole rest of
    // the queue each time would be about nine times.
    expect(long / short).toBeLessThan(4)
  })

  it('stops sending once the profile that queued them is removed mid-flush, and brings nothing back', async () => {
    await db.outbox.bulkAdd(Array.from({ length: 30 }, (_, index) => row(`row-${String(index).padStart(2, '0')}`, index)))
    onPost = async (key) => {
      if (key === 'row-01') await new Vault(db).removeProfile('profile-1')
    }
    await flush()
    // Only the submission already on its way when the user erased goes; nothing after it.
    expect(posts).toEqual(['row-00', 'row-01'])
    expect(await db.outbox.count()).toBe(0)
    expect(await db.receipts.count()).toBe(0)
  })

  it('abandons the request on its way when another tab announces an erasure, and gives back what it did not send', async () => {
    await db.outbox.bulkAdd(Array.from({ length: 5 }, (_, index) => row(`row-${index}`, index)))
    expect(await flush({ connection: hangingOn('row-1', erasureInAnotherTab) })).toEqual({ sent: 1, retrying: 0, needAttention: 0, stopped: 'erasing' })
    expect(posts).toEqual(['row-0', 'row-1'])
    // Not recorded as a failure: the erasure may have been another profile's, and it goes again then.
    expect((await db.outbox.orderBy('createdAt').toArray()).map((each) => [each.id, each.state, each.attempts, each.claimedBy])).toEqual(
      ['row-1', 'row-2', 'row-3', 'row-4'].map((id) => [id, 'waiting', 0, undefined]),
    )
    expect((await db.receipts.toArray()).map((receipt) => receipt.id)).toEqual(['row-0'])
  })

  it('writes a receipt soon after its answer, while the next request is still on its way', async () => {
    await db.outbox.bulkAdd([row('row-0', 0), row('row-1', 1)])
    let whileHung: string[] = []
    const receiptThenErasure = async () => {
      await vi.waitFor(async () => expect(await db.receipts.count()).toBe(1), { timeout: 2_000, interval: 20 })
      whileHung = (await db.receipts.toArray()).map((receipt) => receipt.id)
      erasureInAnotherTab()
    }
    await flush({ connection: hangingOn('row-1', () => void receiptThenErasure()) })
    expect(whileHung).toEqual(['row-0'])
  })

  it('erases a profile only once the flusher holding the Web Lock has stopped', async () => {
    await db.outbox.bulkAdd(Array.from({ length: 5 }, (_, index) => row(`row-${index}`, index)))
    const locks = queuedLocks()
    vi.stubGlobal('navigator', { locks })
    let erasure: Promise<void> | undefined
    const erase = () => void (erasure = new Vault(db).removeProfile('profile-1'))
    expect(await flush({ connection: hangingOn('row-1', erase), locks })).toMatchObject({ sent: 1, stopped: 'erasing' })
    await erasure
    expect(locks.log).toEqual(['flusher holds outbox', 'flusher lets go of outbox', 'eraser holds outbox', 'eraser lets go of outbox'])
    expect(posts).toEqual(['row-0', 'row-1'])
    expect(await db.outbox.count()).toBe(0)
    expect(await db.receipts.count()).toBe(0)
  })

  it('stops before its next pass when an eraser waits for the lock, though its word was missed', async () => {
    await db.outbox.bulkAdd([row('row-0', 0)])
    const locks = queuedLocks()
    let erased: Promise<unknown> | undefined
    onPost = async (key) => {
      if (key !== 'row-0') return
      // Queued while row-0 is on its way: a second pass is due, and an eraser waits unheard.
      await db.outbox.add(row('row-1', 1))
      erased = locks.request('outbox', async () => db.outbox.clear())
    }
    expect(await flush({ locks })).toEqual({ sent: 1, retrying: 0, needAttention: 0, stopped: 'erasing' })
    await erased
    expect(posts).toEqual(['row-0'])
    expect(locks.log).toEqual(['flusher holds outbox', 'flusher lets go of outbox', 'eraser holds outbox', 'eraser lets go of outbox'])
  })

  it.each<[string, { status: number; type?: string }, FlushReport['stopped']]>([
    ['revoked', { status: 403, type: 'device-revoked' }, 'revoked'],
    ['no longer enrolled', { status: 401 }, 'not-enrolled'],
  ])('gives back every claim of the pass when the device turns out %s', async (_name, answer, stopped) => {
    await db.outbox.bulkAdd(Array.from({ length: 3 }, (_, index) => row(`row-${index}`, index)))
    answers = { 'row-1': answer }
    expect(await flush()).toMatchObject({ sent: 1, stopped })
    expect(posts).toEqual(['row-0', 'row-1'])
    expect((await db.outbox.orderBy('createdAt').toArray()).map((each) => [each.id, each.state, each.claimedBy])).toEqual([
      ['row-1', 'waiting', undefined],
      ['row-2', 'waiting', undefined],
    ])
  })
})

describe('flushOutbox: whose submission it was', () => {
  it('gives the receipt to the profile that sent it, and marks only that profile’s draft sent', async () => {
    // Two profiles' drafts under the same id; only what is in clear matters here.
    const draft = (profileId: string) => ({
      id: 'case-1', profileId, kind: 'forum-case', status: 'submitted', createdAt: T0, updatedAt: T0, formatVersion: 1 as const,
      iv: new Uint8Array(12), ciphertext: new ArrayBuffer(16),
    })
    await db.records.bulkAdd([draft('profile-1'), draft('profile-2')])
    await db.outbox.add(row('sent-by-2', 1, { profileId: 'profile-2', draftId: 'case-1' }))

    expect(await flush()).toMatchObject({ sent: 1 })
    expect(await db.receipts.get('sent-by-2')).toMatchObject({ profileId: 'profile-2', draftId: 'case-1', reference: 'IC-000001' })
    expect((await db.records.toArray()).map((record) => [record.profileId, record.status])).toEqual([
      ['profile-1', 'submitted'],
      ['profile-2', 'sent'],
    ])
  })
})
