import { describe, expect, it } from 'vitest'
import { DeviceRateLimit } from '../../../server/device-rate-limit'

describe('DeviceRateLimit', () => {
  it('lets each device send its quota a minute, then says how long to wait', () => {
    const limit = new DeviceRateLimit(2)
    expect([limit.take('a', 0), limit.take('a', 1_000), limit.take('a', 2_000)]).toEqual([0, 0, 58])
    expect(limit.take('b', 2_000)).toBe(0)
    expect(limit.take('a', 60_000)).toBe(0)
  })
})
