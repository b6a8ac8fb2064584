import type { ContentDraft, ContentVersion, ContentVersionSummary } from '../content-store'
import type { Row } from './row'

export const VERSION_COLUMNS = 'id, published_at, note, published_by, restored_from'

export function toContentVersionSummary(row: Row): ContentVersionSummary {
  const version: ContentVersionSummary = { id: Number(row.id), publishedAt: String(row.published_at), note: String(row.note ?? '') }
  if (row.published_by != null) version.publishedBy = String(row.published_by)
  if (row.restored_from != null) version.restoredFrom = Number(row.restored_from)
  return version
}

export function toContentVersion(row: Row): ContentVersion {
  return { ...toContentVersionSummary(row), body: String(row.body) }
}

export function toContentDraft(row: Row | undefined): ContentDraft | undefined {
  return row && { body: String(row.body), updatedAt: String(row.updated_at), updatedBy: String(row.updated_by) }
}
