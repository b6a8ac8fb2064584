/**
 * Bundled by scripts/bench/outbox-flush.ts and run inside Chromium, on a page of the intake
 * service's origin: the outbox's real costs (IndexedDB on disk, strict durability, the page's
 * own fetch) beside a bare loop of the same number of POSTs from the same page.
 */
import { AppDatabase, type Enrolment } from '../../src/db/database'
import { sealingAdditionalData, sealJson } from '../../src/domain/seal'
import { sameOrigin } from '../../src/sync/api-client'
import { enqueueSubmission } from '../../src/sync/enqueue'
import { enrolDevice } from '../../src/sync/enrol'
import { flushOutbox } from '../../src/sync/flush'

export interface OutboxRun {
  count: number
  flushMs: number
  bareMs: number
}

let enrolment: Enrolment | undefined

/** The profile the submissions are queued as: with no draft behind them, only their rows carry it. */
const BENCH_PROFILE = 'bench-profile'

/** Enrols this page's device once, with the code the bench made for it. */
async function enrolOnce(code: string): Promise<Enrolment> {
  if (enrolment) return enrolment
  const db = new AppDatabase(`outbox-bench-enrol-${Date.now()}`)
  const outcome = await enrolDevice(db, sameOrigin(), code)
  db.close()
  await db.delete()
  if (!outcome.ok) throw new Error(outcome.message)
  return (enrolment = outcome.enrolment)
}

/** `count` submissions queued through the outbox and flushed, then as many bare POSTs, on a database of its own. */
async function run(code: string, payload: unknown, count: number, bareFirst: boolean): Promise<OutboxRun> {
  const device = await enrolOnce(code)
  const db = new AppDatabase(`outbox-bench-${count}-${Date.now()}`)
  try {
    await db.enrolment.put(device)
    for (let index = 0; index < count; index++) await enqueueSubmission(db, { kind: 'suspension', payload, label: 'Suspension notice', profileId: BENCH_PROFILE })

    // The same requests the outbox sends, sealed beforehand: only the sending is timed.
    const bare = await Promise.all(
      Array.from({ length: count }, async () => {
        const key = crypto.randomUUID()
        const sealed = await sealJson(device.sealingKey, payload, sealingAdditionalData('suspension', key))
        return { key, body: JSON.stringify({ kind: 'suspension', sealed }) }
      }),
    )
    const sendBare = async () => {
      const started = performance.now()
      for (const { key, body } of bare) {
        const response = await fetch('/api/submissions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, 'Idempotency-Key': key },
          body,
          cache: 'no-store',
        })
        if (response.status !== 201) throw new Error(`a bare POST was answered ${response.status}`)
        await response.json()
      }
      return performance.now() - started
    }
    const flush = async () => {
      const started = performance.now()
      const report = await flushOutbox({ db, connection: sameOrigin(), owner: 'bench-page', locks: navigator.locks })
      const ms = performance.now() - started
      if (report.sent !== count) throw new Error(`flushed ${report.sent} of ${count}: ${JSON.stringify(report)}`)
      return ms
    }
    // Taking turns at going first, so neither gains from a warmer service or a fuller database.
    if (bareFirst) {
      const bareMs = await sendBare()
      return { count, flushMs: await flush(), bareMs }
    }
    const flushMs = await flush()
    return { count, flushMs, bareMs: await sendBare() }
  } finally {
    db.close()
    await db.delete()
  }
}

;(globalThis as unknown as { outboxBench: typeof run }).outboxBench = run
