/** Suspension levels per setting: rolls, the threshold, contacts, the county's terms. */
export interface LevelStore {}
