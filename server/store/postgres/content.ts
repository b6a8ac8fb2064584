import { stampContentVersion, type ContentDraft, type ContentStore, type ContentVersion, type ContentVersionSummary, type PublishDetails, type PublishedContent } from '../content-store'
import { toContentDraft, toContentVersion, toContentVersionSummary, VERSION_COLUMNS } from '../rows/content'
import type { Db, Queryable } from './db'

// Any fixed number other than the migration's and retention's locks: held while the first content is published.
const FIRST_CONTENT_LOCK = 7_314_2028

export class PostgresContent implements ContentStore {
  constructor(private readonly db: Db) {}

  async latestContent(): Promise<PublishedContent | undefined> {
    return this.db.row<PublishedContent>('SELECT id, body FROM published_content ORDER BY id DESC LIMIT 1')
  }

  async latestContentId(): Promise<number | undefined> {
    const row = await this.db.row<{ id: number | null }>('SELECT max(id) AS id FROM published_content')
    return row?.id == null ? undefined : Number(row.id)
  }

  publishContent(body: string, at: string, details: PublishDetails): Promise<number> {
    return this.publish(this.db, body, at, details)
  }

  async publishFirstContent(body: string, at: string, details: PublishDetails): Promise<number | undefined> {
    // Instances starting together on a new database: the lock lets one check and publish at a time.
    return this.db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_CONTENT_LOCK])
      if ((await client.query('SELECT 1 FROM published_content LIMIT 1')).rowCount) return undefined
      return this.publish(client, body, at, details)
    })
  }

  /** The id is taken first, so the body goes in already stamped with it. */
  private async publish(db: Queryable, body: string, at: string, details: PublishDetails): Promise<number> {
    const id = Number((await db.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('published_content', 'id')) AS id")).rows[0]!.id)
    await db.query('INSERT INTO published_content (id, body, published_at, note, published_by, restored_from) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, stampContentVersion(body, id, at), at, details.note, details.by ?? null, details.restoredFrom ?? null,
    ])
    return id
  }

  async contentVersions(): Promise<ContentVersionSummary[]> {
    return (await this.db.rows(`SELECT ${VERSION_COLUMNS} FROM published_content ORDER BY id DESC`)).map(toContentVersionSummary)
  }

  async contentVersion(id: number): Promise<ContentVersion | undefined> {
    const row = await this.db.row(`SELECT ${VERSION_COLUMNS}, body FROM published_content WHERE id = $1`, [id])
    return row && toContentVersion(row)
  }

  async contentDraft(): Promise<ContentDraft | undefined> {
    return toContentDraft(await this.db.row('SELECT * FROM content_draft WHERE id = 1'))
  }

  async saveContentDraft(body: string, at: string, by: string, basedOn?: ContentDraft | null): Promise<boolean> {
    if (basedOn === null) {
      const inserted = await this.db.query('INSERT INTO content_draft (id, body, updated_at, updated_by) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING', [body, at, by])
      return inserted.rowCount === 1
    }
    if (basedOn) {
      const updated = await this.db.query('UPDATE content_draft SET body = $1, updated_at = $2, updated_by = $3 WHERE id = 1 AND body = $4', [body, at, by, basedOn.body])
      return updated.rowCount === 1
    }
    await this.db.query(
      `INSERT INTO content_draft (id, body, updated_at, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [body, at, by],
    )
    return true
  }

  async discardContentDraft(basedOn?: ContentDraft): Promise<boolean> {
    const deleted = basedOn ? await this.db.query('DELETE FROM content_draft WHERE id = 1 AND body = $1', [basedOn.body]) : await this.db.query('DELETE FROM content_draft WHERE id = 1')
    return deleted.rowCount === 1
  }
}
