import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { issueEnrolmentCode } from '../../server/service'
import type { Device, KeyClaim, NewSubmission } from '../../server/store/intake-store'
import { SqliteStore } from '../../server/store/sqlite-store'
import { enrol, post, sealedBody, startIntake, suspension, type EnrolledDevice, type Intake } from './intake-harness'
import { settingWithDevice } from './store-contract-fixtures'

// SQLite commits the writes that arrive together in one transaction (group commit,
// server/store/sqlite/group-commit.ts). What must still hold: each submission stored exactly
// once, an answer only after its commit, the same answer to every replay, and nothing
// acknowledged from a group whose commit failed.

const POISON = 'Poison Pupil'

/**
 * Makes every commit that holds a submission for POISON fail, from a connection of the test's
 * own: a deferred foreign key is checked only at COMMIT, so the insert itself (and its
 * savepoint) goes through and the whole group's COMMIT is refused. Returns the undoing.
 */
function failCommitsWithPoison(file: string): () => void {
  const db = new Database(file)
  db.exec(`
    CREATE TABLE commit_breaker_parent (id INTEGER PRIMARY KEY);
    CREATE TABLE commit_breaker (parent INTEGER REFERENCES commit_breaker_parent (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER break_commit AFTER INSERT ON submissions WHEN json_extract(NEW.payload, '$.pupil.name') = '${POISON}'
    BEGIN INSERT INTO commit_breaker (parent) VALUES (1); END;
  `)
  return () => {
    db.exec('DROP TRIGGER break_commit')
    db.close()
  }
}

describe('many submissions at once, over HTTP', () => {
  let intake: Intake
  let devices: EnrolledDevice[]
  let committed: Database.Database
  beforeEach(async () => {
    intake = await startIntake()
    devices = [await enrol(intake.url, intake.code)]
    for (let more = 0; more < 3; more++) devices.push(await enrol(intake.url, (await issueEnrolmentCode(intake.store, intake.settingId)).code))
    // Another connection sees only what has been committed.
    committed = new Database(join(intake.dataDir, 'intake.sqlite'), { readonly: true })
  })
  afterEach(async () => {
    committed.close()
    await intake.close()
  })

  const prepare = (count: number, name = (_index: number) => 'Sam Pupil') =>
    Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const device = devices[index % devices.length]!
        const key = crypto.randomUUID()
        return { device, key, body: await sealedBody(device, 'suspension', key, suspension(name(index))) }
      }),
    )
  type Prepared = Awaited<ReturnType<typeof prepare>>[number]

  /** Sends each, all at once; as each answer arrives, whether its submission was committed by then. */
  const sendAll = (sends: Prepared[]) =>
    Promise.all(
      sends.map(async ({ device, key, body }) => {
        const response = await post(intake.url, device, key, body)
        const storedWhenAnswered = committed.prepare('SELECT COUNT(*) AS count FROM submissions WHERE idempotency_key = ?').get(key) as { count: number }
        return { key, status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', body: await response.text(), storedWhenAnswered: storedWhenAnswered.count }
      }),
    )

  const storedKeys = () => (committed.prepare('SELECT idempotency_key AS key FROM submissions ORDER BY idempotency_key').all() as { key: string }[]).map((row) => row.key)

  it('stores each exactly once, answers each only once committed, and replays every answer the same', async () => {
    const sends = await prepare(48)
    const first = await sendAll(sends)
    for (const answer of first) expect(answer).toMatchObject({ status: 201, replayed: false, storedWhenAnswered: 1 })
    expect(new Set(first.map((answer) => JSON.parse(answer.body).reference)).size).toBe(48)
    expect(storedKeys()).toEqual(sends.map((send) => send.key).sort())

    const again = await sendAll(sends)
    expect(again.map(({ status, replayed, body }) => ({ status, replayed, body }))).toEqual(first.map(({ body }) => ({ status: 201, replayed: true, body })))
    expect(storedKeys()).toHaveLength(48)
  })

  it('stores a key sent twice at once only once, the second hearing "in progress" or the first’s answer', async () => {
    const sends = await prepare(8)
    const answers = await sendAll([...sends, ...sends])
    for (const [index, send] of sends.entries()) {
      const pair = [answers[index]!, answers[index + sends.length]!]
      const taken = pair.find((answer) => answer.status === 201 && !answer.replayed)
      const other = pair.find((answer) => answer !== taken)!
      expect(taken).toBeDefined()
      if (other.status === 409) expect(other.replayed).toBe(false)
      else expect(other).toMatchObject({ status: 201, replayed: true, body: taken!.body })
      expect(storedKeys().filter((key) => key === send.key)).toHaveLength(1)
    }
  })

  it('acknowledges nothing from a commit that failed, and takes each on its retry', async () => {
    const restore = failCommitsWithPoison(join(intake.dataDir, 'intake.sqlite'))
    // Which others share the poisoned commit depends on timing; whichever did must not be
    // acknowledged. (The store's own test below puts them in one group for certain.)
    const sends = await prepare(16, (index) => (index === 5 ? POISON : `Pupil ${index}`))
    const first = await sendAll(sends)
    expect(first[5]!.status).toBe(500)
    for (const answer of first) {
      if (answer.status === 201) expect(answer.storedWhenAnswered).toBe(1)
      else expect(answer).toMatchObject({ status: 500, storedWhenAnswered: 0 })
    }
    expect(storedKeys()).toEqual(first.filter((answer) => answer.status === 201).map((answer) => answer.key).sort())

    restore()
    const retried = await sendAll(sends)
    retried.forEach((answer, index) => {
      expect(answer.status).toBe(201)
      expect(answer.replayed).toBe(first[index]!.status === 201)
      if (answer.replayed) expect(answer.body).toBe(first[index]!.body)
    })
    expect(storedKeys()).toEqual(sends.map((send) => send.key).sort())
  })
})

describe('the SQLite store’s group commit', () => {
  let folder: string
  let store: SqliteStore
  let device: Device
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'group-commit-'))
    store = new SqliteStore(join(folder, 'intake.sqlite'))
    device = (await settingWithDevice(store, 'Ashby Primary', '100001')).device
  })
  afterEach(async () => {
    await store.close()
    rmSync(folder, { recursive: true, force: true })
  })

  const AT = '2026-03-02T09:00:00.000Z'
  const NOW = Date.parse(AT)
  const claim = (key: string): Promise<KeyClaim> => store.claimIdempotencyKey(device.id, key, 'hash', AT, NOW + 30_000, NOW)
  const submission = (key: string, name = 'Alice Smith'): NewSubmission => ({
    deviceId: device.id, settingId: device.settingId, idempotencyKey: key, kind: 'suspension', payload: { pupil: { name } }, receivedAt: AT,
  })
  const created = (id: number) => ({ status: 201, body: JSON.stringify({ id }) })

  it('fails every write asked for with one whose commit fails, and stores none of them', async () => {
    const keys = ['key-1', 'key-2', 'key-3', 'key-4']
    for (const key of keys) await claim(key)
    const restore = failCommitsWithPoison(join(folder, 'intake.sqlite'))
    // Asked for in one turn of the event loop: one group, one commit.
    const outcomes = await Promise.allSettled(keys.map((key, index) => store.recordSubmission(submission(key, index === 2 ? POISON : 'Alice Smith'), created)))
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected'])
    expect(await store.listSubmissions({})).toEqual([])
    for (const key of keys) expect(await claim(key)).toEqual({ outcome: 'in-progress' })

    restore()
    const ids = await Promise.all(keys.map((key) => store.recordSubmission(submission(key), created)))
    for (const [index, key] of keys.entries()) expect(await claim(key)).toEqual({ outcome: 'replay', response: created(ids[index]!) })
  })

  it('undoes a write that fails by itself alone, and commits the rest of its group', async () => {
    await Promise.all(['key-1', 'key-2'].map(claim))
    const first = await store.recordSubmission(submission('key-1'), created)
    const outcomes = await Promise.allSettled([
      store.recordSubmission(submission('key-1'), () => ({ status: 422, body: 'a second answer' })),
      store.recordSubmission(submission('key-2'), created),
      claim('key-3'),
    ])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
    expect((await store.listSubmissions({})).map((summary) => summary.id).sort()).toEqual([first, (outcomes[1] as PromiseFulfilledResult<number>).value].sort())
    expect(await claim('key-1')).toEqual({ outcome: 'replay', response: created(first) })
    expect(await claim('key-3')).toEqual({ outcome: 'in-progress' })
  })

  it('sees, within one group, what an earlier write of the group did', async () => {
    const [one, two] = await Promise.all([claim('key-1'), claim('key-1')])
    expect([one, two]).toEqual([{ outcome: 'claimed' }, { outcome: 'in-progress' }])
  })
})
