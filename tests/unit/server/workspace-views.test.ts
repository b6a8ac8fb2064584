import { describe, expect, it } from 'vitest'
import { dateTime, longDate } from '../../../server/workspace/views'

describe('the workspace’s date filters', () => {
  it.each([
    ['2026-12-02', 'Wednesday 2 December 2026'],
    ['2027-02-28', 'Sunday 28 February 2027'],
    ['2026-12-09T10:00:00.000Z', 'Wednesday 9 December 2026'],
    ['outside-term-dates', 'outside-term-dates'],
    ['2026-02-31', '2026-02-31'],
  ])('longDate(%j) is %j', (iso, words) => {
    expect(longDate(iso)).toBe(words)
  })

  it.each([
    // Winter: UK time is UTC.
    ['2026-12-02T14:05:00.000Z', '2 December 2026 at 14:05'],
    // Summer: UK time is an hour ahead, so late evening UTC is the next day.
    ['2026-07-31T23:30:00.000Z', '1 August 2026 at 00:30'],
    ['not a time', 'not a time'],
  ])('dateTime(%j) is %j in UK time', (iso, words) => {
    expect(dateTime(iso)).toBe(words)
  })
})
