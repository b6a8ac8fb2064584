import type Database from 'better-sqlite3'
import { stampContentVersion, type ContentDraft, type ContentStore, type ContentVersion, type ContentVersionSummary, type PublishDetails, type PublishedContent } from '../content-store'
import { toContentDraft, toContentVersion, toContentVersionSummary, VERSION_COLUMNS } from '../rows/content'
import type { Row } from '../rows/row'

export class SqliteContent implements ContentStore {
  constructor(private readonly db: Database.Database) {}

  async latestContent(): Promise<PublishedContent | undefined> {
    return this.db.prepare('SELECT id, body FROM published_content ORDER BY id DESC LIMIT 1').get() as PublishedContent | undefined
  }

  async latestContentId(): Promise<number | undefined> {
    return (this.db.prepare('SELECT max(id) AS id FROM published_content').get() as { id: number | null }).id ?? undefined
  }

  async publishContent(body: string, at: string, details: PublishDetails): Promise<number> {
    return this.publish(body, at, details)
  }

  async publishFirstContent(body: string, at: string, details: PublishDetails): Promise<number | undefined> {
    // One transaction: another connection to the file cannot publish between the check and the insert.
    return this.db.transaction(() => (this.db.prepare('SELECT 1 FROM published_content LIMIT 1').get() ? undefined : this.publish(body, at, details))).immediate()
  }

  /** Inserts, then stamps the body with the id the insert got, in one transaction. */
  private publish(body: string, at: string, details: PublishDetails): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare('INSERT INTO published_content (body, published_at, note, published_by, restored_from) VALUES (?, ?, ?, ?, ?)')
          .run(body, at, details.note, details.by ?? null, details.restoredFrom ?? null).lastInsertRowid,
      )
      this.db.prepare('UPDATE published_content SET body = ? WHERE id = ?').run(stampContentVersion(body, id, at), id)
      return id
    })()
  }

  async contentVersions(): Promise<ContentVersionSummary[]> {
    return (this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM published_content ORDER BY id DESC`).all() as Row[]).map(toContentVersionSummary)
  }

  async contentVersion(id: number): Promise<ContentVersion | undefined> {
    const row = this.db.prepare(`SELECT ${VERSION_COLUMNS}, body FROM published_content WHERE id = ?`).get(id) as Row | undefined
    return row && toContentVersion(row)
  }

  async contentDraft(): Promise<ContentDraft | undefined> {
    return toContentDraft(this.db.prepare('SELECT * FROM content_draft WHERE id = 1').get() as Row | undefined)
  }

  async saveContentDraft(body: string, at: string, by: string, basedOn?: ContentDraft | null): Promise<boolean> {
    if (basedOn === null) {
      return this.db.prepare('INSERT INTO content_draft (id, body, updated_at, updated_by) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(body, at, by).changes === 1
    }
    if (basedOn) {
      return this.db.prepare('UPDATE content_draft SET body = ?, updated_at = ?, updated_by = ? WHERE id = 1 AND body = ?').run(body, at, by, basedOn.body).changes === 1
    }
    this.db
      .prepare(
        `INSERT INTO content_draft (id, body, updated_at, updated_by) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(body, at, by)
    return true
  }

  async discardContentDraft(basedOn?: ContentDraft): Promise<boolean> {
    const deleted = basedOn ? this.db.prepare('DELETE FROM content_draft WHERE id = 1 AND body = ?').run(basedOn.body) : this.db.prepare('DELETE FROM content_draft WHERE id = 1').run()
    return deleted.changes === 1
  }
}
