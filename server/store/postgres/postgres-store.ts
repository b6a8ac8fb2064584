import pg from 'pg'
import type { SubmissionKind } from '../../../src/domain/submissions'
import type {
  Device, IntakeStore, KeyClaim, NewSubmission, Redemption, Setting,
  StatusChange, StoredResponse, StoredStatus, SubmissionDetail, SubmissionFilter, SubmissionPage, SubmissionSummary,
} from '../intake-store'
import { toDetail, toDevice, toFoundSummary, toSetting, toStatusReport } from '../rows/core'
import { PostgresAudit } from './audit'
import { PostgresCases } from './cases'
import { PostgresContent } from './content'
import { Db, type Queryable } from './db'
import type { Row } from '../rows/row'
import { findQuery } from './find-query'
import { PostgresLevels } from './levels'
import { PostgresMeetings } from './meetings'
import { PostgresPeople } from './people'
import { PostgresPlans } from './plans'
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
  // An idle connection the server drops (a restart, a failover) is only discarded: the pool
  // opens another when next needed. Unheard, the error would end the process.
  pool.on('error', () => {})
  try {
    await migratePostgres(pool)
  } catch (error) {
    await pool.end()
    throw error
  }
  return new Db(pool)
}

/**
 * The store for several equal instances: PostgreSQL. Everything the instances share is in
 * the database; each instance keeps only its pool. Behaves as SqliteStore does; where two
 * instances may do the same thing at once, a row lock or a unique constraint decides.
 */
export class PostgresStore implements IntakeStore {
  readonly people: PostgresPeople
  readonly audit: PostgresAudit
  readonly cases: PostgresCases
  readonly levels: PostgresLevels
  readonly retention: PostgresRetention
  readonly content: PostgresContent
  readonly meetings: PostgresMeetings
  readonly plans: PostgresPlans

  private constructor(readonly db: Db) {
    this.people = new PostgresPeople(db)
    this.audit = new PostgresAudit(db)
    this.cases = new PostgresCases(db)
    this.levels = new PostgresLevels(db)
    this.retention = new PostgresRetention(db)
    this.content = new PostgresContent(db)
    this.meetings = new PostgresMeetings(db)
    this.plans = new PostgresPlans(db)
  }

  static async open(url: string): Promise<PostgresStore> {
    return new PostgresStore(await openPostgresPool(url))
  }

  async close(): Promise<void> {
    await this.db.pool.end()
  }

  /**
   * A secret every instance shares (the sealing key): the one kept under `name`, or, when
   * there is none yet, `make()`'s, kept now. Two instances starting at once may both make
   * one; the first insert wins and both read back the same.
   */
  async sharedSecret(name: string, make: () => Promise<string>, at: string): Promise<string> {
    const kept = await this.db.row<{ value: string }>('SELECT value FROM service_secrets WHERE name = $1', [name])
    if (kept) return kept.value
    await this.db.query('INSERT INTO service_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, await make(), at])
    return (await this.db.row<{ value: string }>('SELECT value FROM service_secrets WHERE name = $1', [name]))!.value
  }

  async createSetting(setting: Omit<Setting, 'createdAt'>, at: string): Promise<Setting> {
    await this.db.query('INSERT INTO settings (id, name, urn, phase, seip_area, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      setting.id, setting.name, setting.urn, setting.phase, setting.seipArea ?? null, at,
    ])
    return { ...setting, createdAt: at }
  }

  async listSettings(): Promise<Setting[]> {
    return (await this.db.rows('SELECT * FROM settings ORDER BY name')).map(toSetting)
  }

  async addEnrolmentCode(settingId: string, codeHash: string, expiresAt: string, at: string): Promise<void> {
    await this.db.query('INSERT INTO enrolment_codes (code_hash, setting_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [codeHash, settingId, at, expiresAt])
  }

  async redeemEnrolmentCode(codeHash: string, device: { id: string; tokenHash: string }, at: string): Promise<Redemption> {
    return this.db.transaction(async (client): Promise<Redemption> => {
      // Locked: a second redemption of the same code waits here, then finds it used.
      const code = (await client.query<Row>('SELECT * FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE', [codeHash])).rows[0]
      if (!code) return { outcome: 'unknown' }
      if (code.used_at) return { outcome: 'used' }
      if (String(code.expires_at) < at) return { outcome: 'expired' }
      await client.query('INSERT INTO devices (id, setting_id, token_hash, enrolled_at) VALUES ($1, $2, $3, $4)', [device.id, code.setting_id, device.tokenHash, at])
      await client.query('UPDATE enrolment_codes SET used_at = $1, device_id = $2 WHERE code_hash = $3', [at, device.id, codeHash])
      const setting = toSetting((await client.query<Row>('SELECT * FROM settings WHERE id = $1', [code.setting_id])).rows[0]!)
      return { outcome: 'enrolled', setting, device: { id: device.id, settingId: setting.id, enrolledAt: at } }
    })
  }

  async deviceByTokenHash(tokenHash: string): Promise<Device | undefined> {
    const row = await this.db.row('SELECT * FROM devices WHERE token_hash = $1', [tokenHash])
    return row && toDevice(row)
  }

  async listDevices(): Promise<Device[]> {
    return (await this.db.rows('SELECT * FROM devices ORDER BY enrolled_at')).map(toDevice)
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return ((await this.db.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, deviceId])).rowCount ?? 0) > 0
  }

  /**
   * Exactly once across instances: a new key is claimed by whichever insert lands first (the
   * other waits for it, then conflicts); an existing key is read locked, so of two instances
   * taking over the same expired lease, the second sees the first's new lease.
   */
  async claimIdempotencyKey(deviceId: string, key: string, requestHash: string, at: string, leaseUntil: number, now: number): Promise<KeyClaim> {
    return this.db.transaction(async (client): Promise<KeyClaim> => {
      for (;;) {
        const inserted = await client.query(
          `INSERT INTO idempotency_keys (device_id, key, request_hash, state, lease_until, created_at) VALUES ($1, $2, $3, 'in-progress', $4, $5)
           ON CONFLICT (device_id, key) DO NOTHING`,
          [deviceId, key, requestHash, leaseUntil, at],
        )
        if (inserted.rowCount === 1) return { outcome: 'claimed' }
        const row = (await client.query<Row>('SELECT * FROM idempotency_keys WHERE device_id = $1 AND key = $2 FOR UPDATE', [deviceId, key])).rows[0]
        // Released (deleted) between the insert and the read: try the insert again.
        if (!row) continue
        if (row.request_hash !== requestHash) return { outcome: 'different-request' }
        if (row.state === 'done') return { outcome: 'replay', response: { status: Number(row.response_status), body: String(row.response_body) } }
        if (Number(row.lease_until) > now) return { outcome: 'in-progress' }
        await client.query('UPDATE idempotency_keys SET lease_until = $1 WHERE device_id = $2 AND key = $3', [leaseUntil, deviceId, key])
        return { outcome: 'claimed' }
      }
    })
  }

  async answerIdempotencyKey(deviceId: string, key: string, response: StoredResponse): Promise<void> {
    await answerKey(this.db, deviceId, key, response)
  }

  async releaseAllInProgressClaims(): Promise<number> {
    return (await this.db.query(`DELETE FROM idempotency_keys WHERE state = 'in-progress'`)).rowCount ?? 0
  }

  async releaseIdempotencyKey(deviceId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE device_id = $1 AND key = $2 AND state = 'in-progress'`, [deviceId, key])
  }

  async recordSubmission(submission: NewSubmission, response: (id: number) => StoredResponse): Promise<number> {
    return this.db.transaction(async (client): Promise<number> => {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO submissions (device_id, setting_id, idempotency_key, kind, depends_on, payload, received_at, status, updated_at, event_date,
           suspension_days, pupil_name, pupil_key, education_from, case_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'received', $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          submission.deviceId, submission.settingId, submission.idempotencyKey, submission.kind, submission.dependsOn ?? null,
          JSON.stringify(submission.payload), submission.receivedAt, submission.eventDate ?? null,
          submission.suspensionDays ?? null, submission.pupilName ?? null, submission.pupilKey ?? null, submission.educationFrom ?? null,
          submission.kind === 'permanent-exclusion' ? 'open' : null,
        ],
      )
      const id = rows[0]!.id
      await answerKey(client, submission.deviceId, submission.idempotencyKey, response(id))
      return id
    })
  }

  async submissionKeyExists(deviceId: string, key: string, kind: SubmissionKind): Promise<boolean> {
    return (await this.db.row('SELECT 1 FROM submissions WHERE device_id = $1 AND idempotency_key = $2 AND kind = $3', [deviceId, key, kind])) !== undefined
  }

  async statusesForDevice(deviceId: string, changedSince = ''): Promise<StoredStatus[]> {
    const rows = await this.db.rows(
      `SELECT s.*, m.meeting_id, p.recorded_at AS plan_recorded_at FROM submissions s LEFT JOIN meeting_assignments m ON m.submission_id = s.id
       LEFT JOIN education_plans p ON p.submission_id = s.id WHERE s.device_id = $1 AND s.updated_at >= $2 ORDER BY s.id`,
      [deviceId, changedSince],
    )
    const steps = await this.cases.stepsOfDevice(deviceId)
    return rows.map((row) => toStatusReport(row, steps))
  }

  async listSubmissions(filter: SubmissionFilter): Promise<SubmissionSummary[]> {
    return (await this.findSubmissions(filter, { limit: 1000, offset: 0 })).submissions
  }

  async findSubmissions(filter: SubmissionFilter, page: { limit: number; offset: number }): Promise<SubmissionPage> {
    const { rows: rowsSql, count, values } = findQuery(filter)
    const [rows, counted] = await Promise.all([this.db.rows(rowsSql, [...values, page.limit, page.offset]), this.db.row<{ total: number }>(count, values)])
    return {
      total: counted!.total,
      submissions: rows.map((row) => toFoundSummary(row, filter)),
    }
  }

  async submission(id: number): Promise<SubmissionDetail | undefined> {
    const row = await this.db.row('SELECT s.*, st.name AS setting_name FROM submissions s JOIN settings st ON st.id = s.setting_id WHERE s.id = $1', [id])
    if (!row) return undefined
    return toDetail(row)
  }

  async updateSubmissionStatus(id: number, change: StatusChange, at: string): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE submissions SET status = $1, forum_date = COALESCE($2, forum_date), outcome = COALESCE($3, outcome), updated_at = $4,
       closed_at = CASE WHEN $5::boolean THEN COALESCE(closed_at, $4) ELSE closed_at END WHERE id = $6`,
      [change.status, change.forumDate ?? null, change.outcome ?? null, at, Boolean(change.closes), id],
    )
    return (result.rowCount ?? 0) > 0
  }
}

/** A key's final answer: by itself (a refusal), or inside recordSubmission's transaction. */
async function answerKey(db: Queryable, deviceId: string, key: string, response: StoredResponse): Promise<void> {
  await db.query(`UPDATE idempotency_keys SET state = 'done', lease_until = NULL, response_status = $1, response_body = $2 WHERE device_id = $3 AND key = $4`, [
    response.status, response.body, deviceId, key,
  ])
}
