import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { IntakeStore } from '../../server/store/intake-store'
import { PostgresStore } from '../../server/store/postgres/postgres-store'
import { SqliteStore } from '../../server/store/sqlite-store'
import { createDatabase } from './postgres-server'

/**
 * The two stores the contract tests hold to the same behaviour: each `open` gives a new,
 * empty store (a new SQLite file; a new database on the tests' PostgreSQL server).
 */
export const STORES: { name: string; open(): Promise<IntakeStore> }[] = [
  { name: 'SQLite', open: async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'contract-')), 'intake.sqlite')) },
  { name: 'PostgreSQL', open: async () => (await PostgresStore.open(await createDatabase(inject('postgresUrl')))) as unknown as IntakeStore },
]
