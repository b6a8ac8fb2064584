import Database from 'better-sqlite3'
import { addDaysToIsoDate, ukDayStart } from '../../src/domain/dates'
import type { SubmissionKind } from '../../src/domain/submissions'
import type {
  Device, IntakeStore, KeyClaim, NewSubmission, Redemption, Setting,
  StatusChange, StoredResponse, StoredStatus, SubmissionDetail, SubmissionFilter, SubmissionPage, SubmissionSummary,
} from './intake-store'
import { MIGRATIONS } from './migrations'
import { toDetail, toDevice, toFoundSummary, toSetting, toStatusReport } from './rows/core'
import { SqliteAudit } from './sqlite/audit'
import { SqliteCases } from './sqlite/cases'
import { SqliteContent } from './sqlite/content'
import { GroupCommit } from './sqlite/group-commit'
import { SqliteLevels } from './sqlite/levels'
import { SqliteMeetings } from './sqlite/meetings'
import { SqlitePeople } from './sqlite/people'
import { SqlitePlans } from './sqlite/plans'
import { SqliteRetention } from './sqlite/retention'
import { statementCache } from './sqlite/statement-cache'
import type { Row } from './rows/row'

/**
 * The embedded store: one SQLite file, WAL, synchronous FULL (an acknowledged write survives a
 * power cut). A submission's writes (its key's claim, its answer, the submission itself) go
 * through group commit (sqlite/group-commit.ts): those arriving together share one durable
 * commit, each caller answered only once it has committed.
 */
export class SqliteStore implements IntakeStore {
  private readonly db: Database.Database
  private readonly sql: (text: string) => Database.Statement
  private readonly writes: GroupCommit
  readonly people: SqlitePeople
  readonly audit: SqliteAudit
  readonly cases: SqliteCases
  readonly levels: SqliteLevels
  readonly retention: SqliteRetention
  readonly content: SqliteContent
  readonly meetings: SqliteMeetings
  readonly plans: SqlitePlans

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    this.migrate()
    this.sql = statementCache(this.db)
    this.writes = new GroupCommit(this.db)
    this.people = new SqlitePeople(this.db)
    this.audit = new SqliteAudit(this.db)
    this.cases = new SqliteCases(this.db)
    this.levels = new SqliteLevels(this.db)
    this.retention = new SqliteRetention(this.db)
    this.content = new SqliteContent(this.db)
    this.meetings = new SqliteMeetings(this.db)
    this.plans = new SqlitePlans(this.db)
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
    const applied = (this.db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0
    MIGRATIONS.slice(applied).forEach((step, index) => {
      this.db.transaction(() => {
        if (typeof step === 'string') this.db.exec(step)
        else step(this.db)
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(applied + index + 1, new Date().toISOString())
      })()
    })
  }

  async close(): Promise<void> {
    this.writes.flush()
    this.db.close()
  }

  /**
   * Runs `work` in one transaction: for loading many rows at once (the benchmark's seed).
   * `work` calls this store's methods without awaiting between them; each does its SQL as it
   * is called, so all of it lands inside this transaction (theirs become savepoints).
   */
  inOneTransaction(work: () => void): void {
    this.db.transaction(work)()
  }

  async createSetting(setting: Omit<Setting, 'createdAt'>, at: string): Promise<Setting> {
    this.sql('INSERT INTO settings (id, name, urn, phase, seip_area, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(setting.id, setting.name, setting.urn, setting.phase, setting.seipArea ?? null, at)
    return { ...setting, createdAt: at }
  }

  async listSettings(): Promise<Setting[]> {
    return (this.sql('SELECT * FROM settings ORDER BY name').all() as Row[]).map(toSetting)
  }

  async addEnrolmentCode(settingId: string, codeHash: string, expiresAt: string, at: string): Promise<void> {
    this.sql('INSERT INTO enrolment_codes (code_hash, setting_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(codeHash, settingId, at, expiresAt)
  }

  async redeemEnrolmentCode(codeHash: string, device: { id: string; tokenHash: string }, at: string): Promise<Redemption> {
    return this.db.transaction((): Redemption => {
      const code = this.sql('SELECT * FROM enrolment_codes WHERE code_hash = ?').get(codeHash) as Row | undefined
      if (!code) return { outcome: 'unknown' }
      if (code.used_at) return { outcome: 'used' }
      if (String(code.expires_at) < at) return { outcome: 'expired' }
      this.sql('INSERT INTO devices (id, setting_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?)').run(device.id, code.setting_id, device.tokenHash, at)
      this.sql('UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(at, device.id, codeHash)
      const setting = toSetting(this.sql('SELECT * FROM settings WHERE id = ?').get(code.setting_id) as Row)
      return { outcome: 'enrolled', setting, device: { id: device.id, settingId: setting.id, enrolledAt: at } }
    })()
  }

  async deviceByTokenHash(tokenHash: string): Promise<Device | undefined> {
    const row = this.sql('SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as Row | undefined
    return row && toDevice(row)
  }

  async listDevices(): Promise<Device[]> {
    return (this.sql('SELECT * FROM devices ORDER BY enrolled_at').all() as Row[]).map(toDevice)
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return this.sql('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, deviceId).changes > 0
  }

  async claimIdempotencyKey(deviceId: string, key: string, requestHash: string, at: string, leaseUntil: number, now: number): Promise<KeyClaim> {
    return this.writes.write((): KeyClaim => {
      const row = this.sql('SELECT * FROM idempotency_keys WHERE device_id = ? AND key = ?').get(deviceId, key) as Row | undefined
      if (row && row.request_hash !== requestHash) return { outcome: 'different-request' }
      if (row?.state === 'done') {
        return { outcome: 'replay', response: { status: Number(row.response_status), body: String(row.response_body) } }
      }
      if (row && Number(row.lease_until) > now) return { outcome: 'in-progress' }
      this.sql(
        `INSERT INTO idempotency_keys (device_id, key, request_hash, state, lease_until, created_at) VALUES (?, ?, ?, 'in-progress', ?, ?)
         ON CONFLICT (device_id, key) DO UPDATE SET lease_until = excluded.lease_until`,
      ).run(deviceId, key, requestHash, leaseUntil, at)
      return { outcome: 'claimed' }
    })
  }

  async answerIdempotencyKey(deviceId: string, key: string, response: StoredResponse): Promise<void> {
    await this.writes.write(() => this.answerKey(deviceId, key, response))
  }

  /** A key's final answer: by itself (a refusal), or with its submission. */
  private answerKey(deviceId: string, key: string, response: StoredResponse): void {
    this.sql(`UPDATE idempotency_keys SET state = 'done', lease_until = NULL, response_status = ?, response_body = ? WHERE device_id = ? AND key = ?`)
      .run(response.status, response.body, deviceId, key)
  }

  async releaseAllInProgressClaims(): Promise<number> {
    return this.sql(`DELETE FROM idempotency_keys WHERE state = 'in-progress'`).run().changes
  }

  async releaseIdempotencyKey(deviceId: string, key: string): Promise<void> {
    await this.writes.write(() => this.sql(`DELETE FROM idempotency_keys WHERE device_id = ? AND key = ? AND state = 'in-progress'`).run(deviceId, key))
  }

  async recordSubmission(submission: NewSubmission, response: (id: number) => StoredResponse): Promise<number> {
    return this.writes.write((): number => {
      const { lastInsertRowid } = this.sql(
        `INSERT INTO submissions (device_id, setting_id, idempotency_key, kind, depends_on, payload, received_at, status, updated_at, event_date,
           suspension_days, pupil_name, pupil_key, education_from, case_state)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        submission.deviceId, submission.settingId, submission.idempotencyKey, submission.kind, submission.dependsOn ?? null,
        JSON.stringify(submission.payload), submission.receivedAt, submission.receivedAt, submission.eventDate ?? null,
        submission.suspensionDays ?? null, submission.pupilName ?? null, submission.pupilKey ?? null, submission.educationFrom ?? null,
        submission.kind === 'permanent-exclusion' ? 'open' : null,
      )
      const id = Number(lastInsertRowid)
      this.answerKey(submission.deviceId, submission.idempotencyKey, response(id))
      return id
    })
  }

  async submissionKeyExists(deviceId: string, key: string, kind: SubmissionKind): Promise<boolean> {
    return this.sql('SELECT 1 FROM submissions WHERE device_id = ? AND idempotency_key = ? AND kind = ?').get(deviceId, key, kind) !== undefined
  }

  async statusesForDevice(deviceId: string, changedSince = ''): Promise<StoredStatus[]> {
    const rows = this.sql(
      `SELECT s.*, m.meeting_id, p.recorded_at AS plan_recorded_at FROM submissions s LEFT JOIN meeting_assignments m ON m.submission_id = s.id
       LEFT JOIN education_plans p ON p.submission_id = s.id WHERE s.device_id = ? AND s.updated_at >= ? ORDER BY s.id`,
    ).all(deviceId, changedSince) as Row[]
    const steps = this.cases.stepsOfDevice(deviceId)
    return rows.map((row) => toStatusReport(row, steps))
  }

  async listSubmissions(filter: SubmissionFilter): Promise<SubmissionSummary[]> {
    return (await this.findSubmissions(filter, { limit: 1000, offset: 0 })).submissions
  }

  async findSubmissions(filter: SubmissionFilter, page: { limit: number; offset: number }): Promise<SubmissionPage> {
    const { rows: rowsSql, count, values } = findSql(filter)
    const rows = this.sql(rowsSql).all(...values, page.limit, page.offset) as Row[]
    const { total } = this.sql(count).get(...values) as { total: number }
    return {
      total,
      submissions: rows.map((row) => toFoundSummary(row, filter)),
    }
  }

  /** How SQLite would run a search (EXPLAIN QUERY PLAN, both its statements): for the benchmark and the test that no search reads the whole table. */
  findSubmissionsPlan(filter: SubmissionFilter): string[] {
    const { rows, count, values } = findSql(filter)
    const plan = (sql: string, parameters: unknown[]) => (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Row[]).map((row) => String(row.detail))
    return [...plan(rows, [...values, 50, 0]), ...plan(count, values)]
  }

  async submission(id: number): Promise<SubmissionDetail | undefined> {
    const row = this.sql('SELECT s.*, st.name AS setting_name FROM submissions s JOIN settings st ON st.id = s.setting_id WHERE s.id = ?').get(id) as Row | undefined
    if (!row) return undefined
    return toDetail(row)
  }

  async updateSubmissionStatus(id: number, change: StatusChange, at: string): Promise<boolean> {
    return (
      this.sql(
        `UPDATE submissions SET status = ?, forum_date = COALESCE(?, forum_date), outcome = COALESCE(?, outcome), updated_at = ?,
         closed_at = CASE WHEN ? THEN COALESCE(closed_at, ?) ELSE closed_at END WHERE id = ?`,
      ).run(change.status, change.forumDate ?? null, change.outcome ?? null, at, change.closes ? 1 : 0, at, id).changes > 0
    )
  }
}

/** Kinds that have an event date: a range on it looks only at these, so the (kind, event_date) index serves it. */
const KINDS_WITH_EVENT_DATE: readonly SubmissionKind[] = ['suspension', 'permanent-exclusion']

/** A search's two statements, a page of rows (LIMIT and OFFSET last) and the count, with their values. */
function findSql(filter: SubmissionFilter): { rows: string; count: string; values: unknown[] } {
  const { where, values } = submissionConditions(filter)
  const whereClause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  // The name as sent, from the payload, only for a search by name: a list shows no names otherwise.
  const pupilName = filter.pupilName ? `, COALESCE(json_extract(s.payload, '$.pupil.name'), json_extract(s.payload, '$.child.name')) AS shown_pupil_name` : ''
  // Newest first by received time, then id: both are in every index's order (the rowid ends each
  // index), so the default list and the kind filter read a page of index entries, not the table.
  return {
    rows: `SELECT s.id, s.kind, s.setting_id, s.received_at, s.status, s.forum_date, s.outcome, s.updated_at, st.name AS setting_name${pupilName}
           FROM submissions s JOIN settings st ON st.id = s.setting_id
           ${whereClause} ORDER BY s.received_at DESC, s.id DESC LIMIT ? OFFSET ?`,
    count: `SELECT COUNT(*) AS total FROM submissions s ${whereClause}`,
    values,
  }
}

/** The WHERE conditions for a filter, each one an index can serve. */
function submissionConditions(filter: SubmissionFilter): { where: string[]; values: unknown[] } {
  const where: string[] = []
  const values: unknown[] = []
  const add = (clause: string, ...clauseValues: unknown[]) => {
    where.push(clause)
    values.push(...clauseValues)
  }
  if (filter.id !== undefined) add('s.id = ?', filter.id)
  if (filter.kind) add('s.kind = ?', filter.kind)
  if (filter.settingId) add('s.setting_id = ?', filter.settingId)
  if (filter.setting) {
    add(`s.setting_id IN (SELECT id FROM settings WHERE urn = ? OR name LIKE ? ESCAPE '\\')`, filter.setting, `%${escapeLike(filter.setting)}%`)
  }
  if (filter.status) add('s.status = ?', filter.status)
  if (filter.dateOn === 'event') {
    if (!filter.kind && (filter.from || filter.to)) add(`s.kind IN (${KINDS_WITH_EVENT_DATE.map(() => '?').join(', ')})`, ...KINDS_WITH_EVENT_DATE)
    if (filter.from) add('s.event_date >= ?', filter.from)
    if (filter.to) add('s.event_date <= ?', filter.to)
  } else {
    // Days as the UK reads them (stored times are UTC), the whole "to" day included.
    if (filter.from) add('s.received_at >= ?', ukDayStart(filter.from))
    if (filter.to) add('s.received_at < ?', ukDayStart(addDaysToIsoDate(filter.to, 1)))
  }
  if (filter.pupilName?.match === 'exact') add('s.pupil_name = ?', filter.pupilName.name)
  // A range on the indexed column: every name that starts so sorts between the prefix and the prefix followed by the last code point.
  if (filter.pupilName?.match === 'prefix') add('s.pupil_name >= ? AND s.pupil_name < ?', filter.pupilName.name, `${filter.pupilName.name}\u{10FFFF}`)
  if (filter.overdueOn) {
    add(`s.kind = 'permanent-exclusion' AND s.case_state = 'open' AND s.education_from < ? AND s.education_arranged = 0`, filter.overdueOn)
  }
  return { where, values }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`)
