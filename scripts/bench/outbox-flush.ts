/**
 * The outbox's overhead: 500 queued submissions flushed to the local service (claim, send,
 * receipt, each a Dexie transaction), against a bare loop of 500 equivalent POSTs.
 * Node, with Dexie on fake-indexeddb: the figures are the outbox's own work, not a browser's.
 */
import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../server/app'
import { createSetting, openService } from '../../server/service'
import { AppDatabase } from '../../src/db/database'
import { enqueueSubmission } from '../../src/sync/enqueue'
import { enrolDevice } from '../../src/sync/enrol'
import { flushOutbox } from '../../src/sync/flush'
import { sealedBody, suspension } from '../../tests/server/intake-harness'

const COUNT = 500

export async function outboxOverhead(): Promise<{ flushMs: number; bareMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-outbox-'))
  const db = new AppDatabase(`bench-outbox-${Date.now()}`)
  try {
    const { store, sealing } = await openService({ dataDir })
    const { code } = await createSetting(store, { name: 'Bench School', urn: '222222', phase: 'primary' })
    const app = await buildApp({ store, sealing, rateLimitPerMinute: 1_000_000, submissionsPerDevicePerMinute: 1_000_000 })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const connection = { baseUrl: url, fetch }
    const enrolled = await enrolDevice(db, connection, code)
    if (!enrolled.ok) throw new Error(enrolled.message)
    const device = { token: enrolled.enrolment.token, sealingKey: enrolled.enrolment.sealingKey }

    for (let index = 0; index < COUNT; index++) await enqueueSubmission(db, { kind: 'suspension', payload: suspension(), label: 'Suspension notice' })
    const flushStarted = performance.now()
    const report = await flushOutbox({ db, connection, owner: 'bench' })
    const flushMs = performance.now() - flushStarted
    if (report.sent !== COUNT) throw new Error(`flushed ${report.sent} of ${COUNT}`)

    const bare = await Promise.all(
      Array.from({ length: COUNT }, async () => {
        const key = crypto.randomUUID()
        return { key, body: await sealedBody(device, 'suspension', key, suspension()) }
      }),
    )
    const bareStarted = performance.now()
    for (const { key, body } of bare) {
      const response = await fetch(`${url}/api/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, 'Idempotency-Key': key },
        body,
      })
      await response.arrayBuffer()
    }
    const bareMs = performance.now() - bareStarted
    await app.close()
    await store.close()
    return { flushMs, bareMs }
  } finally {
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
