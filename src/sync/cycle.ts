import { flushOutbox, type FlushOptions, type FlushReport } from './flush'
import { flushWithin } from './schedule'
import { purgeSentPayloads, refreshStatuses } from './status'

export interface SyncCycleOptions extends FlushOptions {
  /**
   * How long the cycle may keep flushing as what is left falls due: the service worker's sync
   * event, which the browser retries only minutes later. The page's cycle flushes once (0) and
   * its schedule (`flushSchedule`) sets the next.
   */
  retryWithinMs?: number
  /** Waits between those flushes (a test's clock). */
  sleep?: (ms: number) => Promise<void>
}

/**
 * One pass of sending, the same for the page and the service worker: send what is due, bring
 * the receipts' statuses up to date, then delete sent payloads past the retention period.
 * Answers the (last) flush's report: its nextAttemptAt says whether anything is still waiting.
 */
export async function runSyncCycle(options: SyncCycleOptions): Promise<FlushReport> {
  const { db, connection, reconnected = false, retryWithinMs = 0, sleep } = options
  const now = options.now ?? Date.now
  // Only the first flush is the reconnection: a later one in the same cycle keeps the backoff.
  const report = await flushWithin((first) => flushOutbox({ ...options, reconnected: first && reconnected }), retryWithinMs, { now, sleep })
  await refreshStatuses(db, connection)
  await purgeSentPayloads(db, now())
  return report
}
