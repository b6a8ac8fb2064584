/**
 * Submissions per second the intake service accepts on this machine (SQLite, WAL,
 * synchronous FULL) over real HTTP, and beside it the raw better-sqlite3 single-row insert
 * rate with the same settings: the ratio is what HTTP, sealing and validation cost.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildApp } from '../../server/app'
import { createSetting, openService } from '../../server/service'
import { sealedBody, suspension } from '../../tests/server/intake-harness'
import { enrolDevicesDirectly } from './bench-devices'

const SUBMISSIONS = 1600
const CONCURRENCY = 16
const RAW_INSERTS = 5000

export async function intakeThroughput(): Promise<{ httpPerSecond: number; rawPerSecond: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-intake-'))
  try {
    const { store, sealing } = await openService({ dataDir })
    const { setting } = await createSetting(store, { name: 'Bench School', urn: '111111', phase: 'primary' })
    const app = await buildApp({ store, sealing, rateLimitPerMinute: 1_000_000 })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const devices = await enrolDevicesDirectly(store, setting.id, sealing, CONCURRENCY)
    const perDevice = SUBMISSIONS / CONCURRENCY
    // Sealed beforehand: the devices do that work, not the service.
    const queues = await Promise.all(
      devices.map((device) =>
        Promise.all(
          Array.from({ length: perDevice }, async () => {
            const key = crypto.randomUUID()
            return { device, key, body: await sealedBody(device, 'suspension', key, suspension()) }
          }),
        ),
      ),
    )
    const started = performance.now()
    await Promise.all(
      queues.map(async (queue) => {
        for (const { device, key, body } of queue) {
          const response = await fetch(`${url}/api/submissions`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, 'Idempotency-Key': key },
            body,
          })
          if (response.status !== 201) throw new Error(`submission refused: ${response.status}`)
          await response.arrayBuffer()
        }
      }),
    )
    const httpPerSecond = SUBMISSIONS / ((performance.now() - started) / 1000)
    await app.close()
    await store.close()

    const raw = new Database(join(dataDir, 'raw.sqlite'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL)')
    const insert = raw.prepare('INSERT INTO rows (key, payload) VALUES (?, ?)')
    const payload = JSON.stringify(suspension())
    const rawStarted = performance.now()
    for (let row = 0; row < RAW_INSERTS; row++) insert.run(crypto.randomUUID(), payload)
    const rawPerSecond = RAW_INSERTS / ((performance.now() - rawStarted) / 1000)
    raw.close()
    return { httpPerSecond, rawPerSecond }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
