import type { Db } from './db'

// To be written: the PostgreSQL audit sub-store.
export class PostgresAudit /* implements its interface once written */ {
  constructor(private readonly db: Db) {}
}
