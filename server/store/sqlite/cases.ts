import type Database from 'better-sqlite3'
import type { CaseStore } from '../cases-store'

export class SqliteCases implements CaseStore {
  constructor(private readonly db: Database.Database) {}
}
