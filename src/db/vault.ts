import { nextAttemptAt } from '../domain/passphrase-rules'
import type { AppDatabase, KeyringEntry, PasskeyWrap, SecureRecord } from './database'
import { eraseOutboxWith } from './outbox-erasure'
import {
  createDataKey, decryptJson, encryptJson, exportableDataKey, rewrapDataKey, unlockDataKey, WrongPassphraseError, type WrappedKey,
} from './vault-crypto'

/**
 * The settings row a removal changes, which the previous release's flusher read before each
 * send. Drop it, and the e2e test's expectation, in the release after this one.
 */
const PREVIOUS_RELEASE_ERASURE_MARK = 'outboxErased'

/** 'new': no profile yet on this device. */
export type VaultState = 'new' | 'locked' | 'unlocked'

/** What the lock screen may show of a profile: its first name, nothing else personal. */
export interface ProfileSummary {
  id: string
  /** Empty for the profile of a device set up before there were profiles, until it is named. */
  name: string
  hasPasskey: boolean
}

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
 * The WebAuthn ceremonies (passkey.ts), given by the page: the vault's code is also compiled
 * for the service worker, which has no WebAuthn, and tests can give their own.
 */
export interface PasskeyCeremonies {
  register(profile: { id: string; name: string }, exportableDataKey: CryptoKey, now: number): Promise<PasskeyWrap>
  unlock(stored: PasskeyWrap): Promise<CryptoKey>
}

/** How long before-lock work (saving what was typed) may take before the app locks anyway. */
const BEFORE_LOCK_TIMEOUT_MS = 5_000

/** The settings row naming the profile last unlocked here: the lock screen offers it first. */
const LAST_PROFILE = 'lastProfile'

/**
 * Encryption at rest for the staff profiles of a device. At most one profile is unlocked in a
 * tab at a time; repositories read and write personal data only through here, and only the
 * unlocked profile's. IndexedDB sees ciphertext and the fields of RecordMeta.
 */
export class Vault {
  private unlocked: { profileId: string; dataKey: CryptoKey } | undefined
  /** Goes up at every lock: a read that started before a lock must not hand out what it decrypted. */
  private generation = 0
  private locking: Promise<void> | undefined
  private readonly beforeLock = new Set<LockListener>()
  private readonly afterLock = new Set<LockListener>()

  constructor(
    private readonly db: AppDatabase,
    private readonly iterations?: number,
    private readonly now: () => number = Date.now,
    private readonly passkeys?: PasskeyCeremonies,
  ) {}

  get isUnlocked(): boolean {
    return this.unlocked !== undefined
  }

  /** The unlocked profile's id; undefined while locked. */
  get profileId(): string | undefined {
    return this.unlocked?.profileId
  }

  async state(): Promise<VaultState> {
    if (this.unlocked) return 'unlocked'
    return (await this.db.keyring.count()) > 0 ? 'locked' : 'new'
  }

  /** Every profile on the device, oldest first. */
  async profiles(): Promise<ProfileSummary[]> {
    const entries = await this.db.keyring.toArray()
    return entries
      .sort((a, b) => a.createdAt - b.createdAt || a.profileId.localeCompare(b.profileId))
      .map((entry) => ({ id: entry.profileId, name: entry.name ?? '', hasPasskey: entry.passkey !== undefined }))
  }

  /** The profile last unlocked on this device, if it is still here. */
  async lastProfile(): Promise<string | undefined> {
    const id = (await this.db.settings.get(LAST_PROFILE))?.value
    return typeof id === 'string' && (await this.db.keyring.get(id)) ? id : undefined
  }

  async attempts(profileId: string): Promise<AttemptState> {
    const entry = await this.db.keyring.get(profileId)
    if (!entry) return { failedAttempts: 0, retryAt: 0 }
    return { failedAttempts: entry.failedAttempts, retryAt: nextAttemptAt(entry.failedAttempts, entry.lastFailedAt) }
  }

  /** A new profile with its own data key, unlocked at once (locking whichever was). Answers its id. */
  async create(name: string, passphrase: string): Promise<string> {
    const { wrapped, dataKey } = await createDataKey(passphrase, this.iterations)
    const profileId = crypto.randomUUID()
    const at = this.now()
    await this.db.keyring.add({ profileId, name: name.trim(), wrapped, failedAttempts: 0, lastFailedAt: 0, createdAt: at, updatedAt: at })
    await this.open(profileId, dataKey)
    return profileId
  }

  async unlock(profileId: string, passphrase: string): Promise<void> {
    const entry = await this.entry(profileId)
    const retryAt = nextAttemptAt(entry.failedAttempts, entry.lastFailedAt)
    if (retryAt > this.now()) throw new TooSoonError(retryAt)
    let dataKey: CryptoKey
    try {
      dataKey = await unlockDataKey(entry.wrapped, passphrase)
    } catch (error) {
      if (error instanceof WrongPassphraseError) {
        await this.updateEntry(profileId, { failedAttempts: entry.failedAttempts + 1, lastFailedAt: this.now() })
      }
      throw error
    }
    if (entry.failedAttempts > 0) await this.updateEntry(profileId, { failedAttempts: 0, lastFailedAt: 0 })
    await this.open(profileId, dataKey)
  }

  /** The authenticator's PRF secret unwraps the data key: no passphrase is stored anywhere. */
  async unlockWithPasskey(profileId: string): Promise<void> {
    const { passkey } = await this.entry(profileId)
    if (!passkey || !this.passkeys) throw new Error('This profile has no passkey here')
    await this.open(profileId, await this.passkeys.unlock(passkey))
  }

  /**
   * Adds a passkey to the unlocked profile, replacing any it had. The passphrase is asked for
   * again, as for any new way in, and is what lets the data key be wrapped a second time.
   */
  async addPasskey(passphrase: string): Promise<void> {
    const entry = await this.entry(this.requireUnlocked().profileId)
    if (!this.passkeys) throw new Error('Passkeys cannot be used here')
    const exportable = await exportableDataKey(entry.wrapped, passphrase)
    const passkey = await this.passkeys.register({ id: entry.profileId, name: entry.name || 'Staff' }, exportable, this.now())
    await this.updateEntry(entry.profileId, { passkey, updatedAt: this.now() })
  }

  async removePasskey(): Promise<void> {
    await this.updateEntry(this.requireUnlocked().profileId, { passkey: undefined, updatedAt: this.now() })
  }

  async rename(name: string): Promise<void> {
    await this.updateEntry(this.requireUnlocked().profileId, { name: name.trim(), updatedAt: this.now() })
  }

  /** Whichever profile was unlocked is locked first: one profile's key at a time. */
  private async open(profileId: string, dataKey: CryptoKey): Promise<void> {
    if (this.unlocked) await this.lock()
    this.unlocked = { profileId, dataKey }
    await this.db.settings.put({ key: LAST_PROFILE, value: profileId })
  }

  /**
   * Whole rows with put, never a partial update: the binary fields then go through
   * IndexedDB's own structured clone, and WebCrypto accepts them when read back.
   */
  private async updateEntry(profileId: string, changes: Partial<KeyringEntry>): Promise<void> {
    await this.db.transaction('rw', this.db.keyring, async () => {
      const entry = await this.entry(profileId)
      await this.db.keyring.put({ ...entry, ...changes })
    })
  }

  private async entry(profileId: string): Promise<KeyringEntry> {
    const entry = await this.db.keyring.get(profileId)
    if (!entry) throw new Error('There is no such profile on this device')
    return entry
  }

  /**
   * Runs the before-lock hooks (an autosave flushes), forgets the key, then tells stores to
   * drop what they decrypted. The key is forgotten even if a hook fails or hangs.
   */
  lock(): Promise<void> {
    if (!this.unlocked) return this.locking ?? Promise.resolve()
    this.locking ??= (async () => {
      try {
        const hooks = Promise.allSettled([...this.beforeLock].map((listener) => listener()))
        await Promise.race([hooks, new Promise((resolve) => setTimeout(resolve, BEFORE_LOCK_TIMEOUT_MS))])
      } finally {
        await this.forgetKey()
        this.locking = undefined
      }
    })()
    return this.locking
  }

  /** Forgets the key and tells stores to drop what they decrypted; nothing is saved first. */
  private async forgetKey(): Promise<void> {
    this.unlocked = undefined
    this.generation++
    await Promise.allSettled([...this.afterLock].map((listener) => listener()))
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
    const { profileId } = this.requireUnlocked()
    const wrapped: WrappedKey = await rewrapDataKey((await this.entry(profileId)).wrapped, currentPassphrase, newPassphrase)
    await this.updateEntry(profileId, { wrapped, updatedAt: this.now() })
  }

  /** Saves a record; without a status it keeps the stored one (the outbox moves it on: submitted, sent). */
  async put<T>(meta: { id: string; kind: string; status?: string; createdAt?: number }, data: T): Promise<RecordMeta> {
    const { profileId, dataKey } = this.requireUnlocked()
    const sealed = await encryptJson(dataKey, data, associatedData(profileId, meta.kind, meta.id))
    const { db } = this
    return db.transaction('rw', db.keyring, db.records, async () => {
      // A profile removed meanwhile (in another tab, whose word has not arrived yet) takes no
      // more records: what this tab saves as it locks must not outlive the removal.
      if (!(await db.keyring.get(profileId))) throw new VaultLockedError()
      const existing = meta.status === undefined || meta.createdAt === undefined ? await db.records.get([profileId, meta.id]) : undefined
      const at = this.now()
      const row: SecureRecord = {
        id: meta.id,
        profileId,
        kind: meta.kind,
        status: meta.status ?? existing?.status ?? 'draft',
        createdAt: meta.createdAt ?? existing?.createdAt ?? at,
        updatedAt: at,
        formatVersion: 1,
        ...sealed,
      }
      await db.records.put(row)
      return metaOf(row)
    })
  }

  async get<T>(id: string): Promise<DecryptedRecord<T> | undefined> {
    const { profileId, dataKey } = this.requireUnlocked()
    const generation = this.generation
    const row = await this.db.records.get([profileId, id])
    if (!row) return undefined
    const data = await decryptJson<T>(dataKey, row, associatedData(row.profileId, row.kind, row.id))
    if (generation !== this.generation) throw new VaultLockedError()
    return { ...metaOf(row), data }
  }

  /** Lists a kind without decrypting anything: what a list page can show before opening a record. */
  async listMeta(kind: string): Promise<RecordMeta[]> {
    const { profileId } = this.requireUnlocked()
    return this.db.records
      .where('[profileId+kind]')
      .equals([profileId, kind])
      .toArray((rows) => rows.map(metaOf))
  }

  async delete(id: string): Promise<void> {
    await this.db.records.delete([this.requireUnlocked().profileId, id])
  }

  /**
   * Removes a profile and everything personal it holds, as the confirmation says: its records,
   * its key, what it queued that is still unsent, and its receipts. Content, settings and other
   * profiles stay. Needs no key, so a forgotten passphrase can be recovered from.
   */
  async removeProfile(profileId: string): Promise<void> {
    const { db } = this
    const ofProfile = (row: { profileId: string }) => row.profileId === profileId
    // Once no flusher is sending: none sends what is erased here after the user confirmed.
    await eraseOutboxWith(() =>
      db.transaction('rw', [db.keyring, db.records, db.outbox, db.receipts, db.settings], async () => {
        await db.records.where('[profileId+kind]').between([profileId, ''], [profileId, '\uffff']).delete()
        await db.keyring.delete(profileId)
        if ((await db.settings.get(LAST_PROFILE))?.value === profileId) await db.settings.delete(LAST_PROFILE)
        await db.outbox.bulkDelete((await db.outbox.toArray()).filter(ofProfile).map((row) => row.id))
        // A tab still running the previous release (until its user accepts the update) hears
        // no word: its flusher stops on this mark.
        await db.settings.put({ key: PREVIOUS_RELEASE_ERASURE_MARK, value: crypto.randomUUID() })
        await db.receipts.bulkDelete((await db.receipts.toArray()).filter(ofProfile).map((receipt) => receipt.id))
      }),
    )
    if (this.unlocked?.profileId === profileId) await this.forgetKey()
  }

  /** Another tab removed this profile: its key goes without saving, since its records are gone. */
  async forgetRemoved(profileId: string): Promise<void> {
    if (this.unlocked?.profileId === profileId) await this.forgetKey()
  }

  private requireUnlocked(): { profileId: string; dataKey: CryptoKey } {
    if (!this.unlocked) throw new VaultLockedError()
    return this.unlocked
  }
}

/** Binds a ciphertext to its profile and record: moved to another, it does not decrypt. */
function associatedData(profileId: string, kind: string, id: string): string {
  return `${profileId}\u0000${kind}\u0000${id}`
}

function metaOf(row: SecureRecord): RecordMeta {
  return { id: row.id, kind: row.kind, status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt }
}
