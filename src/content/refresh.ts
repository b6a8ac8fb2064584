import type { ContentCheck } from '../domain/content-schema'
import { compareContentVersions } from '../domain/content-version'
import { storeContent } from '../db/content-repository'
import type { AppDatabase } from '../db/database'
import type { LoadedContent } from './loader'

// No dynamic import here: the service worker runs this too, and a service worker cannot load code on demand.

export type RefreshOutcome = 'unchanged' | 'updated' | 'rejected' | 'unavailable'

/**
 * Asks the intake service for newer content, checking a newer version with `check` (the
 * content schema: the page loads it only when needed, the service worker has it bundled).
 * A newer version replaces the stored one only after it validates; anything else (offline,
 * 404, 500, bad JSON, invalid content) keeps the current content and is reported only
 * through the outcome.
 */
export async function refreshContentWith(
  check: (candidate: unknown) => ContentCheck | Promise<ContentCheck>,
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
  const checked = await check(candidate)
  if (!checked.ok) return unchanged('rejected')
  try {
    await storeContent(db, checked.content, etag)
    return { outcome: 'updated', loaded: { content: checked.content, etag, stored: true } }
  } catch {
    return { outcome: 'updated', loaded: { content: checked.content, etag, stored: false } }
  }
}
