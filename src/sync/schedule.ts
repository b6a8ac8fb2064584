import type { FlushReport } from './flush'

/**
 * The shortest wait the schedule sets between flushes: whatever a report says (a Retry-After
 * of 0, a claim that has just run out), the schedule can never spin.
 */
export const MIN_FLUSH_GAP_MS = 1_000

/**
 * Another flusher of this origin held the outbox (the worker's sync event, another tab), or a
 * profile's submissions were being erased: look again this soon, so that what is left is not
 * left to the once-a-minute pass. Taking the lock costs nothing on the network.
 */
export const RECHECK_SOON_MS = 2_000

/**
 * The flush gave way (to another flusher holding the outbox, or to an erasure) before trying
 * what was due: the next one is the same attempt, a reconnection still if this was one.
 */
function gaveWay(report: FlushReport | undefined): boolean {
  return report?.stopped === 'locked-elsewhere' || report?.stopped === 'erasing'
}

/** How long after `now` to flush again, or undefined when nothing is left queued. */
export function nextFlushDelay(report: FlushReport | undefined, now: number): number | undefined {
  if (gaveWay(report)) return RECHECK_SOON_MS
  if (report?.nextAttemptAt === undefined) return undefined
  return Math.max(MIN_FLUSH_GAP_MS, report.nextAttemptAt - now)
}

export interface Timers {
  /** `callback` answers the flush it started, for a test's timers to wait on. */
  setTimeout(callback: () => Promise<unknown>, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * The page's flushes: `run` flushes now, and each flush sets one timer for the moment the
 * earliest submission it left queued falls due (its backoff, or the service's Retry-After).
 * So after the service or the connection has been down, the queue goes out within one
 * backoff step of it coming back, not on the next once-a-minute pass. Nothing queued, no timer.
 *
 * `flush` answers undefined when it did not run (offline, or a flush already running, which
 * sets the timer itself when it ends).
 */
export function flushSchedule<Options>(
  flush: (options?: Options) => Promise<FlushReport | undefined>,
  { now = Date.now, timers = realTimers }: { now?: () => number; timers?: Timers } = {},
) {
  let timer: unknown

  function stop(): void {
    if (timer !== undefined) timers.clearTimeout(timer)
    timer = undefined
  }

  async function run(options?: Options): Promise<FlushReport | undefined> {
    const report = await flush(options)
    if (report === undefined) return undefined
    stop()
    const delay = nextFlushDelay(report, now())
    if (delay !== undefined) {
      timer = timers.setTimeout(() => {
        timer = undefined
        // A flush that fails outright (storage error) leaves the once-a-minute pass to try again.
        return run(gaveWay(report) ? options : undefined).catch(() => undefined)
      }, delay)
    }
    return report
  }

  return { run, stop }
}

/**
 * The service worker's flushes in one sync event, which the browser lets run for a few
 * minutes only, and whose own retry comes minutes later: flush, then wait and flush again
 * while what is left falls due within `budgetMs`. Answers the last report: its nextAttemptAt
 * says whether anything is still waiting. `flush(true)` is the first flush of the event, or
 * one after flushes that gave way before trying anything.
 */
export async function flushWithin(
  flush: (first: boolean) => Promise<FlushReport>,
  budgetMs: number,
  { now = Date.now, sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) }: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<FlushReport> {
  const deadline = now() + budgetMs
  let first = true
  let report = await flush(first)
  for (;;) {
    const delay = nextFlushDelay(report, now())
    if (delay === undefined || now() + delay > deadline) return report
    await sleep(delay)
    first &&= gaveWay(report)
    report = await flush(first)
  }
}
