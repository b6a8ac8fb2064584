const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB']

/** "1.2 MB": sizes as people read them (1 KB = 1,000 bytes, as storage is sold). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const shown = unit === 0 ? String(value) : value.toLocaleString('en-GB', { maximumFractionDigits: 1 })
  return `${shown} ${UNITS[unit]}`
}
