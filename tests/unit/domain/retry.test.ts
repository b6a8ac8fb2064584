import { describe, expect, it } from 'vitest'
import { classifyAnswer, MAX_RETRY_MS, retryAfterMs, retryDelayMs } from '../../../src/domain/retry'

describe('retryDelayMs', () => {
  it.each([
    [1, 0, 1_000], [1, 0.999, 2_000], [2, 0, 2_000], [3, 0.5, 6_000], [9, 0, 256_000], [10, 0, MAX_RETRY_MS / 2], [50, 1, MAX_RETRY_MS],
  ])('attempt %i with random %f waits %i ms', (attempts, random, delay) => {
    expect(retryDelayMs(attempts, random)).toBeCloseTo(delay, -1)
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
