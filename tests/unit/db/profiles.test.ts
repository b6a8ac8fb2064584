import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDatabase, DEFAULT_PROFILE } from '../../../src/db/database'
import { TooSoonError, Vault, VaultLockedError } from '../../../src/db/vault'
import { createDataKey, encryptJson, TamperedRecordError, WrongPassphraseError } from '../../../src/db/vault-crypto'
import { EMPTY_STAFF_DETAILS, type StaffDetails } from '../../../src/domain/staff-details'

// Several staff profiles on one device (issue 18). Test data only: names, job titles and times are made up.

const FAST = 1_000
const ALEX_PASSPHRASE = 'Alex’s own passphrase'
const SAM_PASSPHRASE = 'Sam’s own passphrase'
const ALEX_DETAILS: StaffDetails = { ...EMPTY_STAFF_DETAILS, name: 'Alex Test', jobTitle: 'SENCO' }
const SAM_DETAILS: StaffDetails = { ...EMPTY_STAFF_DETAILS, name: 'Sam Test', jobTitle: 'Teaching assistant' }
const STAFF_DETAILS = { id: 'staff-details', kind: 'staff-details', status: 'saved' }

let db: AppDatabase
let clock: number
let vault: Vault
const newVault = () => new Vault(db, FAST, () => clock)

beforeEach(() => {
  db = new AppDatabase(`profiles-${crypto.randomUUID()}`)
  clock = Date.UTC(2026, 10, 23, 9)
  vault = newVault()
})
afterEach(() => db.delete())

/** Two profiles, each with its own staff details under the same id; Sam's is left unlocked. */
async function alexAndSam(): Promise<{ alex: string; sam: string }> {
  const alex = await vault.create('Alex', ALEX_PASSPHRASE)
  await vault.put(STAFF_DETAILS, ALEX_DETAILS)
  await vault.put({ id: 'case-1', kind: 'forum-case', status: 'draft' }, { note: 'Alex’s case' })
  // Later, so "oldest first" has one answer.
  clock += 60_000
  const sam = await vault.create('Sam', SAM_PASSPHRASE)
  await vault.put(STAFF_DETAILS, SAM_DETAILS)
  return { alex, sam }
}

/** Every record's key in the database, with the profile named, sorted. */
async function recordKeys(names: Record<string, string>): Promise<string[]> {
  const keys = await db.records.toCollection().primaryKeys()
  return keys.map(([profileId, id]) => `${names[profileId] ?? profileId}/${id}`).sort()
}

describe('profiles on one device', () => {
  it('lists each profile by name, oldest first, and renames only the unlocked one', async () => {
    const { alex, sam } = await alexAndSam()
    await vault.rename('  Samira ')
    expect(await vault.profiles()).toEqual([
      { id: alex, name: 'Alex', hasPasskey: false },
      { id: sam, name: 'Samira', hasPasskey: false },
    ])
  })

  it('keeps each profile’s record under the same id, holding its own data', async () => {
    const { alex, sam } = await alexAndSam()
    expect(await recordKeys({ [alex]: 'Alex', [sam]: 'Sam' })).toEqual(['Alex/case-1', 'Alex/staff-details', 'Sam/staff-details'])
    expect((await vault.get('staff-details'))?.data).toEqual(SAM_DETAILS)
    await vault.unlock(alex, ALEX_PASSPHRASE)
    expect((await vault.get('staff-details'))?.data).toEqual(ALEX_DETAILS)
  })

  it('gives one profile nothing of another’s: not a record, not a listing', async () => {
    const { alex } = await alexAndSam()
    expect(await vault.get('case-1')).toBeUndefined()
    expect(await vault.listMeta('forum-case')).toEqual([])
    expect(await vault.listMeta('staff-details')).toEqual([
      { id: 'staff-details', kind: 'staff-details', status: 'saved', createdAt: clock, updatedAt: clock },
    ])
    // Deleting by an id the other profile also has deletes only this profile's record.
    await vault.delete('staff-details')
    await vault.unlock(alex, ALEX_PASSPHRASE)
    expect((await vault.get('staff-details'))?.data).toEqual(ALEX_DETAILS)
  })

  it('does not decrypt a profile’s row copied under another profile’s id in IndexedDB', async () => {
    const { alex, sam } = await alexAndSam()
    const alexCase = (await db.records.get([alex, 'case-1']))!
    await db.records.put({ ...alexCase, profileId: sam })
    await expect(vault.get('case-1')).rejects.toBeInstanceOf(TamperedRecordError)
    // Nor over a record of Sam's own, with Sam's kind and id: the key and the profile both differ.
    const alexDetails = (await db.records.get([alex, 'staff-details']))!
    await db.records.put({ ...alexDetails, profileId: sam })
    await expect(vault.get('staff-details')).rejects.toBeInstanceOf(TamperedRecordError)
  })

  it('binds a row to its profile, not only to its key: under another profile with the same key it does not decrypt', async () => {
    const { alex } = await alexAndSam()
    // A second keyring entry wrapping Alex's very key: only the associated data tells them apart.
    await db.keyring.put({ ...(await db.keyring.get(alex))!, profileId: 'same-key' })
    const alexCase = (await db.records.get([alex, 'case-1']))!
    await db.records.put({ ...alexCase, profileId: 'same-key' })
    await vault.unlock('same-key', ALEX_PASSPHRASE)
    await expect(vault.get('case-1')).rejects.toBeInstanceOf(TamperedRecordError)
    await vault.unlock(alex, ALEX_PASSPHRASE)
    expect((await vault.get('case-1'))?.data).toEqual({ note: 'Alex’s case' })
  })

  it('does not decrypt a row moved to another id, even within its own profile and kind', async () => {
    const { alex } = await alexAndSam()
    await vault.unlock(alex, ALEX_PASSPHRASE)
    const alexCase = (await db.records.get([alex, 'case-1']))!
    await db.records.put({ ...alexCase, id: 'case-2' })
    await expect(vault.get('case-2')).rejects.toBeInstanceOf(TamperedRecordError)
    expect((await vault.get('case-1'))?.data).toEqual({ note: 'Alex’s case' })
  })

  it('locks the open profile before unlocking another: its hooks save into it, then its lock listeners run', async () => {
    const names: Record<string, string> = {}
    const open = () => (vault.profileId === undefined ? 'none' : names[vault.profileId])
    const seen: string[] = []
    vault.onBeforeLock(async () => {
      await vault.put({ id: 'autosaved', kind: 'forum-case' }, { typed: 'last words' })
      seen.push(`before lock, open: ${open()}`)
    })
    vault.onLock(() => void seen.push(`locked, open: ${open()}`))

    const alex = await vault.create('Alex', ALEX_PASSPHRASE)
    names[alex] = 'Alex'
    const sam = await vault.create('Sam', SAM_PASSPHRASE)
    names[sam] = 'Sam'
    expect(seen).toEqual(['before lock, open: Alex', 'locked, open: none'])
    expect(open()).toBe('Sam')
    expect(await recordKeys(names)).toEqual(['Alex/autosaved'])

    // The same when switching by unlocking.
    seen.length = 0
    await vault.unlock(alex, ALEX_PASSPHRASE)
    expect(seen).toEqual(['before lock, open: Sam', 'locked, open: none'])
    expect(open()).toBe('Alex')
    expect(await recordKeys(names)).toEqual(['Alex/autosaved', 'Sam/autosaved'])
  })

  it('keeps the profile open when the other’s passphrase is wrong', async () => {
    const { alex, sam } = await alexAndSam()
    await expect(vault.unlock(alex, SAM_PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError)
    expect(vault.profileId).toBe(sam)
    expect((await vault.get('staff-details'))?.data).toEqual(SAM_DETAILS)
  })
})

describe('the last profile and wrong passphrases, per profile', () => {
  it('remembers the profile last unlocked, across reloads, until it is removed', async () => {
    expect(await vault.lastProfile()).toBeUndefined()
    const { alex, sam } = await alexAndSam()
    expect(await vault.lastProfile()).toBe(sam)
    await vault.unlock(alex, ALEX_PASSPHRASE)
    await vault.lock()
    expect(await newVault().lastProfile()).toBe(alex)
    await vault.removeProfile(alex)
    expect(await newVault().lastProfile()).toBeUndefined()
  })

  it('counts a wrong passphrase only against the profile it was tried on', async () => {
    const { alex, sam } = await alexAndSam()
    await vault.lock()
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(vault.unlock(alex, 'wrong guess ' + attempt)).rejects.toBeInstanceOf(WrongPassphraseError)
    }
    expect(await vault.attempts(alex)).toEqual({ failedAttempts: 3, retryAt: clock + 2_000 })
    expect(await vault.attempts(sam)).toEqual({ failedAttempts: 0, retryAt: 0 })
    await expect(vault.unlock(alex, ALEX_PASSPHRASE)).rejects.toBeInstanceOf(TooSoonError)
    // Sam is not made to wait for Alex's slips.
    await vault.unlock(sam, SAM_PASSPHRASE)
    expect(vault.profileId).toBe(sam)
    expect(await vault.attempts(alex)).toEqual({ failedAttempts: 3, retryAt: clock + 2_000 })
  })

  it('answers no attempts for a profile that is not on the device, and will not unlock it', async () => {
    expect(await vault.attempts('not-here')).toEqual({ failedAttempts: 0, retryAt: 0 })
    await expect(vault.unlock('not-here', ALEX_PASSPHRASE)).rejects.toThrow('There is no such profile on this device')
    await expect(vault.unlockWithPasskey('not-here')).rejects.toThrow('There is no such profile on this device')
  })

  it('does not offer a passkey unlock to a profile without one', async () => {
    const { alex } = await alexAndSam()
    await vault.lock()
    await expect(vault.unlockWithPasskey(alex)).rejects.toThrow('This profile has no passkey')
    expect(vault.isUnlocked).toBe(false)
  })
})

describe('removing a profile', () => {
  /** Alex and Sam, each with a row waiting in the outbox and a receipt. */
  async function withSubmissions(): Promise<{ alex: string; sam: string }> {
    const profiles = await alexAndSam()
    for (const [name, profileId] of Object.entries(profiles)) {
      await db.outbox.add({
        id: `${name}-queued`, kind: 'forum-case', label: 'Forum case', profileId, state: 'waiting',
        attempts: 0, nextAttemptAt: clock, createdAt: clock, updatedAt: clock,
      })
      await db.receipts.add({
        id: `${name}-sent`, kind: 'suspension', label: 'Suspension notice', reference: 'IC-000001', sentAt: clock,
        profileId, status: 'received', purgeAt: clock, purged: false,
      })
    }
    return profiles
  }

  it('removes only that profile’s records, key, outbox rows and receipts; the other’s stay and still decrypt', async () => {
    const { alex, sam } = await withSubmissions()
    let locked = 0
    vault.onLock(() => void locked++)
    await vault.removeProfile(alex)

    expect(await recordKeys({ [alex]: 'Alex', [sam]: 'Sam' })).toEqual(['Sam/staff-details'])
    expect(await db.keyring.get(alex)).toBeUndefined()
    expect(await vault.profiles()).toEqual([{ id: sam, name: 'Sam', hasPasskey: false }])
    expect((await db.outbox.toArray()).map((row) => row.id)).toEqual(['sam-queued'])
    expect((await db.receipts.toArray()).map((receipt) => receipt.id)).toEqual(['sam-sent'])
    // Sam, open throughout, is not locked by it.
    expect(locked).toBe(0)
    expect(vault.profileId).toBe(sam)
    expect((await vault.get('staff-details'))?.data).toEqual(SAM_DETAILS)
    await vault.lock()
    await vault.unlock(sam, SAM_PASSPHRASE)
    expect((await vault.get('staff-details'))?.data).toEqual(SAM_DETAILS)
  })

  it('forgets the key of the profile it removes while open, without saving into it first', async () => {
    const { alex, sam } = await withSubmissions()
    await vault.unlock(alex, ALEX_PASSPHRASE)
    const seen: string[] = []
    vault.onBeforeLock(async () => {
      // An autosave would write a record back into the profile being erased.
      await vault.put({ id: 'autosaved', kind: 'forum-case' }, { typed: 'last words' })
      seen.push('before lock')
    })
    vault.onLock(() => void seen.push(`locked, unlocked: ${vault.isUnlocked}`))
    await vault.removeProfile(alex)

    expect(seen).toEqual(['locked, unlocked: false'])
    expect(vault.isUnlocked).toBe(false)
    expect(await vault.state()).toBe('locked')
    expect(await recordKeys({ [alex]: 'Alex', [sam]: 'Sam' })).toEqual(['Sam/staff-details'])
  })

  it('leaves the device new once its last profile is removed', async () => {
    const alex = await vault.create('Alex', ALEX_PASSPHRASE)
    await vault.removeProfile(alex)
    expect(await vault.state()).toBe('new')
    expect(await vault.profiles()).toEqual([])
  })

  it('forgets the key in another tab that had the removed profile open, and only that one', async () => {
    const { alex, sam } = await alexAndSam()
    const otherTab = newVault()
    await otherTab.unlock(alex, ALEX_PASSPHRASE)
    let locked = 0
    otherTab.onLock(() => void locked++)

    await otherTab.forgetRemoved(sam)
    expect(otherTab.profileId).toBe(alex)
    expect(locked).toBe(0)

    await vault.removeProfile(alex)
    await otherTab.forgetRemoved(alex)
    expect(otherTab.isUnlocked).toBe(false)
    expect(locked).toBe(1)
  })

  it('takes no more records into a profile removed in another tab, even while this tab still holds its key', async () => {
    const { sam } = await alexAndSam()
    const otherTab = newVault()
    await otherTab.unlock(sam, SAM_PASSPHRASE)
    await vault.removeProfile(sam)

    // What the other tab saves as it locks, before word of the removal reaches it.
    await expect(otherTab.put({ id: 'case-2', kind: 'forum-case', status: 'draft' }, { note: 'typed just now' })).rejects.toThrow(VaultLockedError)
    expect(await db.records.where('[profileId+kind]').between([sam, ''], [sam, '\uffff']).count()).toBe(0)
  })
})

describe('a device from before profiles', () => {
  const PASSPHRASE = 'long enough passphrase'
  const CREATED = Date.UTC(2026, 8, 1, 8)
  const CASE = { note: 'A case from before profiles' }

  /** A version-3 database as the app left it: one profile, 'default', and `secureRecords` keyed by id. */
  async function versionThreeDatabase(name: string) {
    const old = new Dexie(name)
    old.version(1).stores({ content: 'key' })
    old.version(2).stores({
      keyring: 'profileId',
      secureRecords: 'id, [profileId+kind], [profileId+updatedAt]',
      settings: 'key',
    })
    old.version(3).stores({
      outbox: 'id, state, createdAt',
      receipts: 'id, sentAt, purgeAt',
      enrolment: 'key',
    })
    const { wrapped, dataKey } = await createDataKey(PASSPHRASE, FAST)
    const sealed = async (kind: string, id: string, data: unknown) => ({
      id, profileId: 'default', kind, status: 'draft', createdAt: CREATED, updatedAt: CREATED, formatVersion: 1,
      ...(await encryptJson(dataKey, data, `default\u0000${kind}\u0000${id}`)),
    })
    const rows = [await sealed('forum-case', 'case-1', CASE), await sealed('staff-details', 'staff-details', ALEX_DETAILS)]
    const outboxRow = {
      id: 'queued', kind: 'forum-case', label: 'Forum case', draftId: 'case-1', state: 'waiting',
      attempts: 0, nextAttemptAt: CREATED, createdAt: CREATED, updatedAt: CREATED,
    }
    const receipt = {
      id: 'sent', kind: 'suspension', label: 'Suspension notice', reference: 'IC-000001', sentAt: CREATED,
      draftId: 'notice-1', status: 'received', purgeAt: CREATED, purged: false,
    }
    await old.table('keyring').put({ profileId: 'default', wrapped, failedAttempts: 0, lastFailedAt: 0, createdAt: CREATED, updatedAt: CREATED })
    await old.table('secureRecords').bulkPut(rows)
    await old.table('outbox').put(outboxRow)
    await old.table('receipts').put(receipt)
    old.close()
    return { rows, outboxRow, receipt }
  }

  it('moves its records, outbox rows and receipts into its one profile, with nothing lost', async () => {
    const name = `before-profiles-${crypto.randomUUID()}`
    const before = await versionThreeDatabase(name)
    db = new AppDatabase(name)
    await db.open()

    expect(db.verno).toBe(5)
    expect(db.tables.map((table) => table.name).sort()).toEqual(['content', 'enrolment', 'keyring', 'outbox', 'receipts', 'records', 'settings'])
    expect([...db.backendDB().objectStoreNames]).not.toContain('secureRecords')

    expect(await db.records.toCollection().primaryKeys()).toEqual([['default', 'case-1'], ['default', 'staff-details']])
    expect(await db.records.get(['default', 'case-1'])).toEqual(before.rows[0])
    expect(await db.outbox.get('queued')).toEqual({ ...before.outboxRow, profileId: 'default' })
    expect(await db.receipts.get('sent')).toEqual({ ...before.receipt, profileId: 'default' })

    vault = newVault()
    expect(await vault.state()).toBe('locked')
    expect(await vault.profiles()).toEqual([{ id: DEFAULT_PROFILE, name: '', hasPasskey: false }])
    await vault.unlock(DEFAULT_PROFILE, PASSPHRASE)
    expect(await vault.get('case-1')).toEqual({ id: 'case-1', kind: 'forum-case', status: 'draft', createdAt: CREATED, updatedAt: CREATED, data: CASE })
    expect((await vault.get('staff-details'))?.data).toEqual(ALEX_DETAILS)
    expect((await vault.listMeta('forum-case')).map((meta) => meta.id)).toEqual(['case-1'])
  })

  it('lets its profile live beside a new one', async () => {
    const name = `before-profiles-${crypto.randomUUID()}`
    await versionThreeDatabase(name)
    db = new AppDatabase(name)
    vault = newVault()
    const sam = await vault.create('Sam', SAM_PASSPHRASE)
    await vault.put(STAFF_DETAILS, SAM_DETAILS)
    await vault.unlock(DEFAULT_PROFILE, PASSPHRASE)
    expect((await vault.get('staff-details'))?.data).toEqual(ALEX_DETAILS)
    await vault.unlock(sam, SAM_PASSPHRASE)
    expect((await vault.get('staff-details'))?.data).toEqual(SAM_DETAILS)
  })
})
