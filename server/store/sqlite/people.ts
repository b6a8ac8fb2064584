import type Database from 'better-sqlite3'
import { LastAdministratorError, removesAdministrator, UsernameTakenError, type NewOfficer, type Officer, type PeopleStore, type Role } from '../people-store'
import { toOfficer } from '../rows/people'
import type { Row } from '../rows/row'

const LAST_USED_GRANULARITY_MS = 60_000

export class SqlitePeople implements PeopleStore {
  constructor(private readonly db: Database.Database) {}

  async createOfficer(officer: NewOfficer, at: string): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO officers (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(officer.id, officer.username, officer.displayName, officer.role, officer.passwordHash, at)
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UsernameTakenError()
      throw error
    }
  }

  async officerByUsername(username: string): Promise<Officer | undefined> {
    // Usernames are letters, digits and . _ @ -: their case never makes a different person.
    const row = this.db.prepare('SELECT * FROM officers WHERE username = ? COLLATE NOCASE ORDER BY created_at LIMIT 1').get(username) as Row | undefined
    return row && toOfficer(row)
  }

  async officer(id: string): Promise<Officer | undefined> {
    const row = this.db.prepare('SELECT * FROM officers WHERE id = ?').get(id) as Row | undefined
    return row && toOfficer(row)
  }

  async listOfficers(): Promise<Officer[]> {
    return (this.db.prepare('SELECT * FROM officers ORDER BY display_name, username').all() as Row[]).map(toOfficer)
  }

  async countAdministrators(): Promise<number> {
    return (this.db.prepare(`SELECT COUNT(*) AS count FROM officers WHERE role = 'administrator' AND disabled_at IS NULL`).get() as { count: number }).count
  }

  async countOfficers(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS count FROM officers').get() as { count: number }).count
  }

  async updateOfficer(id: string, change: { displayName?: string; role?: Role; disabled?: boolean }, at: string): Promise<boolean> {
    return this.db.transaction((): boolean => {
      // The workspace refuses this first, with its message; this holds whatever calls the store.
      if (removesAdministrator(change) && this.isLastAdministrator(id)) throw new LastAdministratorError()
      const disabledAt = change.disabled === undefined ? undefined : change.disabled ? at : null
      const changed = this.db
        .prepare(
          `UPDATE officers SET display_name = COALESCE(?, display_name), role = COALESCE(?, role),
           disabled_at = CASE WHEN ? THEN ? ELSE disabled_at END WHERE id = ?`,
        )
        .run(change.displayName ?? null, change.role ?? null, disabledAt === undefined ? 0 : 1, disabledAt ?? null, id).changes > 0
      if (changed && change.disabled) this.db.prepare('DELETE FROM officer_sessions WHERE officer_id = ?').run(id)
      return changed
    })()
  }

  private isLastAdministrator(id: string): boolean {
    const ids = this.db.prepare(`SELECT id FROM officers WHERE role = 'administrator' AND disabled_at IS NULL`).all() as Row[]
    return ids.length <= 1 && ids.some((row) => row.id === id)
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE officers SET password_hash = ? WHERE id = ?').run(passwordHash, id)
      this.db.prepare('DELETE FROM officer_sessions WHERE officer_id = ?').run(id)
    })()
  }

  async createSession(tokenHash: string, officerId: string, now: number, expiresAt: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM officer_sessions WHERE expires_at < ?').run(now)
      this.db
        .prepare('INSERT INTO officer_sessions (token_hash, officer_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(tokenHash, officerId, now, now, expiresAt)
    })()
  }

  async useSession(tokenHash: string, now: number, idleMs: number): Promise<Officer | undefined> {
    return this.db.transaction((): Officer | undefined => {
      const row = this.db
        .prepare(
          `SELECT o.* FROM officer_sessions s JOIN officers o ON o.id = s.officer_id
           WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_used_at > ? AND o.disabled_at IS NULL`,
        )
        .get(tokenHash, now, now - idleMs) as Row | undefined
      if (!row) {
        this.db.prepare('DELETE FROM officer_sessions WHERE token_hash = ?').run(tokenHash)
        return undefined
      }
      // At most one write a minute per session: every page view waiting on a synced write to disk
      // is not worth an idle clock kept to the millisecond.
      this.db.prepare('UPDATE officer_sessions SET last_used_at = ? WHERE token_hash = ? AND last_used_at <= ?').run(now, tokenHash, now - LAST_USED_GRANULARITY_MS)
      return toOfficer(row)
    })()
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM officer_sessions WHERE token_hash = ?').run(tokenHash)
  }
}
