/** The steps of each permanent exclusion case. */
export interface CaseStore {}
