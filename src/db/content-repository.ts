import type { Content } from '../domain/content-schema'
import type { AppDatabase, StoredContent } from './database'

export function readStoredContent(db: AppDatabase): Promise<StoredContent | undefined> {
  return db.content.get('current')
}

export async function storeContent(db: AppDatabase, content: Content, etag?: string): Promise<StoredContent> {
  const row: StoredContent = { key: 'current', version: content.version, content, storedAt: Date.now() }
  if (etag) row.etag = etag
  await db.content.put(row)
  return row
}
