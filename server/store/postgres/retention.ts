import { submissionReference } from '../intake-store'
import type { ClosedMonth, HeldRecord, RetentionSetting, RetentionStore } from '../retention-store'
import { readable, SELECT_RECORD, toClosedMonth, toHeldRecord, toRetentionSetting } from '../rows/retention'
import type { Db, Queryable } from './db'
import type { Row } from '../rows/row'

/** A table holding rows about a submission, and the column that names it. */
interface Dependant {
  table: string
  column: string
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

// Any fixed number other than the migration lock's: held by the instance applying retention, so
// that two instances applying it at once delete (and audit) each record once, one after the other.
const RETENTION_LOCK = 7_314_2027

export class PostgresRetention implements RetentionStore {
  constructor(private readonly db: Db) {}

  async setting(): Promise<RetentionSetting> {
    const row = await this.db.row('SELECT * FROM retention_settings WHERE id = 1')
    return toRetentionSetting(row)
  }

  async setMonths(months: number, at: string, by: string): Promise<void> {
    await this.db.query(
      `INSERT INTO retention_settings (id, months, updated_at, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET months = excluded.months, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [months, at, by],
    )
  }

  async closeSubmission(id: number, at: string): Promise<boolean> {
    return ((await this.db.query('UPDATE submissions SET closed_at = COALESCE(closed_at, $1) WHERE id = $2', [at, id])).rowCount ?? 0) > 0
  }

  async closedByMonth(): Promise<ClosedMonth[]> {
    const rows = await this.db.rows('SELECT substr(closed_at, 1, 7) AS month, COUNT(*) AS count FROM submissions WHERE closed_at IS NOT NULL GROUP BY month ORDER BY month')
    return rows.map(toClosedMonth)
  }

  async countClosedBefore(cutoff: string): Promise<number> {
    return Number((await this.db.row('SELECT COUNT(*) AS count FROM submissions WHERE closed_at IS NOT NULL AND closed_at < $1', [cutoff]))!.count)
  }

  async deleteClosedBefore(cutoff: string, at: string): Promise<string[]> {
    return this.db.transaction(async (client) => {
      // The second instance waits here until the first commits, then (READ COMMITTED: each
      // statement sees what is committed when it starts) finds those records already gone.
      await client.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK])
      const ids = (
        await client.query<{ id: number }>(
          `WITH closed AS (SELECT id FROM submissions WHERE closed_at IS NOT NULL AND closed_at < $1)
           SELECT id FROM closed
           UNION
           SELECT s.id FROM submissions s JOIN submissions notice ON notice.device_id = s.device_id AND notice.idempotency_key = s.depends_on
           WHERE notice.id IN (SELECT id FROM closed) AND notice.kind = 'permanent-exclusion' AND s.kind = 'permanent-exclusion-update'
           ORDER BY id`,
          [cutoff],
        )
      ).rows.map((row) => row.id)
      if (ids.length === 0) return []
      for (const { table, column } of await dependants(client)) await client.query(`DELETE FROM ${quoted(table)} WHERE ${quoted(column)} = ANY ($1::bigint[])`, [ids])
      const deleted = (await client.query<{ id: number }>('DELETE FROM submissions WHERE id = ANY ($1::bigint[]) RETURNING id', [ids])).rows.map((row) => row.id).sort((a, b) => a - b)
      const references = deleted.map(submissionReference)
      // One entry per record, in the order of their ids (as SQLite writes them, one by one).
      await client.query(
        `INSERT INTO audit_log (at, officer_username, action, subject)
         SELECT $1, 'system', 'Deleted under retention', reference FROM unnest($2::text[]) WITH ORDINALITY AS deleted (reference, position) ORDER BY position`,
        [at, references],
      )
      return references
    })
  }

  async heldAbout(pupilName: string): Promise<HeldRecord[]> {
    return this.db.transaction(async (client) => {
      // One snapshot for the whole export, as SQLite's one transaction gives: nothing deleted or
      // added half way through it by another instance.
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const rows = (await client.query(`${SELECT_RECORD} WHERE s.pupil_name = $1 ORDER BY s.id`, [pupilName])).rows
      const found = await dependants(client)
      const held = async (row: Row): Promise<HeldRecord> => ({ ...toHeldRecord(row), related: await related(client, Number(row.id), found), updates: [] })
      const records: HeldRecord[] = []
      for (const row of rows) {
        const updates: HeldRecord[] = []
        for (const update of await updatesOf(client, Number(row.id))) updates.push(await held(update))
        records.push({ ...(await held(row)), updates })
      }
      return records
    })
  }
}

/** The outcomes a school sent after a permanent exclusion notice: they name it by its Idempotency-Key, from the same device. */
async function updatesOf(client: Queryable, id: number): Promise<Row[]> {
  return (
    await client.query(
      `${SELECT_RECORD} JOIN submissions notice ON notice.device_id = s.device_id AND notice.idempotency_key = s.depends_on
       WHERE notice.id = $1 AND notice.kind = 'permanent-exclusion' AND s.kind = 'permanent-exclusion-update' ORDER BY s.id`,
      [id],
    )
  ).rows
}

/**
 * Every table that refers to a submission, found in the catalogue rather than listed here, so
 * that a table another area adds (a case's steps) is deleted and exported with its record: by
 * a foreign key to submissions, or by a column named submission_id. In the order the tables
 * and their columns were made, as SQLite's schema lists them.
 */
async function dependants(client: Queryable): Promise<Dependant[]> {
  const { rows } = await client.query<Dependant>(
    `SELECT t.relname AS "table", a.attname AS "column"
     FROM pg_class t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE t.relkind IN ('r', 'p') AND t.oid <> 'submissions'::regclass
       AND t.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'submissions'::regclass)
       AND (a.attname = 'submission_id' OR EXISTS (
         SELECT 1 FROM pg_constraint c
         WHERE c.contype = 'f' AND c.conrelid = t.oid AND c.confrelid = 'submissions'::regclass AND a.attnum = ANY (c.conkey)))
     ORDER BY t.oid, a.attnum`,
  )
  return rows
}

async function related(client: Queryable, id: number, found: Dependant[]): Promise<Record<string, Record<string, unknown>[]>> {
  const result: Record<string, Record<string, unknown>[]> = {}
  for (const { table, column } of found) {
    const { rows } = await client.query(`SELECT * FROM ${quoted(table)} WHERE ${quoted(column)} = $1`, [id])
    if (rows.length > 0) result[table] = [...(result[table] ?? []), ...rows.map(readable)]
  }
  return result
}
