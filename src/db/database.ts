import Dexie, { type EntityTable } from 'dexie'
import type { Content } from '../domain/content-schema'
import type { WrappedKey } from './vault-crypto'

/** The reference content in use: one row, replaced whole so a reader never sees half of two versions. */
export interface StoredContent {
  key: 'current'
  version: string
  /** The intake service's ETag for this version, if it came from the service. */
  etag?: string
  content: Content
  storedAt: number
}

/**
 * A staff profile's wrapped data key. One profile ('default') for now; the format already
 * allows several per device.
 */
export interface KeyringEntry {
  profileId: string
  wrapped: WrappedKey
  failedAttempts: number
  lastFailedAt: number
  createdAt: number
  updatedAt: number
}

/**
 * A record of personal data: only these fields are in clear, none of them identifying.
 * Everything else is in `ciphertext`, bound to profileId, kind and id.
 */
export interface SecureRecord {
  id: string
  profileId: string
  kind: string
  status: string
  createdAt: number
  updatedAt: number
  formatVersion: 1
  iv: Uint8Array<ArrayBuffer>
  ciphertext: ArrayBuffer
}

/** Device settings that hold no personal data (the lock timeout, for one). */
export interface SettingRow {
  key: string
  value: unknown
}

export const DATABASE_NAME = 'inclusion-companion'

export class AppDatabase extends Dexie {
  content!: EntityTable<StoredContent, 'key'>
  keyring!: EntityTable<KeyringEntry, 'profileId'>
  secureRecords!: EntityTable<SecureRecord, 'id'>
  settings!: EntityTable<SettingRow, 'key'>

  constructor(name = DATABASE_NAME) {
    // Strict: a write is on disk before its transaction completes, so "saved" means saved.
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({ content: 'key' })
    this.version(2).stores({
      keyring: 'profileId',
      secureRecords: 'id, [profileId+kind], [profileId+updatedAt]',
      settings: 'key',
    })
  }
}

let database: AppDatabase | undefined

/** Opened on first use, so a page that needs no data never pays for it. */
export function appDatabase(): AppDatabase {
  database ??= new AppDatabase()
  return database
}
