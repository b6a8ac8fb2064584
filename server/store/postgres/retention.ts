import type { Db } from './db'

// To be written: the PostgreSQL retention sub-store.
export class PostgresRetention /* implements its interface once written */ {
  constructor(private readonly db: Db) {}
}
