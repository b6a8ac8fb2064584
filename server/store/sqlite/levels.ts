import type Database from 'better-sqlite3'
import type { LevelStore } from '../levels-store'

export class SqliteLevels implements LevelStore {
  constructor(private readonly db: Database.Database) {}
}
