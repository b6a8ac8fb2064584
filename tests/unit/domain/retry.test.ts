import { describe, expect, it } from 'vitest'
import { classifyAnswer, MAX_RETRY_MS, retryAfterMs, retryDelayMs } from '../../../src/domain/retry'

describe('retryDelayMs', () => {
  // Worked by hand: the delay is 2 s × 2^(attempts − 1), at most 15 min; half of it is sure,
  // the other half scaled by random. So attempt 3 with random 0.25: 8 s → 4 s + 0.25 × 4 s.
  it.each([
    [1, 0, 1_000], [1, 0.5, 1_500], [1, 0.9999, 2_000], [0, 0.5, 1_500],
    [2, 0, 2_000], [2, 0.5, 3_000], [3, 0.25, 5_000], [5, 0.5, 24_000],
    [9, 0, 256_000], [10, 0, 450_000], [10, 0.5, 675_000], [50, 1, MAX_RETRY_MS],
  ])('attempt %i with random %f waits %i ms', (attempts, random, delay) => {
    expect(retryDelayMs(attempts, random)).toBe(delay)
  })

  it('after an outage, tries again 1.5 s, 4.5 s, 10.5 s, 22.5 s and 46.5 s after the first failure (random 0.5)', () => {
    let at = 0
    const tries = [1, 2, 3, 4, 5].map((attempts) => (at += retryDelayMs(attempts, 0.5)))
    expect(tries).toEqual([1_500, 4_500, 10_500, 22_500, 46_500])
  })

  it('never waits more than 15 minutes', () => {
    for (let attempts = 1; attempts < 100; attempts++) expect(retryDelayMs(attempts, 0.9999)).toBeLessThanOrEqual(MAX_RETRY_MS)
  })
})

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0)
  it.each([
    ['7', 7_000], [' 120 ', 120_000], ['Mon, 23 Nov 2026 12:00:30 GMT', 30_000], ['Mon, 23 Nov 2026 11:00:00 GMT', 0], ['soon', undefined], [null, undefined],
  ])('%j → %j', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms)
  })
})

describe('classifyAnswer', () => {
  it.each([
    [201, undefined, 'sent'], [200, undefined, 'sent'], ['network-error', undefined, 'retry'], [408, undefined, 'retry'],
    [409, undefined, 'retry'], [429, undefined, 'retry'], [500, undefined, 'retry'], [503, undefined, 'retry'],
    [401, undefined, 'not-enrolled'], [403, 'urn:inclusion-companion:problem:device-revoked', 'revoked'], [403, undefined, 'attention'],
    [400, undefined, 'attention'], [413, undefined, 'attention'], [422, 'urn:inclusion-companion:problem:invalid-payload', 'attention'],
    [422, 'urn:inclusion-companion:problem:dependency-missing', 'retry'],
  ] as const)('%s %s → %s', (status, type, expected) => {
    expect(classifyAnswer(status, type)).toBe(expected)
  })
})
