import type { Db } from './db'

// To be written: the PostgreSQL cases sub-store.
export class PostgresCases /* implements its interface once written */ {
  constructor(private readonly db: Db) {}
}
