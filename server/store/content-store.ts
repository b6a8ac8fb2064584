import { ukDate } from '../../src/domain/dates'

/** A published version of the reference content, as the versions list shows it (no body). */
export interface ContentVersionSummary {
  id: number
  publishedAt: string
  /** What changed, in the publisher's words. */
  note: string
  /** The officer who published it; undefined for the service itself or the command line. */
  publishedBy?: string
  /** The version whose body this one republished (a roll back). */
  restoredFrom?: number
}

export interface PublishedContent {
  id: number
  body: string
}

export type ContentVersion = ContentVersionSummary & PublishedContent

/** The one shared draft the workspace edits before publishing. */
export interface ContentDraft {
  body: string
  updatedAt: string
  updatedBy: string
}

export interface PublishDetails {
  note: string
  by?: string
  restoredFrom?: number
}

/**
 * Content versions and the shared draft, in the store every instance reads (SQLite for one,
 * PostgreSQL for several). Publishing stamps the body's `version` (see stampContentVersion),
 * so devices, which only take a newer version, take every publish, a roll back included.
 */
export interface ContentStore {
  latestContent(): Promise<PublishedContent | undefined>
  /** The newest version's id alone: what the content source asks every few seconds. */
  latestContentId(): Promise<number | undefined>
  /** Publishes `body` (stamped with its version) and returns the version's id. */
  publishContent(body: string, at: string, details: PublishDetails): Promise<number>
  /** Publishes only when no version exists yet: several instances starting on one new database publish the first content once. */
  publishFirstContent(body: string, at: string, details: PublishDetails): Promise<number | undefined>
  /** Newest first. */
  contentVersions(): Promise<ContentVersionSummary[]>
  contentVersion(id: number): Promise<ContentVersion | undefined>
  contentDraft(): Promise<ContentDraft | undefined>
  /**
   * Saves the draft; with `basedOn`, only if the draft is still the one read (null: there was
   * none), so that two officers saving at once never lose each other's change: the caller
   * reads again and reapplies its change. True when saved.
   */
  saveContentDraft(body: string, at: string, by: string, basedOn?: ContentDraft | null): Promise<boolean>
  /** Discards the draft; with `basedOn`, only if it is still that one. True when one went. */
  discardContentDraft(basedOn?: ContentDraft): Promise<boolean>
}

/**
 * The body with its `version` set to "YYYY-MM-DD.N": the UK date of publishing and the
 * version's id, so every publish is newer than the last (compareContentVersions). A body
 * that is not a JSON object is kept as it is: the content source refuses it when read.
 */
export function stampContentVersion(body: string, id: number, at: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return body
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return body
  return `${JSON.stringify({ ...parsed, version: `${ukDate(new Date(at))}.${id}` }, null, 2)}\n`
}
