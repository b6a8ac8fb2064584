import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDatabase } from '../../../src/db/database'
import { TooSoonError, Vault, VaultLockedError } from '../../../src/db/vault'
import { TamperedRecordError, WrongPassphraseError } from '../../../src/db/vault-crypto'

const FAST = 1_000
const PASSPHRASE = 'long enough passphrase'
let db: AppDatabase
let clock: number
const newVault = () => new Vault(db, FAST, () => clock)

beforeEach(() => {
  db = new AppDatabase(`vault-${crypto.randomUUID()}`)
  clock = Date.UTC(2026, 10, 23, 9)
})
afterEach(() => db.delete())

describe('the vault', () => {
  it('is new, then unlocked on creation, locked after lock and unlocked again by the passphrase', async () => {
    const vault = newVault()
    expect(await vault.state()).toBe('new')
    const profileId = await vault.create('Alex', PASSPHRASE)
    expect(await vault.state()).toBe('unlocked')
    expect(vault.profileId).toBe(profileId)
    await vault.lock()
    expect(await vault.state()).toBe('locked')
    expect(vault.profileId).toBeUndefined()
    await vault.unlock(profileId, PASSPHRASE)
    expect(await vault.state()).toBe('unlocked')
    expect(vault.profileId).toBe(profileId)
  })

  it('stores ciphertext with only non-identifying fields in clear', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    await vault.put({ id: 'case-1', kind: 'forum-case', status: 'draft' }, { name: 'MARKER-Ada', upn: 'A123456789012' })
    const row = await db.records.get([profileId, 'case-1'])
    expect(Object.keys(row!).sort()).toEqual(['ciphertext', 'createdAt', 'formatVersion', 'id', 'iv', 'kind', 'profileId', 'status', 'updatedAt'])
    expect(JSON.stringify(row)).not.toContain('MARKER')
    expect(Buffer.from(row!.ciphertext).toString('latin1')).not.toContain('MARKER')
    expect((await vault.get('case-1'))?.data).toEqual({ name: 'MARKER-Ada', upn: 'A123456789012' })
  })

  it('reads and writes nothing while locked, and a new Vault over the same database starts locked', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    await vault.put({ id: 'r', kind: 'k' }, { secret: 1 })
    await vault.lock()
    await expect(vault.get('r')).rejects.toBeInstanceOf(VaultLockedError)
    await expect(vault.put({ id: 'r', kind: 'k' }, {})).rejects.toBeInstanceOf(VaultLockedError)
    // listMeta throws at once rather than rejecting: either way, nothing is listed.
    await expect((async () => vault.listMeta('k'))()).rejects.toBeInstanceOf(VaultLockedError)
    await expect(vault.delete('r')).rejects.toBeInstanceOf(VaultLockedError)
    const afterReload = newVault()
    expect(await afterReload.state()).toBe('locked')
    await afterReload.unlock(profileId, PASSPHRASE)
    expect((await afterReload.get('r'))?.data).toEqual({ secret: 1 })
  })

  it('lists records by kind without decrypting them', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    await vault.put({ id: 'a', kind: 'forum-case', status: 'draft' }, {})
    await vault.put({ id: 'b', kind: 'exclusion' }, {})
    // A ciphertext that cannot be decrypted still lists: listing reads only the fields in clear.
    const row = (await db.records.get([profileId, 'a']))!
    await db.records.put({ ...row, ciphertext: new Uint8Array(row.ciphertext.byteLength).buffer })
    await expect(vault.get('a')).rejects.toBeInstanceOf(TamperedRecordError)
    expect(await vault.listMeta('forum-case')).toEqual([
      { id: 'a', kind: 'forum-case', status: 'draft', createdAt: clock, updatedAt: clock },
    ])
  })

  it('runs before-lock hooks while still unlocked, then lock hooks', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    const seen: string[] = []
    vault.onBeforeLock(async () => {
      await vault.put({ id: 'autosaved', kind: 'k' }, { typed: 'last words' })
      seen.push('before')
    })
    vault.onLock(() => {
      seen.push(`after, unlocked: ${vault.isUnlocked}`)
    })
    await vault.lock()
    expect(seen).toEqual(['before', 'after, unlocked: false'])
    await vault.unlock(profileId, PASSPHRASE)
    expect((await vault.get('autosaved'))?.data).toEqual({ typed: 'last words' })
  })

  it('makes the user wait longer after each wrong passphrase, across reloads, and forgives after a right one', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    await vault.lock()
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(vault.unlock(profileId, 'wrong guess ' + attempt)).rejects.toBeInstanceOf(WrongPassphraseError)
    }
    expect(await newVault().attempts(profileId)).toEqual({ failedAttempts: 3, retryAt: clock + 2_000 })
    await expect(newVault().unlock(profileId, PASSPHRASE)).rejects.toBeInstanceOf(TooSoonError)
    clock += 2_000
    await vault.unlock(profileId, PASSPHRASE)
    expect(await vault.attempts(profileId)).toEqual({ failedAttempts: 0, retryAt: 0 })
  })

  it('changes the passphrase without touching the records', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', 'first passphrase')
    await vault.put({ id: 'r', kind: 'k' }, { kept: true })
    const before = await db.records.get([profileId, 'r'])
    await vault.changePassphrase('first passphrase', 'second passphrase')
    expect(await db.records.get([profileId, 'r'])).toEqual(before)
    await vault.lock()
    await expect(vault.unlock(profileId, 'first passphrase')).rejects.toBeInstanceOf(WrongPassphraseError)
    await vault.unlock(profileId, 'second passphrase')
    expect((await vault.get('r'))?.data).toEqual({ kept: true })
  })

  it('erases the personal data and the key, and keeps content and settings', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    await vault.put({ id: 'r', kind: 'k' }, {})
    await db.settings.put({ key: 'lockAfterMinutes', value: 5 })
    let told = false
    vault.onLock(() => {
      told = true
    })
    await vault.removeProfile(profileId)
    expect(told).toBe(true)
    expect(vault.isUnlocked).toBe(false)
    expect(await vault.state()).toBe('new')
    expect(await db.records.count()).toBe(0)
    expect(await db.keyring.count()).toBe(0)
    expect(await db.settings.get('lockAfterMinutes')).toEqual({ key: 'lockAfterMinutes', value: 5 })
  })

  it('keeps profiles apart: another profile cannot read this one’s records', async () => {
    const mine = newVault()
    const theirs = newVault()
    await mine.create('Alex', PASSPHRASE)
    await theirs.create('Sam', 'their own passphrase')
    await mine.put({ id: 'r', kind: 'k' }, { mine: true })
    expect(await theirs.get('r')).toBeUndefined()
    expect(await theirs.listMeta('k')).toEqual([])
  })
})

describe('locking, whatever happens', () => {
  it('forgets the key even when saving before the lock fails', async () => {
    const vault = newVault()
    await vault.create('Alex', PASSPHRASE)
    vault.onBeforeLock(async () => {
      throw new Error('disk full')
    })
    await vault.lock()
    expect(vault.isUnlocked).toBe(false)
  })

  it('does not hand out what it decrypted if the app locked meanwhile', async () => {
    const vault = newVault()
    await vault.create('Alex', PASSPHRASE)
    await vault.put({ id: 'r', kind: 'k' }, { name: 'Child Name' })
    const reading = vault.get('r')
    await vault.lock()
    await expect(reading).rejects.toBeInstanceOf(VaultLockedError)
  })

  it('erases what waits in the outbox and the receipts too, as the confirmation says', async () => {
    const vault = newVault()
    const profileId = await vault.create('Alex', PASSPHRASE)
    await db.outbox.add({ id: 'o', kind: 'forum-case', label: 'Forum case', profileId, state: 'waiting', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0 })
    await db.receipts.add({
      id: 'sent', kind: 'forum-case', label: 'Forum case', reference: 'IC-000001', sentAt: 0, profileId, status: 'received', purgeAt: 0, purged: false,
    })
    await vault.removeProfile(profileId)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.receipts.count()).toBe(0)
  })
})

describe('saving without a status', () => {
  it('keeps the status and creation time the record already has', async () => {
    const vault = newVault()
    await vault.create('Alex', PASSPHRASE)
    await vault.put({ id: 'r', kind: 'k', status: 'submitted' }, { v: 1 })
    clock += 1000
    const meta = await vault.put({ id: 'r', kind: 'k' }, { v: 2 })
    expect(meta).toMatchObject({ status: 'submitted', createdAt: clock - 1000, updatedAt: clock })
  })
})
