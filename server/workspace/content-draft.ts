import { checkContent, contentSchema, type Content } from '../../src/domain/content-schema'
import { countyCalendarOf } from '../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { ContentDraft, ContentStore } from '../store/content-store'

/** Content as stored text, checked: what does not fit the schema (or is not JSON) reads as nothing. */
export function parseContent(body: string | undefined): Content | undefined {
  if (body === undefined) return undefined
  try {
    const checked = checkContent(JSON.parse(body))
    return checked.ok ? checked.content : undefined
  } catch {
    return undefined
  }
}

/** The newest published version (the bundled content until one fits the schema), with its id. */
export async function publishedContent(store: ContentStore): Promise<{ id?: number; content: Content }> {
  const latest = await store.latestContent()
  const content = parseContent(latest?.body)
  return content ? { id: latest!.id, content } : { content: defaultContent }
}

/** What the workspace edits: the shared draft, or, when there is none, a copy of the published version. */
export async function workingContent(store: ContentStore): Promise<{ content: Content; draft?: ContentDraft; published: Content }> {
  const { content: published } = await publishedContent(store)
  const draft = await store.contentDraft()
  return { content: parseContent(draft?.body) ?? published, published, ...(draft ? { draft } : {}) }
}

const PARTS: { key: Exclude<keyof Content, 'schemaVersion' | 'version' | 'services' | 'countyCalendar'>; label: string }[] = [
  { key: 'forums', label: 'Forums' },
  { key: 'forumGuidance', label: 'Forum guidance' },
  { key: 'whatToBring', label: 'What to bring to a forum' },
  { key: 'exclusionGuidance', label: 'Exclusion guidance' },
]

/** How many items of a list, each known by its key, were added, changed and removed. */
function listChanges<T>(before: readonly T[], after: readonly T[], keyOf: (item: T) => string): { added: number; changed: number; removed: number } {
  const was = new Map(before.map((item) => [keyOf(item), JSON.stringify(item)]))
  const now = new Map(after.map((item) => [keyOf(item), JSON.stringify(item)]))
  return {
    added: [...now.keys()].filter((key) => !was.has(key)).length,
    changed: [...now].filter(([key, text]) => was.has(key) && was.get(key) !== text).length,
    removed: [...was.keys()].filter((key) => !now.has(key)).length,
  }
}

const counted = (count: number, what: string) => (count ? [`${count} ${what}`] : [])
const plural = (count: number, one: string, many: string) => counted(count, count === 1 ? one : many)

/**
 * What a draft changes from the published version, in plain words: "Services: 1 added, 2
 * changed", "County calendar: 2 terms added, 1 bank holiday removed".
 */
export function describeChanges(published: Content, draft: Content): string[] {
  const services = listChanges(published.services, draft.services, (service) => service.id)
  const serviceWords = [...counted(services.added, 'added'), ...counted(services.changed, 'changed'), ...counted(services.removed, 'removed')]
  const lines = serviceWords.length ? [`Services: ${serviceWords.join(', ')}`] : []
  for (const { key, label } of PARTS) if (JSON.stringify(published[key]) !== JSON.stringify(draft[key])) lines.push(`${label}: changed`)
  // Versions from before the county calendar was content have the bundled one: the same as an unchanged copy of it.
  const [before, after] = [countyCalendarOf(published), countyCalendarOf(draft)]
  // Terms are known by their name (unique in a calendar), bank holidays by their date.
  const terms = listChanges(before.terms, after.terms, (term) => term.name.toLowerCase())
  const holidays = listChanges(before.bankHolidays, after.bankHolidays, (day) => day)
  const calendarWords = [
    ...plural(terms.added, 'term added', 'terms added'), ...plural(terms.changed, 'term changed', 'terms changed'), ...plural(terms.removed, 'term removed', 'terms removed'),
    ...plural(holidays.added, 'bank holiday added', 'bank holidays added'), ...plural(holidays.removed, 'bank holiday removed', 'bank holidays removed'),
  ]
  if (calendarWords.length) lines.push(`County calendar: ${calendarWords.join(', ')}`)
  return lines
}

const GROUP_LABELS: Record<string, string> = { forumGuidance: 'forum guidance', exclusionGuidance: 'exclusion guidance' }

/**
 * Why a whole draft does not fit the app's schema, in words an officer can act on: a guidance
 * section's contacts naming a service that is not there says which section.
 */
export function contentProblems(candidate: Content): string[] {
  const result = contentSchema.safeParse(candidate)
  if (result.success) return []
  return result.error.issues.map((issue) => {
    const [group, index, blocks] = issue.path
    if (typeof group === 'string' && GROUP_LABELS[group] && typeof index === 'number' && blocks === 'blocks') {
      const section = (candidate[group as 'forumGuidance' | 'exclusionGuidance'] ?? [])[index]
      return `The ${GROUP_LABELS[group]} section “${section?.title ?? index + 1}” lists this service as a contact: take it out of that section first`
    }
    if (issue.path.length === 1 && issue.path[0] === 'services') return 'The directory must keep at least one service'
    return `The content would not fit the app’s rules (${issue.path.join('.') || 'content'}: ${issue.message})`
  })
}
