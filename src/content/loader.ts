import type { Content } from '../domain/content-schema'
import { compareContentVersions } from '../domain/content-version'
import { readStoredContent, storeContent } from '../db/content-repository'
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

export type RefreshOutcome = 'unchanged' | 'updated' | 'rejected' | 'unavailable'

/**
 * Asks the intake service for newer content. A newer version replaces the stored one only
 * after it validates; anything else (offline, 404, 500, bad JSON, invalid content) keeps
 * the current content and is reported only through the outcome.
 */
export async function refreshContent(
  db: AppDatabase,
  current: LoadedContent,
  fetchContent: typeof fetch = fetch,
): Promise<{ outcome: RefreshOutcome; loaded: LoadedContent }> {
  const unchanged = (outcome: RefreshOutcome) => ({ outcome, loaded: current })
  let response: Response
  try {
    response = await fetchContent('/api/content', {
      headers: current.etag ? { 'If-None-Match': current.etag } : {},
      cache: 'no-cache',
    })
  } catch {
    return unchanged('unavailable')
  }
  if (response.status === 304) return unchanged('unchanged')
  if (!response.ok) return unchanged('unavailable')

  let candidate: unknown
  try {
    candidate = await response.json()
  } catch {
    return unchanged('rejected')
  }
  const etag = response.headers.get('ETag') ?? undefined
  // Versions only move forward: an older copy (say, from a stale server) never replaces a
  // newer one, and the same version is the same content. Either way there is nothing to
  // check (the schema and its validator are loaded only for a newer version); the same
  // version's ETag is kept, so the next request is answered 304.
  const offered = (candidate as { version?: unknown } | null)?.version
  const age = typeof offered === 'string' ? compareContentVersions(offered, current.content.version) : 1
  if (age <= 0) {
    if (age < 0 || !etag || etag === current.etag) return unchanged('unchanged')
    try {
      await storeContent(db, current.content, etag)
      return { outcome: 'unchanged', loaded: { ...current, etag, stored: true } }
    } catch {
      return unchanged('unchanged')
    }
  }
  const { checkContent } = await import('../domain/content-schema')
  const checked = checkContent(candidate)
  if (!checked.ok) return unchanged('rejected')
  try {
    await storeContent(db, checked.content, etag)
    return { outcome: 'updated', loaded: { content: checked.content, etag, stored: true } }
  } catch {
    return { outcome: 'updated', loaded: { content: checked.content, etag, stored: false } }
  }
}
