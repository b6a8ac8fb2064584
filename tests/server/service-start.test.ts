import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { sealJson } from '../../src/domain/seal'
import { openSealedJson } from '../../server/seal-opener'
import { openService, prepareFirstStart } from '../../server/service'
import type { IntakeStore } from '../../server/store/intake-store'
import { PostgresStore } from '../../server/store/postgres/postgres-store'
import { SqliteStore } from '../../server/store/sqlite-store'
import { createDatabase } from './postgres-server'

type Opened = Awaited<ReturnType<typeof openService>>

const newDataDir = () => mkdtempSync(join(tmpdir(), 'service-start-'))

describe('starting the service', () => {
  const opened: IntakeStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  const keep = (service: Opened) => {
    opened.push(service.store)
    return service
  }

  /** Sealed to one instance's public key, opened with another's private key. */
  async function opensWhatWasSealedTo(sealedTo: Opened, openedBy: Opened): Promise<boolean> {
    const sealed = await sealJson(sealedTo.sealing.publicJwk, { hello: 'world' }, 'aad')
    try {
      openSealedJson(openedBy.sealing.privateKey, sealed, 'aad')
      return true
    } catch {
      return false
    }
  }

  it('uses SQLite and a key file in the data directory without a DATABASE_URL, and the same key the next time', async () => {
    const dataDir = newDataDir()
    const first = keep(await openService({ dataDir }))
    expect(first.store).toBeInstanceOf(SqliteStore)
    expect(existsSync(join(dataDir, 'intake.sqlite'))).toBe(true)
    expect(existsSync(join(dataDir, 'sealing-key.json'))).toBe(true)
    const again = keep(await openService({ dataDir }))
    expect(again.sealing.publicJwk).toEqual(first.sealing.publicJwk)
    expect(await opensWhatWasSealedTo(first, again)).toBe(true)
  })

  it('uses PostgreSQL with a DATABASE_URL, keeping the key in the database (no key file)', async () => {
    const dataDir = newDataDir()
    const databaseUrl = await createDatabase(inject('postgresUrl'))
    const service = keep(await openService({ dataDir, databaseUrl }))
    expect(service.store).toBeInstanceOf(PostgresStore)
    expect(existsSync(join(dataDir, 'sealing-key.json'))).toBe(false)
    expect(existsSync(join(dataDir, 'intake.sqlite'))).toBe(false)
  })

  it('stops at once, without waiting for it, when the database does not exist', async () => {
    const url = new URL(inject('postgresUrl'))
    url.pathname = '/no_such_database'
    const started = Date.now()
    await expect(openService({ dataDir: newDataDir(), databaseUrl: url.toString() })).rejects.toMatchObject({ code: '3D000' })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('gives every instance on one database the same key pair, however many start at once', async () => {
    const databaseUrl = await createDatabase(inject('postgresUrl'))
    const instances = (await Promise.all(Array.from({ length: 4 }, () => openService({ dataDir: newDataDir(), databaseUrl })))).map(keep)
    for (const instance of instances.slice(1)) {
      expect(instance.sealing.publicJwk).toEqual(instances[0]!.sealing.publicJwk)
      expect(await opensWhatWasSealedTo(instances[0]!, instance)).toBe(true)
    }
    const later = keep(await openService({ dataDir: newDataDir(), databaseUrl }))
    expect(later.sealing.publicJwk).toEqual(instances[0]!.sealing.publicJwk)
  })

  it('prepares a fresh PostgreSQL database once when several instances start on it at once', async () => {
    const databaseUrl = await createDatabase(inject('postgresUrl'))
    const instances = (await Promise.all(Array.from({ length: 3 }, () => openService({ dataDir: newDataDir(), databaseUrl })))).map(keep)
    const admin = { username: 'first.admin', password: 'a long and unusual passphrase' }
    const lines = (await Promise.all(instances.map(({ store }) => prepareFirstStart(store, admin)))).flat()
    expect(lines.filter((line) => line.startsWith('A demo setting was created'))).toHaveLength(1)
    expect(lines.filter((line) => line.startsWith('Administrator "first.admin" was created'))).toHaveLength(1)
    const { store } = instances[0]!
    expect((await store.listSettings()).map((setting) => setting.urn)).toEqual(['000000'])
    expect(await store.people.countOfficers()).toBe(1)
    expect(await prepareFirstStart(store, admin)).toEqual([])
  })

  it('prepares a fresh SQLite data directory once', async () => {
    const { store } = keep(await openService({ dataDir: newDataDir() }))
    const lines = await prepareFirstStart(store)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^Workspace administrator created: username "admin", password "/)
    expect(await prepareFirstStart(store)).toEqual([])
  })
})
