import pg from 'pg'
import { PostgresAudit } from './audit'
import { PostgresCases } from './cases'
import { Db } from './db'
import { PostgresLevels } from './levels'
import { PostgresPeople } from './people'
import { PostgresRetention } from './retention'
import { POSTGRES_MIGRATIONS } from './schema'

// Any fixed number: the lock every instance takes to migrate, so that one migrates and the rest wait.
const MIGRATION_LOCK = 7_314_2026

/**
 * Brings the database's schema up to date, once, whichever instance starts first: the others
 * wait on the advisory lock, then find nothing left to do. Each step commits with its number.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
    const applied = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations')).rows[0].version)
    for (const [index, sql] of POSTGRES_MIGRATIONS.slice(applied).entries()) {
      await client.query('BEGIN')
      try {
        await client.query(sql)
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [applied + index + 1, new Date().toISOString()])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}

/** Opens a pool on the database (DATABASE_URL) and migrates it. */
export async function openPostgresPool(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max })
  await migratePostgres(pool)
  return new Db(pool)
}

/**
 * The store for several equal instances: PostgreSQL. Everything the instances share is in
 * the database; each instance keeps only its pool.
 */
export class PostgresStore /* implements IntakeStore: being written */ {
  readonly people: PostgresPeople
  readonly audit: PostgresAudit
  readonly cases: PostgresCases
  readonly levels: PostgresLevels
  readonly retention: PostgresRetention

  private constructor(readonly db: Db) {
    this.people = new PostgresPeople(db)
    this.audit = new PostgresAudit(db)
    this.cases = new PostgresCases(db)
    this.levels = new PostgresLevels(db)
    this.retention = new PostgresRetention(db)
  }

  static async open(url: string): Promise<PostgresStore> {
    return new PostgresStore(await openPostgresPool(url))
  }

  async close(): Promise<void> {
    await this.db.pool.end()
  }
}
