import { contentSchema, type Content } from '../src/domain/content-schema'
import { countyCalendarOf } from '../src/domain/default-content/county-calendar'
import type { Term } from '../src/domain/school-calendar'
import type { ContentLog } from './content-file'
import type { IntakeStore } from './store/intake-store'
import { parseContent, publishedContent } from './workspace/content-draft'

export const MOVED_NOTE = 'County term dates moved from the suspension levels page'

/** The content with these county terms, keeping its bank holidays; undefined when the app's schema refuses it. */
function withTerms(content: Content, terms: Term[]): Content | undefined {
  const candidate = { ...content, countyCalendar: { terms, bankHolidays: countyCalendarOf(content).bankHolidays } }
  return contentSchema.safeParse(candidate).success ? candidate : undefined
}

/**
 * Moves the county terms an older installation entered on the suspension levels page (the
 * county_terms table) into the content, once: the county calendar is content now, and the
 * suspension levels read the published one. Runs at start-up after the first content is
 * published, so the terms join that content rather than take its place.
 *
 * - Published content without county terms: a new version holding them is published (and the
 *   shared draft, if it has none either, gets them too, so that publishing it does not take
 *   them away again); then the rows go.
 * - Published content with county terms already: those win and the rows go.
 * - Terms the app's schema refuses (they were checked when entered, so this should not
 *   happen): the rows stay for someone to look at, and the service starts as usual.
 *
 * Never throws: a database that cannot be reached leaves the rows for the next start.
 */
export async function moveCountyTermsIntoContent(store: IntakeStore, at: string, log: ContentLog): Promise<void> {
  try {
    const terms = (await store.levels.countyTerms()).map(({ id: _id, ...term }) => term)
    if (terms.length === 0) return
    const published = (await publishedContent(store.content)).content
    if (countyCalendarOf(published).terms.length > 0) {
      log.info({ terms: terms.length }, 'county terms from the suspension levels page not moved: the published content has county terms already')
      await store.levels.clearCountyTerms()
      return
    }
    const moved = withTerms(published, terms)
    if (!moved) {
      log.warn({ terms: terms.length }, 'county terms from the suspension levels page do not fit the content schema: kept where they are')
      return
    }
    await store.content.publishContent(JSON.stringify(moved), at, { note: MOVED_NOTE })
    const draft = await store.content.contentDraft()
    const drafted = parseContent(draft?.body)
    const draftWithTerms = drafted && countyCalendarOf(drafted).terms.length === 0 ? withTerms(drafted, terms) : undefined
    // Still the officer's draft, as they left it: only the terms, published already, are added.
    if (draft && draftWithTerms) await store.content.saveContentDraft(JSON.stringify(draftWithTerms), draft.updatedAt, draft.updatedBy, draft)
    await store.levels.clearCountyTerms()
    log.info({ terms: terms.length }, 'county terms moved from the suspension levels page into the content')
  } catch {
    log.warn({}, 'county terms could not be moved into the content: trying again at the next start')
  }
}
