import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { IntakeStore } from '../../server/store/intake-store'
import { PostgresStore } from '../../server/store/postgres/postgres-store'
import { SqliteStore } from '../../server/store/sqlite-store'
import { createDatabase } from './postgres-server'

export interface StoreUnderTest {
  name: string
  /** A new, empty store. */
  open(): Promise<IntakeStore>
  /** Two stores on one new, empty database, as two instances of the service have: for what they may do at once. */
  openTwo(): Promise<[IntakeStore, IntakeStore]>
}

const newSqliteFile = () => join(mkdtempSync(join(tmpdir(), 'contract-')), 'intake.sqlite')

/**
 * The two stores the contract tests hold to the same behaviour: each `open` gives a new,
 * empty store (a new SQLite file; a new database on the tests' PostgreSQL server).
 */
export const STORES: StoreUnderTest[] = [
  {
    name: 'SQLite',
    open: async () => new SqliteStore(newSqliteFile()),
    openTwo: async () => {
      const file = newSqliteFile()
      return [new SqliteStore(file), new SqliteStore(file)]
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => PostgresStore.open(await createDatabase(inject('postgresUrl'))),
    openTwo: async () => {
      const url = await createDatabase(inject('postgresUrl'))
      // Both migrate at once, as two instances starting together do: the advisory lock lets one.
      return Promise.all([PostgresStore.open(url), PostgresStore.open(url)])
    },
  },
]
