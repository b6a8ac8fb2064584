import { compareIsoText } from './dates'

/** Content versions are date-based, YYYY-MM-DD.N. Positive when version a is newer than b. */
export function compareContentVersions(a: string, b: string): number {
  const [dateA = '', revisionA = '0'] = a.split('.')
  const [dateB = '', revisionB = '0'] = b.split('.')
  return compareIsoText(dateA, dateB) || Number(revisionA) - Number(revisionB)
}
