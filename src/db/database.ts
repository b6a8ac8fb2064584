import Dexie, { type EntityTable } from 'dexie'
import type { Content } from '../domain/content-schema'

/** The reference content in use: one row, replaced whole so a reader never sees half of two versions. */
export interface StoredContent {
  key: 'current'
  version: string
  /** The intake service's ETag for this version, if it came from the service. */
  etag?: string
  content: Content
  storedAt: number
}

export const DATABASE_NAME = 'inclusion-companion'

export class AppDatabase extends Dexie {
  content!: EntityTable<StoredContent, 'key'>

  constructor(name = DATABASE_NAME) {
    super(name)
    this.version(1).stores({ content: 'key' })
  }
}

let database: AppDatabase | undefined

/** Opened on first use, so a page that needs no data never pays for it. */
export function appDatabase(): AppDatabase {
  database ??= new AppDatabase()
  return database
}
