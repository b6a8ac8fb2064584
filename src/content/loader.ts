import type { Content } from '../domain/content-schema'
import { compareContentVersions } from '../domain/content-version'
import { readStoredContent, storeContent } from '../db/content-repository'
import { refreshContentWith } from './refresh'
import type { AppDatabase } from '../db/database'

export { appDatabase } from '../db/database'
import { BUNDLED_CONTENT_VERSION, CONTENT_SCHEMA_VERSION } from '../domain/default-content/version'

export interface LoadedContent {
  content: Content
  etag?: string
  /** False when IndexedDB could not be used: the app still works, from the bundled copy. */
  stored: boolean
}

async function bundledContent(): Promise<Content> {
  return (await import('../domain/default-content/default-content')).defaultContent
}

/**
 * The content to show: what is stored, unless this release bundles a newer version (then
 * the bundled one is stored first). On first run the bundled content is stored.
 */
export async function loadContent(db: AppDatabase): Promise<LoadedContent> {
  try {
    const stored = await readStoredContent(db)
    // Content stored by an older release in another schema is replaced by this release's.
    const readable = stored?.content.schemaVersion === CONTENT_SCHEMA_VERSION
    if (stored && readable && compareContentVersions(stored.version, BUNDLED_CONTENT_VERSION) >= 0) {
      return { content: stored.content, etag: stored.etag, stored: true }
    }
    const content = await bundledContent()
    await storeContent(db, content)
    return { content, stored: true }
  } catch {
    return { content: await bundledContent(), stored: false }
  }
}

export type { RefreshOutcome } from './refresh'

/** Asks the intake service for newer content; the schema that checks a newer version is loaded only then. */
export function refreshContent(db: AppDatabase, current: LoadedContent, fetchContent: typeof fetch = fetch) {
  return refreshContentWith(async (candidate) => (await import('../domain/content-schema')).checkContent(candidate), db, current, fetchContent)
}
