/**
 * The forum case's sections by id, in order: all the router needs to give each its address,
 * without loading the whole section table (forum-case-sections.ts) with every page. The
 * table's tests check that the two agree.
 */
export const CASE_SECTION_IDS = [
  'about',
  'consent',
  'behaviour',
  'outside',
  'send',
  'medical',
  'attendance',
  'strategies',
  'suspected',
  'environment',
  'other',
  'advice',
  're-referral',
] as const

/** The address of a section's page: only the sections' ids match, so any other is "Page not found". */
export function caseRoutePattern(sectionIds: readonly string[]): string {
  return `/cases/:caseId/:section(${sectionIds.join('|')})`
}
