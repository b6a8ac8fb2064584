import { nextAttemptAt } from '../domain/passphrase-rules'
import type { AppDatabase, SecureRecord } from './database'
import {
  createDataKey, decryptJson, encryptJson, rewrapDataKey, unlockDataKey, WrongPassphraseError, type WrappedKey,
} from './vault-crypto'

export type VaultState = 'new' | 'locked' | 'unlocked'

export class VaultLockedError extends Error {
  constructor() {
    super('The app is locked: unlock it to read or save personal data')
    this.name = 'VaultLockedError'
  }
}

export class TooSoonError extends Error {
  constructor(readonly retryAt: number) {
    super('Wait before trying the passphrase again')
    this.name = 'TooSoonError'
  }
}

/** The clear, non-identifying part of a record: what indexes and lists may show. */
export interface RecordMeta {
  id: string
  kind: string
  status: string
  createdAt: number
  updatedAt: number
}

export interface DecryptedRecord<T> extends RecordMeta {
  data: T
}

export interface AttemptState {
  failedAttempts: number
  /** Epoch ms before which another try is refused; 0 when a try is allowed now. */
  retryAt: number
}

type LockListener = () => void | Promise<void>

/**
 * Encryption at rest for one staff profile. Repositories read and write personal data only
 * through here; IndexedDB sees ciphertext and the fields of RecordMeta.
 */
/** How long before-lock work (saving what was typed) may take before the app locks anyway. */
const BEFORE_LOCK_TIMEOUT_MS = 5_000

export class Vault {
  private dataKey: CryptoKey | undefined
  /** Goes up at every lock: a read that started before a lock must not hand out what it decrypted. */
  private generation = 0
  private locking: Promise<void> | undefined
  private readonly beforeLock = new Set<LockListener>()
  private readonly afterLock = new Set<LockListener>()

  constructor(
    private readonly db: AppDatabase,
    readonly profileId = 'default',
    private readonly iterations?: number,
    private readonly now: () => number = Date.now,
  ) {}

  get isUnlocked(): boolean {
    return this.dataKey !== undefined
  }

  async state(): Promise<VaultState> {
    if (this.dataKey) return 'unlocked'
    return (await this.db.keyring.get(this.profileId)) ? 'locked' : 'new'
  }

  async attempts(): Promise<AttemptState> {
    const entry = await this.db.keyring.get(this.profileId)
    if (!entry) return { failedAttempts: 0, retryAt: 0 }
    return { failedAttempts: entry.failedAttempts, retryAt: nextAttemptAt(entry.failedAttempts, entry.lastFailedAt) }
  }

  async create(passphrase: string): Promise<void> {
    const { wrapped, dataKey } = await createDataKey(passphrase, this.iterations)
    const at = this.now()
    await this.db.transaction('rw', this.db.keyring, async () => {
      if (await this.db.keyring.get(this.profileId)) throw new Error('This profile already has a passphrase')
      await this.db.keyring.add({ profileId: this.profileId, wrapped, failedAttempts: 0, lastFailedAt: 0, createdAt: at, updatedAt: at })
    })
    this.dataKey = dataKey
  }

  async unlock(passphrase: string): Promise<void> {
    const entry = await this.db.keyring.get(this.profileId)
    if (!entry) throw new Error('This profile has no passphrase yet')
    const retryAt = nextAttemptAt(entry.failedAttempts, entry.lastFailedAt)
    if (retryAt > this.now()) throw new TooSoonError(retryAt)
    try {
      this.dataKey = await unlockDataKey(entry.wrapped, passphrase)
    } catch (error) {
      if (error instanceof WrongPassphraseError) {
        await this.db.keyring.put({ ...entry, failedAttempts: entry.failedAttempts + 1, lastFailedAt: this.now() })
      }
      throw error
    }
    if (entry.failedAttempts > 0) await this.db.keyring.put({ ...entry, failedAttempts: 0, lastFailedAt: 0 })
  }

  /**
   * Runs the before-lock hooks (an autosave flushes), forgets the key, then tells stores to
   * drop what they decrypted. The key is forgotten even if a hook fails or hangs.
   */
  lock(): Promise<void> {
    if (!this.dataKey) return this.locking ?? Promise.resolve()
    this.locking ??= (async () => {
      try {
        const hooks = Promise.allSettled([...this.beforeLock].map((listener) => listener()))
        await Promise.race([hooks, new Promise((resolve) => setTimeout(resolve, BEFORE_LOCK_TIMEOUT_MS))])
      } finally {
        this.forgetKey()
        await Promise.allSettled([...this.afterLock].map((listener) => listener()))
        this.locking = undefined
      }
    })()
    return this.locking
  }

  private forgetKey(): void {
    this.dataKey = undefined
    this.generation++
  }

  onBeforeLock(listener: LockListener): () => void {
    this.beforeLock.add(listener)
    return () => this.beforeLock.delete(listener)
  }

  onLock(listener: LockListener): () => void {
    this.afterLock.add(listener)
    return () => this.afterLock.delete(listener)
  }

  /** Re-wraps the data key only: fast, whatever the amount of data. */
  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    const entry = await this.db.keyring.get(this.profileId)
    if (!entry) throw new Error('This profile has no passphrase yet')
    const wrapped: WrappedKey = await rewrapDataKey(entry.wrapped, currentPassphrase, newPassphrase)
    // Whole rows with put: the binary fields then go through IndexedDB's own structured clone.
    await this.db.keyring.put({ ...entry, wrapped, updatedAt: this.now() })
  }

  /** Saves a record; without a status it keeps the stored one (the outbox moves it on: submitted, sent). */
  async put<T>(meta: { id: string; kind: string; status?: string; createdAt?: number }, data: T): Promise<RecordMeta> {
    const key = this.requireKey()
    const sealed = await encryptJson(key, data, this.associatedData(meta.kind, meta.id))
    const existing = meta.status === undefined || meta.createdAt === undefined ? await this.db.secureRecords.get(meta.id) : undefined
    const at = this.now()
    const row: SecureRecord = {
      id: meta.id,
      profileId: this.profileId,
      kind: meta.kind,
      status: meta.status ?? existing?.status ?? 'draft',
      createdAt: meta.createdAt ?? existing?.createdAt ?? at,
      updatedAt: at,
      formatVersion: 1,
      ...sealed,
    }
    await this.db.secureRecords.put(row)
    return this.metaOf(row)
  }

  async get<T>(id: string): Promise<DecryptedRecord<T> | undefined> {
    const key = this.requireKey()
    const generation = this.generation
    const row = await this.db.secureRecords.get(id)
    if (!row || row.profileId !== this.profileId) return undefined
    const data = await decryptJson<T>(key, row, this.associatedData(row.kind, row.id))
    if (generation !== this.generation) throw new VaultLockedError()
    return { ...this.metaOf(row), data }
  }

  /** Lists a kind without decrypting anything: what a list page can show before opening a record. */
  listMeta(kind: string): Promise<RecordMeta[]> {
    return this.db.secureRecords
      .where('[profileId+kind]')
      .equals([this.profileId, kind])
      .toArray((rows) => rows.map((row) => this.metaOf(row)))
  }

  async delete(id: string): Promise<void> {
    await this.db.secureRecords.delete(id)
  }

  /**
   * Forgotten passphrase: everything personal goes, as the confirmation says: the records, the
   * key, and what waits unsent in the outbox and the receipts. Content and settings stay.
   * (The outbox and receipts are the device's, not a profile's: one profile per device for now.)
   */
  async erasePersonalData(): Promise<void> {
    const { db } = this
    await db.transaction('rw', [db.keyring, db.secureRecords, db.outbox, db.receipts], async () => {
      await db.secureRecords.where('[profileId+kind]').between([this.profileId, ''], [this.profileId, '\uffff']).delete()
      await db.keyring.delete(this.profileId)
      await db.outbox.clear()
      await db.receipts.clear()
    })
    this.forgetKey()
    await Promise.allSettled([...this.afterLock].map((listener) => listener()))
  }

  private requireKey(): CryptoKey {
    if (!this.dataKey) throw new VaultLockedError()
    return this.dataKey
  }

  private associatedData(kind: string, id: string): string {
    return `${this.profileId}\u0000${kind}\u0000${id}`
  }

  private metaOf(row: SecureRecord): RecordMeta {
    return { id: row.id, kind: row.kind, status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt }
  }
}
