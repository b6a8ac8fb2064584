import Dexie, { type EntityTable, type Table } from 'dexie'
import type { Content } from '../domain/content-schema'
import type { AssignedMeeting } from '../domain/submissions'
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

/** A profile's data key wrapped by its passkey's PRF secret: nothing here opens anything without the authenticator. */
export interface PasskeyWrap {
  credentialId: Uint8Array<ArrayBuffer>
  prfSalt: Uint8Array<ArrayBuffer>
  wrapIv: Uint8Array<ArrayBuffer>
  wrappedKey: ArrayBuffer
  createdAt: number
}

/**
 * A member of staff's profile on a shared device: their first name (what the lock screen
 * lists, nothing else) and their data key, wrapped by their passphrase and, if they added
 * one, by their passkey. A device from before profiles has one, 'default', with no name.
 */
export interface KeyringEntry {
  profileId: string
  name?: string
  wrapped: WrappedKey
  passkey?: PasskeyWrap
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

/**
 * A submission on its way to the Inclusion Service. Its body is sealed to the service's key,
 * so nothing in it is readable on the device; the label says only what kind of thing it is.
 */
export interface OutboxRow {
  /** Also the Idempotency-Key: the same on every attempt. */
  id: string
  kind: string
  /** The outbox id this one must follow (an outcome after its notice). */
  dependsOn?: string
  /** The exact bytes sent on every attempt; absent until the device is enrolled and it can be sealed. */
  body?: string
  label: string
  /** The profile that sent it: its draft is that profile's record. */
  profileId: string
  /** The encrypted draft it came from, whose clear status follows the submission's. */
  draftId?: string
  state: 'needs-enrolment' | 'waiting' | 'sending' | 'attention'
  attempts: number
  nextAttemptAt: number
  /** A flusher's claim: no other flusher sends this row until the lease runs out. */
  claimedBy?: string
  claimUntil?: number
  problem?: { status: number; title: string; detail?: string }
  createdAt: number
  updatedAt: number
}

/** What the device keeps once the service has acknowledged a submission. */
export interface Receipt {
  id: string
  kind: string
  label: string
  reference: string
  sentAt: number
  /** Receipts belong to the profile that sent them. */
  profileId: string
  draftId?: string
  status: string
  forumDate?: string
  outcome?: string
  /**
   * The Inclusion Service's steps on a permanent exclusion in plain words, as the service words
   * them: fixed text and dates only, so they may stay unencrypted. Not indexed: no schema change.
   */
  progress?: string[]
  /**
   * The forum meeting the Inclusion Service assigned the case to: when and where only (no case
   * details), so it may stay unencrypted. Not indexed: no schema change.
   */
  meeting?: AssignedMeeting
  /** When the Inclusion Service last recorded the case's education plan (a timestamp, nothing personal). */
  planRecordedAt?: string
  /**
   * The `planRecordedAt` of the plan the vault holds: the plan itself is personal, so it is
   * fetched into the encrypted case (sync/plans.ts), never kept here. Not indexed.
   */
  planStoredAt?: string
  statusUpdatedAt?: string
  /** When the draft's encrypted payload is deleted from the device. */
  purgeAt: number
  purged: boolean
}

/** This device's enrolment with the intake service. The token is a credential, not personal data. */
export interface Enrolment {
  key: 'device'
  token: string
  deviceId: string
  setting: { id: string; name: string; urn: string; phase: string; seipArea?: string }
  sealingKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string }
  enrolledAt: number
  revokedAt?: number
}

export const DATABASE_NAME = 'inclusion-companion'

/** The profile of a device set up before there were profiles. */
export const DEFAULT_PROFILE = 'default'

export class AppDatabase extends Dexie {
  content!: EntityTable<StoredContent, 'key'>
  keyring!: EntityTable<KeyringEntry, 'profileId'>
  /** Keyed by profile and id: two profiles' records never share a key ('staff-details'). */
  records!: Table<SecureRecord, [string, string]>
  settings!: EntityTable<SettingRow, 'key'>
  outbox!: EntityTable<OutboxRow, 'id'>
  receipts!: EntityTable<Receipt, 'id'>
  enrolment!: EntityTable<Enrolment, 'key'>

  constructor(name = DATABASE_NAME) {
    // Strict: a write is on disk before its transaction completes, so "saved" means saved.
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({ content: 'key' })
    this.version(2).stores({
      keyring: 'profileId',
      secureRecords: 'id, [profileId+kind], [profileId+updatedAt]',
      settings: 'key',
    })
    this.version(3).stores({
      outbox: 'id, state, createdAt',
      receipts: 'id, sentAt, purgeAt',
      enrolment: 'key',
    })
    // Profiles: records move to a table keyed by profile and id (IndexedDB cannot change a
    // primary key in place), and what was sent from the one profile there was is that profile's.
    this.version(4)
      .stores({ records: '[profileId+id], [profileId+kind], [profileId+updatedAt]' })
      .upgrade(async (tx) => {
        await tx.table('records').bulkAdd(await tx.table('secureRecords').toArray())
        await tx.table('outbox').toCollection().modify((row: OutboxRow) => void (row.profileId ??= DEFAULT_PROFILE))
        await tx.table('receipts').toCollection().modify((receipt: Receipt) => void (receipt.profileId ??= DEFAULT_PROFILE))
      })
    // A version of its own: the copy above must read the old table before it goes.
    this.version(5).stores({ secureRecords: null })
  }
}

let database: AppDatabase | undefined

/** Opened on first use, so a page that needs no data never pays for it. */
export function appDatabase(): AppDatabase {
  database ??= new AppDatabase()
  return database
}
