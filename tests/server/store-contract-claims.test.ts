import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Device, IntakeStore, KeyClaim, NewSubmission } from '../../server/store/intake-store'
import { settingWithDevice, submit } from './store-contract-fixtures'
import { STORES } from './stores'

const AT = '2026-03-02T09:00:00.000Z'
const NOW = Date.parse(AT)
const LEASE = 30_000
const CREATED = { status: 201, body: '{"reference":"IC-000001"}' }
const REFUSED = { status: 422, body: '{"title":"The submission is not valid"}' }

describe.each(STORES)('$name store: Idempotency-Keys', ({ open, openTwo }) => {
  let store: IntakeStore
  let device: Device
  let otherDevice: Device
  const others: IntakeStore[] = []
  beforeEach(async () => {
    store = await open()
    device = (await settingWithDevice(store, 'Ashby Primary', '100001')).device
    otherDevice = (await settingWithDevice(store, 'Burbage Academy', '100002')).device
  })
  afterEach(async () => {
    await Promise.all([store, ...others.splice(0)].map((each) => each.close()))
  })

  /** A claim by `device` at `now`, holding the key for LEASE. */
  const claim = (key: string, hash = 'hash-1', now = NOW, on = store, from = device) =>
    on.claimIdempotencyKey(from.id, key, hash, new Date(now).toISOString(), now + LEASE, now)

  const newSubmission = (key: string, from = device): NewSubmission => ({
    deviceId: from.id, settingId: from.settingId, idempotencyKey: key, kind: 'suspension', payload: { pupil: { name: 'Alice Smith' } }, receivedAt: AT,
  })

  describe('claims', () => {
    it('takes a new key', async () => {
      expect(await claim('key-1')).toEqual({ outcome: 'claimed' })
    })

    it('says "in progress" to the same request while the lease holds, up to its last millisecond', async () => {
      await claim('key-1')
      expect(await claim('key-1', 'hash-1', NOW + 1)).toEqual({ outcome: 'in-progress' })
      expect(await claim('key-1', 'hash-1', NOW + LEASE - 1)).toEqual({ outcome: 'in-progress' })
    })

    it('says "different request" to other bytes under the same key, in progress or done', async () => {
      await claim('key-1')
      expect(await claim('key-1', 'hash-2')).toEqual({ outcome: 'different-request' })
      expect(await claim('key-1', 'hash-2', NOW + LEASE + 1)).toEqual({ outcome: 'different-request' })
      await store.answerIdempotencyKey(device.id, 'key-1', REFUSED)
      expect(await claim('key-1', 'hash-2')).toEqual({ outcome: 'different-request' })
    })

    it('lets a claim be taken over once its lease has run out, with a new lease', async () => {
      await claim('key-1')
      expect(await claim('key-1', 'hash-1', NOW + LEASE)).toEqual({ outcome: 'claimed' })
      expect(await claim('key-1', 'hash-1', NOW + LEASE + 1)).toEqual({ outcome: 'in-progress' })
      expect(await claim('key-1', 'hash-1', NOW + 2 * LEASE)).toEqual({ outcome: 'claimed' })
    })

    it('keeps each device’s keys apart', async () => {
      await claim('key-1')
      expect(await claim('key-1', 'hash-2', NOW, store, otherDevice)).toEqual({ outcome: 'claimed' })
    })

    it('refuses a claim for a device it does not know', async () => {
      await expect(store.claimIdempotencyKey('no-such-device', 'key-1', 'hash-1', AT, NOW + LEASE, NOW)).rejects.toThrow()
    })
  })

  describe('answers and releases', () => {
    it('replays a stored answer to the same request, however late', async () => {
      await claim('key-1')
      await store.answerIdempotencyKey(device.id, 'key-1', REFUSED)
      expect(await claim('key-1')).toEqual({ outcome: 'replay', response: REFUSED })
      expect(await claim('key-1', 'hash-1', NOW + 100 * LEASE)).toEqual({ outcome: 'replay', response: REFUSED })
    })

    it('does nothing when answering a key never claimed', async () => {
      await store.answerIdempotencyKey(device.id, 'key-1', REFUSED)
      expect(await claim('key-1')).toEqual({ outcome: 'claimed' })
    })

    it('gives a key back, so the retry is processed afresh, even with other bytes', async () => {
      await claim('key-1')
      await store.releaseIdempotencyKey(device.id, 'key-1')
      expect(await claim('key-1', 'hash-2')).toEqual({ outcome: 'claimed' })
    })

    it('never gives back a key that has its answer', async () => {
      await claim('key-1')
      await store.answerIdempotencyKey(device.id, 'key-1', REFUSED)
      await store.releaseIdempotencyKey(device.id, 'key-1')
      expect(await claim('key-1')).toEqual({ outcome: 'replay', response: REFUSED })
    })

    it('frees every claim in progress at once (one instance’s start), and only those', async () => {
      await claim('key-1')
      await claim('key-2', 'hash-1', NOW, store, otherDevice)
      await claim('key-3')
      await store.answerIdempotencyKey(device.id, 'key-3', REFUSED)
      expect(await store.releaseAllInProgressClaims()).toBe(2)
      expect(await claim('key-1', 'hash-2')).toEqual({ outcome: 'claimed' })
      expect(await claim('key-3')).toEqual({ outcome: 'replay', response: REFUSED })
      expect(await store.releaseAllInProgressClaims()).toBe(1)
    })
  })

  describe('recording a submission', () => {
    it('stores the submission and its key’s answer together, the answer made from its id', async () => {
      await claim('key-1')
      const id = await store.recordSubmission(newSubmission('key-1'), (given) => ({ status: 201, body: JSON.stringify({ id: given }) }))
      expect(await claim('key-1')).toEqual({ outcome: 'replay', response: { status: 201, body: JSON.stringify({ id }) } })
      expect(await store.submission(id)).toMatchObject({ id, idempotencyKey: 'key-1', deviceId: device.id, payload: { pupil: { name: 'Alice Smith' } } })
      expect(await store.submissionKeyExists(device.id, 'key-1', 'suspension')).toBe(true)
    })

    it('stores nothing when its answer cannot be made', async () => {
      await claim('key-1')
      await expect(store.recordSubmission(newSubmission('key-1'), () => {
        throw new Error('no answer')
      })).rejects.toThrow('no answer')
      expect(await store.listSubmissions({})).toEqual([])
      expect(await claim('key-1')).toEqual({ outcome: 'in-progress' })
    })

    it('refuses a second submission under one key, keeping the first’s answer', async () => {
      await claim('key-1')
      await store.recordSubmission(newSubmission('key-1'), () => CREATED)
      await expect(store.recordSubmission(newSubmission('key-1'), () => REFUSED)).rejects.toThrow()
      expect(await claim('key-1')).toEqual({ outcome: 'replay', response: CREATED })
      expect(await store.listSubmissions({})).toHaveLength(1)
    })

    it('keeps a submission for a device as that device’s, under its key only', async () => {
      const { key } = await submit(store, device, 'suspension', AT)
      expect(await store.submissionKeyExists(otherDevice.id, key, 'suspension')).toBe(false)
    })
  })

  describe('two instances at once', () => {
    const KEYS = Array.from({ length: 20 }, () => randomUUID())
    const outcomesPerKey = (outcomes: KeyClaim[]) => KEYS.map((_, index) => outcomes.slice(index * 2, index * 2 + 2).map((each) => each.outcome).sort())

    it('let exactly one claim a new key; the other hears "in progress"', async () => {
      const [first, second] = await openTwo()
      others.push(first, second)
      const { device: shared } = await settingWithDevice(first, 'Ashby Primary', '100001')
      const outcomes = await Promise.all(KEYS.flatMap((key) => [first, second].map((each) => claim(key, 'hash-1', NOW, each, shared))))
      expect(outcomesPerKey(outcomes)).toEqual(KEYS.map(() => ['claimed', 'in-progress']))
    })

    it('let exactly one take over an expired claim', async () => {
      const [first, second] = await openTwo()
      others.push(first, second)
      const { device: shared } = await settingWithDevice(first, 'Ashby Primary', '100001')
      for (const key of KEYS) await claim(key, 'hash-1', NOW, first, shared)
      const later = NOW + LEASE + 1
      const outcomes = await Promise.all(KEYS.flatMap((key) => [first, second].map((each) => claim(key, 'hash-1', later, each, shared))))
      expect(outcomesPerKey(outcomes)).toEqual(KEYS.map(() => ['claimed', 'in-progress']))
    })

    it('store one submission per key when both send it, the second hearing the first’s answer', async () => {
      const [first, second] = await openTwo()
      others.push(first, second)
      const { device: shared } = await settingWithDevice(first, 'Ashby Primary', '100001')
      // What the route does: claim, then record only if claimed.
      const send = async (on: IntakeStore, key: string): Promise<KeyClaim> => {
        const claimed = await claim(key, 'hash-1', NOW, on, shared)
        if (claimed.outcome === 'claimed') await on.recordSubmission(newSubmission(key, shared), () => CREATED)
        return claimed
      }
      const outcomes = await Promise.all(KEYS.flatMap((key) => [send(first, key), send(second, key)]))
      for (const pair of outcomesPerKey(outcomes)) expect(pair[0]).toBe('claimed')
      expect((await second.listSubmissions({})).map((summary) => summary.id)).toHaveLength(KEYS.length)
      for (const key of KEYS) expect(await claim(key, 'hash-1', NOW, second, shared)).toEqual({ outcome: 'replay', response: CREATED })
    })
  })
})
