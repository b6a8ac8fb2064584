import Database from 'better-sqlite3'
import { SUBMISSION_STATUSES, type SubmissionKind, type SubmissionStatus, type SubmissionStatusReport } from '../../src/domain/submissions'
import {
  submissionReference,
  type Device, type IntakeStore, type KeyClaim, type NewSubmission, type Redemption, type Setting,
  type SettingPhase, type StoredResponse, type SubmissionDetail, type SubmissionFilter, type SubmissionSummary, type SuspensionCount,
} from './intake-store'
import { MIGRATIONS } from './migrations'
import { SqliteAudit } from './sqlite/audit'
import { SqliteCases } from './sqlite/cases'
import { SqliteLevels } from './sqlite/levels'
import { SqlitePeople } from './sqlite/people'
import type { Row } from './sqlite/row'

/** The embedded store: one SQLite file, WAL, synchronous FULL (an acknowledged write survives a power cut). */
export class SqliteStore implements IntakeStore {
  private readonly db: Database.Database
  readonly people: SqlitePeople
  readonly audit: SqliteAudit
  readonly cases: SqliteCases
  readonly levels: SqliteLevels

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    this.migrate()
    this.people = new SqlitePeople(this.db)
    this.audit = new SqliteAudit(this.db)
    this.cases = new SqliteCases(this.db)
    this.levels = new SqliteLevels(this.db)
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
    const applied = (this.db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0
    MIGRATIONS.slice(applied).forEach((sql, index) => {
      this.db.transaction(() => {
        this.db.exec(sql)
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(applied + index + 1, new Date().toISOString())
      })()
    })
  }

  async close(): Promise<void> {
    this.db.close()
  }

  async createSetting(setting: Omit<Setting, 'createdAt'>, at: string): Promise<Setting> {
    this.db
      .prepare('INSERT INTO settings (id, name, urn, phase, seip_area, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(setting.id, setting.name, setting.urn, setting.phase, setting.seipArea ?? null, at)
    return { ...setting, createdAt: at }
  }

  async listSettings(): Promise<Setting[]> {
    return (this.db.prepare('SELECT * FROM settings ORDER BY name').all() as Row[]).map(toSetting)
  }

  async addEnrolmentCode(settingId: string, codeHash: string, expiresAt: string, at: string): Promise<void> {
    this.db.prepare('INSERT INTO enrolment_codes (code_hash, setting_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(codeHash, settingId, at, expiresAt)
  }

  async redeemEnrolmentCode(codeHash: string, device: { id: string; tokenHash: string }, at: string): Promise<Redemption> {
    return this.db.transaction((): Redemption => {
      const code = this.db.prepare('SELECT * FROM enrolment_codes WHERE code_hash = ?').get(codeHash) as Row | undefined
      if (!code) return { outcome: 'unknown' }
      if (code.used_at) return { outcome: 'used' }
      if (String(code.expires_at) < at) return { outcome: 'expired' }
      this.db.prepare('INSERT INTO devices (id, setting_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?)').run(device.id, code.setting_id, device.tokenHash, at)
      this.db.prepare('UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(at, device.id, codeHash)
      const setting = toSetting(this.db.prepare('SELECT * FROM settings WHERE id = ?').get(code.setting_id) as Row)
      return { outcome: 'enrolled', setting, device: { id: device.id, settingId: setting.id, enrolledAt: at } }
    })()
  }

  async deviceByTokenHash(tokenHash: string): Promise<Device | undefined> {
    const row = this.db.prepare('SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as Row | undefined
    return row && toDevice(row)
  }

  async listDevices(): Promise<Device[]> {
    return (this.db.prepare('SELECT * FROM devices ORDER BY enrolled_at').all() as Row[]).map(toDevice)
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, deviceId).changes > 0
  }

  async claimIdempotencyKey(deviceId: string, key: string, requestHash: string, at: string, leaseUntil: number, now: number): Promise<KeyClaim> {
    return this.db.transaction((): KeyClaim => {
      const row = this.db.prepare('SELECT * FROM idempotency_keys WHERE device_id = ? AND key = ?').get(deviceId, key) as Row | undefined
      if (row && row.request_hash !== requestHash) return { outcome: 'different-request' }
      if (row?.state === 'done') {
        return { outcome: 'replay', response: { status: Number(row.response_status), body: String(row.response_body) } }
      }
      if (row && Number(row.lease_until) > now) return { outcome: 'in-progress' }
      this.db
        .prepare(
          `INSERT INTO idempotency_keys (device_id, key, request_hash, state, lease_until, created_at) VALUES (?, ?, ?, 'in-progress', ?, ?)
           ON CONFLICT (device_id, key) DO UPDATE SET lease_until = excluded.lease_until`,
        )
        .run(deviceId, key, requestHash, leaseUntil, at)
      return { outcome: 'claimed' }
    })()
  }

  async answerIdempotencyKey(deviceId: string, key: string, response: StoredResponse): Promise<void> {
    this.db
      .prepare(`UPDATE idempotency_keys SET state = 'done', lease_until = NULL, response_status = ?, response_body = ? WHERE device_id = ? AND key = ?`)
      .run(response.status, response.body, deviceId, key)
  }

  async releaseAllInProgressClaims(): Promise<number> {
    return this.db.prepare(`DELETE FROM idempotency_keys WHERE state = 'in-progress'`).run().changes
  }

  async releaseIdempotencyKey(deviceId: string, key: string): Promise<void> {
    this.db.prepare(`DELETE FROM idempotency_keys WHERE device_id = ? AND key = ? AND state = 'in-progress'`).run(deviceId, key)
  }

  async recordSubmission(submission: NewSubmission, response: (id: number) => StoredResponse): Promise<number> {
    return this.db.transaction((): number => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO submissions (device_id, setting_id, idempotency_key, kind, depends_on, payload, received_at, status, updated_at, event_date,
             suspension_days, pupil_name, pupil_key, education_from, case_state)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          submission.deviceId, submission.settingId, submission.idempotencyKey, submission.kind, submission.dependsOn ?? null,
          JSON.stringify(submission.payload), submission.receivedAt, submission.receivedAt, submission.eventDate ?? null,
          submission.suspensionDays ?? null, submission.pupilName ?? null, submission.pupilKey ?? null, submission.educationFrom ?? null,
          submission.kind === 'permanent-exclusion' ? 'open' : null,
        )
      const id = Number(lastInsertRowid)
      const answer = response(id)
      this.db
        .prepare(`UPDATE idempotency_keys SET state = 'done', lease_until = NULL, response_status = ?, response_body = ? WHERE device_id = ? AND key = ?`)
        .run(answer.status, answer.body, submission.deviceId, submission.idempotencyKey)
      return id
    })()
  }

  async submissionKeyExists(deviceId: string, key: string, kind: SubmissionKind): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM submissions WHERE device_id = ? AND idempotency_key = ? AND kind = ?').get(deviceId, key, kind) !== undefined
  }

  async statusesForDevice(deviceId: string): Promise<SubmissionStatusReport[]> {
    const rows = this.db.prepare('SELECT * FROM submissions WHERE device_id = ? ORDER BY id').all(deviceId) as Row[]
    return rows.map((row) => {
      const report: SubmissionStatusReport = {
        idempotencyKey: String(row.idempotency_key),
        reference: submissionReference(Number(row.id)),
        kind: row.kind as SubmissionKind,
        status: row.status as SubmissionStatus,
        receivedAt: String(row.received_at),
        updatedAt: String(row.updated_at),
      }
      if (row.forum_date) report.forumDate = String(row.forum_date)
      if (row.outcome) report.outcome = String(row.outcome)
      return report
    })
  }

  async listSubmissions(filter: SubmissionFilter): Promise<SubmissionSummary[]> {
    const where: string[] = []
    const values: unknown[] = []
    const add = (clause: string, value: unknown) => {
      where.push(clause)
      values.push(value)
    }
    if (filter.kind) add('s.kind = ?', filter.kind)
    if (filter.settingId) add('s.setting_id = ?', filter.settingId)
    if (filter.status) add('s.status = ?', filter.status)
    if (filter.from) add('s.received_at >= ?', filter.from)
    // Inclusive of the whole "to" day: every ISO time on that day sorts before the next day.
    if (filter.to) add('s.received_at < ?', nextDay(filter.to))
    const sql = `SELECT s.*, st.name AS setting_name FROM submissions s JOIN settings st ON st.id = s.setting_id
                 ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.id DESC LIMIT 1000`
    return (this.db.prepare(sql).all(...values) as Row[]).map(toSummary)
  }

  async submission(id: number): Promise<SubmissionDetail | undefined> {
    const row = this.db.prepare('SELECT s.*, st.name AS setting_name FROM submissions s JOIN settings st ON st.id = s.setting_id WHERE s.id = ?').get(id) as Row | undefined
    if (!row) return undefined
    const detail: SubmissionDetail = {
      ...toSummary(row),
      deviceId: String(row.device_id),
      idempotencyKey: String(row.idempotency_key),
      payload: JSON.parse(String(row.payload)),
    }
    if (row.depends_on) detail.dependsOn = String(row.depends_on)
    return detail
  }

  async updateSubmissionStatus(id: number, change: { status: SubmissionStatus; forumDate?: string; outcome?: string }, at: string): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE submissions SET status = ?, forum_date = COALESCE(?, forum_date), outcome = COALESCE(?, outcome), updated_at = ? WHERE id = ?')
        .run(change.status, change.forumDate ?? null, change.outcome ?? null, at, id).changes > 0
    )
  }

  async suspensionCounts(from: string, to: string): Promise<SuspensionCount[]> {
    const rows = this.db
      .prepare(
        `SELECT st.id AS setting_id, st.name AS setting_name, COUNT(s.id) AS suspensions, COALESCE(SUM(s.suspension_days), 0) AS days
         FROM settings st LEFT JOIN submissions s ON s.setting_id = st.id AND s.kind = 'suspension' AND s.event_date >= ? AND s.event_date <= ?
         GROUP BY st.id ORDER BY days DESC, st.name`,
      )
      .all(from, to) as Row[]
    return rows.map((row) => ({ settingId: String(row.setting_id), settingName: String(row.setting_name), suspensions: Number(row.suspensions), days: Number(row.days) }))
  }

}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

function toSetting(row: Row): Setting {
  const setting: Setting = { id: String(row.id), name: String(row.name), urn: String(row.urn), phase: row.phase as SettingPhase, createdAt: String(row.created_at) }
  if (row.seip_area) setting.seipArea = String(row.seip_area)
  return setting
}

function toDevice(row: Row): Device {
  const device: Device = { id: String(row.id), settingId: String(row.setting_id), enrolledAt: String(row.enrolled_at) }
  if (row.revoked_at) device.revokedAt = String(row.revoked_at)
  return device
}

function toSummary(row: Row): SubmissionSummary {
  const summary: SubmissionSummary = {
    id: Number(row.id),
    reference: submissionReference(Number(row.id)),
    kind: row.kind as SubmissionKind,
    settingId: String(row.setting_id),
    settingName: String(row.setting_name),
    receivedAt: String(row.received_at),
    status: SUBMISSION_STATUSES.includes(row.status as SubmissionStatus) ? (row.status as SubmissionStatus) : 'received',
    updatedAt: String(row.updated_at),
  }
  if (row.forum_date) summary.forumDate = String(row.forum_date)
  if (row.outcome) summary.outcome = String(row.outcome)
  return summary
}
