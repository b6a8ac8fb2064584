import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FlushReport } from '../../../src/sync/flush'
import { flushSchedule, flushWithin, RECHECK_SOON_MS, MIN_FLUSH_GAP_MS, nextFlushDelay } from '../../../src/sync/schedule'

const T0 = Date.UTC(2026, 10, 23, 9)
const waiting = (nextAttemptAt?: number): FlushReport => ({ sent: 0, retrying: 1, needAttention: 0, ...(nextAttemptAt === undefined ? {} : { nextAttemptAt }) })

describe('nextFlushDelay', () => {
  it.each([
    ['nothing queued', undefined, undefined],
    ['due in 1.5 s', T0 + 1_500, 1_500],
    ['due in 2 min (Retry-After: 120)', T0 + 120_000, 120_000],
    ['due now: still a gap', T0, MIN_FLUSH_GAP_MS],
    ['overdue: still a gap', T0 - 5_000, MIN_FLUSH_GAP_MS],
  ])('%s → %s ms', (_case, nextAttemptAt, delay) => {
    expect(nextFlushDelay(waiting(nextAttemptAt), T0)).toBe(delay)
  })

  it('sets nothing after a flush that did not run, or that found the device not enrolled or revoked', () => {
    expect(nextFlushDelay(undefined, T0)).toBeUndefined()
    expect(nextFlushDelay({ sent: 0, retrying: 0, needAttention: 0, stopped: 'not-enrolled' }, T0)).toBeUndefined()
    expect(nextFlushDelay({ sent: 0, retrying: 0, needAttention: 0, stopped: 'revoked' }, T0)).toBeUndefined()
  })

  it('looks again shortly when another flusher held the outbox, so its schedule is not lost when it stops', () => {
    expect(nextFlushDelay({ sent: 0, retrying: 0, needAttention: 0, stopped: 'locked-elsewhere' }, T0)).toBe(RECHECK_SOON_MS)
  })

  it('looks again shortly after stopping for an erasure: the other profiles’ submissions still wait', () => {
    expect(nextFlushDelay({ sent: 3, retrying: 0, needAttention: 0, stopped: 'erasing' }, T0)).toBe(RECHECK_SOON_MS)
  })
})

describe('flushSchedule', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('flushes again when what was left falls due, until nothing is queued', async () => {
    const reports = [waiting(T0 + 1_500), waiting(T0 + 4_500), { sent: 1, retrying: 0, needAttention: 0 }]
    const flushedAt: number[] = []
    const schedule = flushSchedule(async () => {
      flushedAt.push(Date.now() - T0)
      return reports.shift()
    })
    await schedule.run()
    await vi.runAllTimersAsync()
    expect(flushedAt).toEqual([0, 1_500, 4_500])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps one timer: a flush asked for meanwhile sets it afresh', async () => {
    const flushedAt: number[] = []
    const schedule = flushSchedule(async () => {
      flushedAt.push(Date.now() - T0)
      return flushedAt.length < 3 ? waiting(Date.now() + 10_000) : { sent: 1, retrying: 0, needAttention: 0 }
    })
    await schedule.run()
    await vi.advanceTimersByTimeAsync(4_000)
    await schedule.run() // the connection came back, say
    expect(vi.getTimerCount()).toBe(1)
    await vi.runAllTimersAsync()
    expect(flushedAt).toEqual([0, 4_000, 14_000])
  })

  it('keeps a reconnection a reconnection when the flush gave way to an erasure or another flusher', async () => {
    const reports: FlushReport[] = [
      { sent: 0, retrying: 0, needAttention: 0, stopped: 'erasing' },
      { sent: 0, retrying: 0, needAttention: 0, stopped: 'locked-elsewhere' },
      waiting(T0 + 60_000),
      { sent: 1, retrying: 0, needAttention: 0 },
    ]
    const asked: ({ reconnected: boolean } | undefined)[] = []
    const schedule = flushSchedule(async (options?: { reconnected: boolean }) => {
      asked.push(options)
      return reports.shift()
    })
    await schedule.run({ reconnected: true })
    await vi.runAllTimersAsync()
    // The first flush that ran sets its own backoff: the one after it is no reconnection.
    expect(asked).toEqual([{ reconnected: true }, { reconnected: true }, { reconnected: true }, undefined])
  })

  it('leaves the timer alone when a flush does not run (offline, or one already running)', async () => {
    let run = true
    const schedule = flushSchedule(async () => (run ? waiting(Date.now() + 3_000) : undefined))
    await schedule.run()
    run = false
    await schedule.run()
    expect(vi.getTimerCount()).toBe(1)
    schedule.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('flushWithin (the service worker’s sync event)', () => {
  it('flushes again while what is left falls due within the budget, then answers the last report', async () => {
    let now = T0
    const slept: number[] = []
    const reports = [waiting(T0 + 1_500), waiting(T0 + 4_500), waiting(T0 + 10_500), waiting(T0 + 22_500)]
    const firsts: boolean[] = []
    const report = await flushWithin(
      async (first) => {
        firsts.push(first)
        return reports.shift()!
      },
      15_000,
      {
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms)
          now += ms
        },
      },
    )
    // 22.5 s is beyond the 15 s budget: left to the browser's own retry.
    expect(slept).toEqual([1_500, 3_000, 6_000])
    expect(firsts).toEqual([true, false, false, false])
    expect(report.nextAttemptAt).toBe(T0 + 22_500)
  })

  it('tells the flush after one that gave way that it is still the first', async () => {
    let now = T0
    const reports: FlushReport[] = [{ sent: 0, retrying: 0, needAttention: 0, stopped: 'erasing' }, waiting(T0 + 5_000), { sent: 1, retrying: 0, needAttention: 0 }]
    const firsts: boolean[] = []
    await flushWithin(
      async (first) => {
        firsts.push(first)
        return reports.shift()!
      },
      60_000,
      { now: () => now, sleep: async (ms) => void (now += ms) },
    )
    expect(firsts).toEqual([true, true, false])
  })

  it('stops as soon as nothing is queued', async () => {
    const sleep = vi.fn(async () => {})
    const report = await flushWithin(async () => ({ sent: 2, retrying: 0, needAttention: 0 }), 60_000, { now: () => T0, sleep })
    expect(report.sent).toBe(2)
    expect(sleep).not.toHaveBeenCalled()
  })
})
