import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { AppDatabase } from '../../../src/db/database'

// Every schema a device may have installed, as the releases that made it declared it, opens as
// the same database, with what it held. (Versions 4 and 5 were released together; the move of
// outbox rows and receipts into a profile is tested in profiles.test.ts.)

/** The schema each earlier release declared, cumulatively, as its code had it. */
const RELEASED: Record<number, Record<string, string | null>>[] = [
  { 1: { content: 'key' } },
  {
    1: { content: 'key' },
    2: { keyring: 'profileId', secureRecords: 'id, [profileId+kind], [profileId+updatedAt]', settings: 'key' },
  },
  {
    1: { content: 'key' },
    2: { keyring: 'profileId', secureRecords: 'id, [profileId+kind], [profileId+updatedAt]', settings: 'key' },
    3: { outbox: 'id, state, createdAt', receipts: 'id, sentAt, purgeAt', enrolment: 'key' },
  },
]

/** The stores, key paths and indexes of version 5, written out by hand. */
const VERSION_FIVE = {
  content: { keyPath: 'key', indexes: {} },
  enrolment: { keyPath: 'key', indexes: {} },
  keyring: { keyPath: 'profileId', indexes: {} },
  outbox: { keyPath: 'id', indexes: { createdAt: 'createdAt', state: 'state' } },
  receipts: { keyPath: 'id', indexes: { purgeAt: 'purgeAt', sentAt: 'sentAt' } },
  records: {
    keyPath: ['profileId', 'id'],
    indexes: { '[profileId+kind]': ['profileId', 'kind'], '[profileId+updatedAt]': ['profileId', 'updatedAt'] },
  },
  settings: { keyPath: 'key', indexes: {} },
}

/** What IndexedDB itself holds: stores, their keys and their indexes. */
function installedSchema(db: AppDatabase) {
  const idb = db.backendDB()
  const names = [...idb.objectStoreNames]
  const transaction = idb.transaction(names, 'readonly')
  return Object.fromEntries(
    names.map((name) => {
      const store = transaction.objectStore(name)
      const indexes = Object.fromEntries([...store.indexNames].map((index) => [index, store.index(index).keyPath]))
      return [name, { keyPath: store.keyPath, indexes }]
    }),
  )
}

const CONTENT_ROW = { key: 'current', version: '2026-09-01', content: { note: 'test content' }, storedAt: Date.UTC(2026, 8, 1) }
const RECORD = { id: 'case-1', profileId: 'default', kind: 'forum-case', status: 'draft', createdAt: 1, updatedAt: 2, formatVersion: 1, iv: new Uint8Array(12), ciphertext: new ArrayBuffer(8) }

let names: string[] = []
afterEach(async () => {
  await Promise.all(names.map((name) => Dexie.delete(name)))
  names = []
})

describe('opening the database', () => {
  it('makes version 5 on a new device', async () => {
    const name = `schema-new-${crypto.randomUUID()}`
    names.push(name)
    const db = new AppDatabase(name)
    await db.open()
    expect(db.verno).toBe(5)
    expect(installedSchema(db)).toEqual(VERSION_FIVE)
    db.close()
  })

  it.each(RELEASED.map((versions) => [Object.keys(versions).length, versions] as const))(
    'upgrades a device on version %i to version 5, keeping its data',
    async (installed, versions) => {
      const name = `schema-from-${installed}-${crypto.randomUUID()}`
      names.push(name)
      const old = new Dexie(name)
      for (const [version, stores] of Object.entries(versions)) old.version(Number(version)).stores(stores)
      await old.table('content').put(CONTENT_ROW)
      if (installed >= 2) await old.table('secureRecords').put(RECORD)
      old.close()

      const db = new AppDatabase(name)
      await db.open()
      expect(db.verno).toBe(5)
      expect(installedSchema(db)).toEqual(VERSION_FIVE)
      expect(await db.content.get('current')).toEqual(CONTENT_ROW)
      expect(await db.records.toArray()).toEqual(installed === 1 ? [] : [RECORD])
      db.close()
    },
  )
})
