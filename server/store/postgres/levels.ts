import type { Db } from './db'

// To be written: the PostgreSQL levels sub-store.
export class PostgresLevels /* implements its interface once written */ {
  constructor(private readonly db: Db) {}
}
