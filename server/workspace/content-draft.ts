import { checkContent, contentSchema, type Content } from '../../src/domain/content-schema'
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

const PARTS: { key: Exclude<keyof Content, 'schemaVersion' | 'version' | 'services'>; label: string }[] = [
  { key: 'forums', label: 'Forums' },
  { key: 'forumGuidance', label: 'Forum guidance' },
  { key: 'whatToBring', label: 'What to bring to a forum' },
  { key: 'exclusionGuidance', label: 'Exclusion guidance' },
]

const counted = (count: number, what: string) => (count ? [`${count} ${what}`] : [])

/** What a draft changes from the published version, in plain words: "Services: 1 added, 2 changed". */
export function describeChanges(published: Content, draft: Content): string[] {
  const before = new Map(published.services.map((service) => [service.id, JSON.stringify(service)]))
  const after = new Map(draft.services.map((service) => [service.id, JSON.stringify(service)]))
  const added = [...after.keys()].filter((id) => !before.has(id)).length
  const removed = [...before.keys()].filter((id) => !after.has(id)).length
  const changed = [...after].filter(([id, text]) => before.has(id) && before.get(id) !== text).length
  const services = [...counted(added, 'added'), ...counted(changed, 'changed'), ...counted(removed, 'removed')]
  const lines = services.length ? [`Services: ${services.join(', ')}`] : []
  for (const { key, label } of PARTS) if (JSON.stringify(published[key]) !== JSON.stringify(draft[key])) lines.push(`${label}: changed`)
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
