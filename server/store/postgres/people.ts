import { LastAdministratorError, removesAdministrator, UsernameTakenError, type NewOfficer, type Officer, type PeopleStore, type Role } from '../people-store'
import { toOfficer } from '../rows/people'
import type { Db, Queryable } from './db'

const LAST_USED_GRANULARITY_MS = 60_000

const UNIQUE_VIOLATION = '23505'

export class PostgresPeople implements PeopleStore {
  constructor(private readonly db: Db) {}

  async createOfficer(officer: NewOfficer, at: string): Promise<void> {
    try {
      await this.db.query('INSERT INTO officers (id, username, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        officer.id, officer.username, officer.displayName, officer.role, officer.passwordHash, at,
      ])
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string }
      if (code === UNIQUE_VIOLATION && constraint === 'officers_username') throw new UsernameTakenError()
      throw error
    }
  }

  async officerByUsername(username: string): Promise<Officer | undefined> {
    // Usernames are letters, digits and . _ @ -: their case never makes a different person. Under
    // "C", lower() folds A to Z only, as SQLite's NOCASE does; the unique index is on lower(username).
    const row = await this.db.row(`SELECT * FROM officers WHERE lower(username) = lower($1::text COLLATE "C") ORDER BY created_at LIMIT 1`, [username])
    return row && toOfficer(row)
  }

  async officer(id: string): Promise<Officer | undefined> {
    const row = await this.db.row('SELECT * FROM officers WHERE id = $1', [id])
    return row && toOfficer(row)
  }

  async listOfficers(): Promise<Officer[]> {
    return (await this.db.rows('SELECT * FROM officers ORDER BY display_name, username')).map(toOfficer)
  }

  async countAdministrators(): Promise<number> {
    return Number((await this.db.row(`SELECT COUNT(*) AS count FROM officers WHERE role = 'administrator' AND disabled_at IS NULL`))!.count)
  }

  async countOfficers(): Promise<number> {
    return Number((await this.db.row('SELECT COUNT(*) AS count FROM officers'))!.count)
  }

  async updateOfficer(id: string, change: { displayName?: string; role?: Role; disabled?: boolean }, at: string): Promise<boolean> {
    return this.db.transaction(async (client) => {
      if (removesAdministrator(change)) await refuseLastAdministrator(client, id)
      const disabledAt = change.disabled === undefined ? undefined : change.disabled ? at : null
      const { rowCount } = await client.query(
        `UPDATE officers SET display_name = COALESCE($1, display_name), role = COALESCE($2, role),
         disabled_at = CASE WHEN $3::boolean THEN $4::text ELSE disabled_at END WHERE id = $5`,
        [change.displayName ?? null, change.role ?? null, disabledAt !== undefined, disabledAt ?? null, id],
      )
      const changed = (rowCount ?? 0) > 0
      if (changed && change.disabled) await client.query('DELETE FROM officer_sessions WHERE officer_id = $1', [id])
      return changed
    })
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.transaction(async (client) => {
      await client.query('UPDATE officers SET password_hash = $1 WHERE id = $2', [passwordHash, id])
      await client.query('DELETE FROM officer_sessions WHERE officer_id = $1', [id])
    })
  }

  async createSession(tokenHash: string, officerId: string, now: number, expiresAt: number): Promise<void> {
    // Expired sessions are swept as new ones start; SKIP LOCKED leaves the rows another
    // instance is sweeping (or using) to it, so two sign-ins never wait on, or deadlock over, each other.
    await this.db.query(
      `WITH swept AS (
         DELETE FROM officer_sessions WHERE token_hash IN (SELECT token_hash FROM officer_sessions WHERE expires_at < $3 FOR UPDATE SKIP LOCKED)
       )
       INSERT INTO officer_sessions (token_hash, officer_id, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
      [tokenHash, officerId, now, expiresAt],
    )
  }

  async useSession(tokenHash: string, now: number, idleMs: number): Promise<Officer | undefined> {
    // One statement (one round trip on every page view), on one snapshot: the officer of a live
    // session with its last use moved on, or the dead session deleted. At most one write a
    // minute per session: an idle clock kept to the millisecond is not worth a write per page.
    const row = await this.db.row(
      `WITH live AS (
         SELECT o.* FROM officer_sessions s JOIN officers o ON o.id = s.officer_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_used_at > $3 AND o.disabled_at IS NULL
       ),
       touched AS (
         UPDATE officer_sessions SET last_used_at = $2 WHERE token_hash = $1 AND last_used_at <= $4 AND EXISTS (SELECT 1 FROM live)
       ),
       ended AS (
         DELETE FROM officer_sessions WHERE token_hash = $1 AND NOT EXISTS (SELECT 1 FROM live)
       )
       SELECT * FROM live`,
      [tokenHash, now, now - idleMs, now - LAST_USED_GRANULARITY_MS],
    )
    return row && toOfficer(row)
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM officer_sessions WHERE token_hash = $1', [tokenHash])
  }
}

/**
 * Never fewer than one active administrator, whichever instances change roles at once: the
 * active administrators' rows are locked (in id order, so two changes never deadlock) and
 * counted in the transaction that changes one of them. A second change waits for the first
 * to commit, then counts without the administrator it removed.
 */
async function refuseLastAdministrator(client: Queryable, id: string): Promise<void> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM officers WHERE role = 'administrator' AND disabled_at IS NULL ORDER BY id FOR UPDATE`)
  if (rows.length <= 1 && rows.some((row) => row.id === id)) throw new LastAdministratorError()
}
