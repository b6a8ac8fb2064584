import type { Db } from './db'

// To be written: the PostgreSQL people sub-store.
export class PostgresPeople /* implements its interface once written */ {
  constructor(private readonly db: Db) {}
}
