import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../../src/pages/settings/format-bytes'

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [999, '999 bytes'],
    [1_000, '1 KB'],
    [1_250, '1.3 KB'],
    [1_240, '1.2 KB'],
    [999_949, '999.9 KB'],
    [999_950, '1 MB'],
    [1_000_000, '1 MB'],
    [52_428_800, '52.4 MB'],
    [2_000_000_000, '2 GB'],
    [1_500_000_000_000, '1.5 TB'],
  ])('writes %i bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected)
  })
})
