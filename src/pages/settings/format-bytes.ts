const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB']

/** One decimal place at most, written out: a page's first use of Intl loads locale data. */
const oneDecimal = (value: number) => Math.round(value * 10) / 10

/** "1.2 MB": sizes as people read them (1 KB = 1,000 bytes, as storage is sold). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  // On the rounded value, so that 999,950 bytes is "1 MB", not "1000 KB".
  while (oneDecimal(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return `${oneDecimal(value)} ${UNITS[unit]}`
}
