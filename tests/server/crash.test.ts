import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { enrol, sealedBody, suspension, type EnrolledDevice } from './intake-harness'
import { killServiceProcess, startServiceProcess } from './service-process'

// The service as it runs in production (npm start's server/main.ts), killed with SIGKILL at
// random moments while devices send, restarted, and sent everything not yet acknowledged
// again with the same keys and bytes, as the app's outbox does.

const SUBMISSIONS = 100
const KILL_ROUNDS = 6
const dataDir = mkdtempSync(join(tmpdir(), 'crash-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const startService = () => startServiceProcess({ DATA_DIR: dataDir, APP_DIR: join(dataDir, 'no-app') })
const kill = killServiceProcess

describe('a power cut, again and again', () => {
  it('stores every submission exactly once, and every acknowledged one survives', { timeout: 120_000 }, async () => {
    let running = await startService()
    const code = /Enrol a device with this code \(valid \d+ days\): ([\w-]+)/.exec(running.output)![1]!
    const device: EnrolledDevice = await enrol(running.url, code)
    const queue = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, index) => {
        const key = crypto.randomUUID()
        return { key, body: await sealedBody(device, 'suspension', key, suspension(`Pupil ${index}`)) }
      }),
    )
    const acknowledged = new Set<string>()
    let onAcknowledged = () => {}
    let interruptedRounds = 0

    const sendAll = async (url: string) => {
      const waiting = queue.filter(({ key }) => !acknowledged.has(key))
      // Four at a time, as a handful of devices would.
      for (let start = 0; start < waiting.length; start += 4) {
        await Promise.all(
          waiting.slice(start, start + 4).map(async ({ key, body }) => {
            try {
              const response = await fetch(`${url}/api/submissions`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, 'Idempotency-Key': key },
                body,
              })
              if (response.status === 201) {
                acknowledged.add(key)
                onAcknowledged()
              }
            } catch {
              // The connection died with the service: not acknowledged, so it is sent again.
            }
          }),
        )
      }
    }

    for (let round = 0; round < KILL_ROUNDS; round++) {
      // Killed once a random part of what is left (up to half) has been acknowledged: mid-queue
      // however fast the service answers, with submissions still on the wire.
      const left = SUBMISSIONS - acknowledged.size
      const target = acknowledged.size + 1 + Math.floor((Math.random() * left) / 2)
      const reached = new Promise<void>((resolve) => {
        onAcknowledged = () => {
          if (acknowledged.size >= target) resolve()
        }
      })
      const sending = sendAll(running.url)
      await Promise.race([reached, sending])
      await kill(running)
      await sending
      if (acknowledged.size < SUBMISSIONS) interruptedRounds++
      const afterKill = new Database(join(dataDir, 'intake.sqlite'), { readonly: true })
      const stored = new Set((afterKill.prepare('SELECT idempotency_key AS key FROM submissions').all() as { key: string }[]).map((row) => row.key))
      afterKill.close()
      for (const key of acknowledged) expect(stored.has(key), `acknowledged ${key} lost in round ${round}`).toBe(true)
      running = await startService()
    }
    await sendAll(running.url)
    await kill(running)

    // The kills landed mid-queue: otherwise this test would prove nothing.
    expect(interruptedRounds).toBeGreaterThan(0)
    expect(acknowledged.size).toBe(SUBMISSIONS)
    const database = new Database(join(dataDir, 'intake.sqlite'), { readonly: true })
    const rows = database.prepare('SELECT idempotency_key AS key, COUNT(*) AS copies FROM submissions GROUP BY idempotency_key').all() as { key: string; copies: number }[]
    database.close()
    expect(rows).toHaveLength(SUBMISSIONS)
    expect(rows.every((row) => row.copies === 1)).toBe(true)
    expect(new Set(rows.map((row) => row.key))).toEqual(new Set(queue.map(({ key }) => key)))
  })
})
