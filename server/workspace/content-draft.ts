import { forumMeetingsOf } from '../../src/domain/forum-meetings'
import { checkContent, contentSchema, type Content } from '../../src/domain/content-schema'
import { countyCalendarOf } from '../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { reasonCodesOf } from '../../src/domain/default-content/reason-codes'
import type { FastifyRequest } from 'fastify'
import type { ContentDraft, ContentStore } from '../store/content-store'
import type { AreaOptions } from './index'

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

/** Parts counted by what is in them (`item`: its words for one and many, each known by its id). */
const PARTS: { key: 'forums' | 'forumGuidance' | 'whatToBring' | 'exclusionGuidance'; label: string; item?: [string, string] }[] = [
  { key: 'forums', label: 'Forums', item: ['forum', 'forums'] },
  { key: 'forumGuidance', label: 'Forum guidance', item: ['section', 'sections'] },
  { key: 'whatToBring', label: 'What to bring to a forum' },
  { key: 'exclusionGuidance', label: 'Exclusion guidance', item: ['section', 'sections'] },
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
 * changed", "Exclusion guidance: 1 section changed", "County calendar: 2 terms added, 1 bank holiday removed",
 * "Forum meetings: 2 added, 1 changed".
 */
export function describeChanges(published: Content, draft: Content): string[] {
  const services = listChanges(published.services, draft.services, (service) => service.id)
  const serviceWords = [...counted(services.added, 'added'), ...counted(services.changed, 'changed'), ...counted(services.removed, 'removed')]
  const lines = serviceWords.length ? [`Services: ${serviceWords.join(', ')}`] : []
  for (const { key, label, item } of PARTS) {
    if (JSON.stringify(published[key]) === JSON.stringify(draft[key])) continue
    const counts = item && listChanges(published[key] as { id: string }[], draft[key] as { id: string }[], (each) => each.id)
    const words = counts && item
      ? [...plural(counts.added, `${item[0]} added`, `${item[1]} added`), ...plural(counts.changed, `${item[0]} changed`, `${item[1]} changed`), ...plural(counts.removed, `${item[0]} removed`, `${item[1]} removed`)]
      : []
    // Only the order differs, or a list without ids: still a change devices will show.
    lines.push(`${label}: ${words.length ? words.join(', ') : 'changed'}`)
  }
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
  // As with the calendar: versions from before the reason list was content have the bundled one.
  const [reasonsBefore, reasonsAfter] = [reasonCodesOf(published), reasonCodesOf(draft)]
  const reasons = listChanges(reasonsBefore.codes, reasonsAfter.codes, (reason) => reason.code)
  const reasonWords = [...counted(reasons.added, 'added'), ...counted(reasons.changed, 'changed'), ...counted(reasons.removed, 'removed')]
  if (reasonsBefore.listVersion !== reasonsAfter.listVersion) reasonWords.push(`version name ${reasonsAfter.listVersion}`)
  // Only the order differs: still a change devices will show.
  else if (!reasonWords.length && JSON.stringify(reasonsBefore) !== JSON.stringify(reasonsAfter)) reasonWords.push('changed')
  if (reasonWords.length) lines.push(`Reason codes: ${reasonWords.join(', ')}`)
  // Versions from before meetings were content have none. Known by id: their order follows their dates, so is no change of its own.
  const meetings = listChanges(forumMeetingsOf(published), forumMeetingsOf(draft), (meeting) => meeting.id)
  const meetingWords = [...counted(meetings.added, 'added'), ...counted(meetings.changed, 'changed'), ...counted(meetings.removed, 'removed')]
  if (meetingWords.length) lines.push(`Forum meetings: ${meetingWords.join(', ')}`)
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

/** What an edit makes of the working content: the new draft, or why it cannot be made. */
export type DraftEdit<P> = (content: Content) => Content | { problem: P }

// Each retry follows another officer's successful save, so this is never reached in practice.
const MOST_ATTEMPTS = 50

/**
 * Applies an edit to the shared draft and saves it over the draft it read. When another
 * officer saved in between, it reads the draft again and applies the edit to theirs, so two
 * officers editing different parts at once both keep their change.
 */
export async function editDraft<P>(store: ContentStore, edit: DraftEdit<P>, at: string, by: string): Promise<{ saved: true } | { problem: P }> {
  for (let attempt = 0; attempt < MOST_ATTEMPTS; attempt++) {
    const working = await workingContent(store)
    const result = edit(working.content)
    if ('problem' in result) return result
    if (await store.saveContentDraft(JSON.stringify(result), at, by, working.draft ?? null)) return { saved: true }
  }
  throw new Error('The content draft kept changing while it was saved')
}

/** An edit's problem when what it changes was removed by someone else meanwhile: the page answers 404. */
export const GONE = 'gone'

/** The edit, with its result checked whole with the app's schema: the first problem, in an officer's words, stops it. */
export function checkedEdit(edit: DraftEdit<string>): DraftEdit<string> {
  return (content) => {
    const draft = edit(content)
    if ('problem' in draft) return draft
    const problems = contentProblems(draft)
    return problems.length ? { problem: problems[0]! } : draft
  }
}

/** A textarea's lines, trimmed, blank ones left out: the editors' lists are typed one item a line. */
export const linesOf = (text: string): string[] => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)

/**
 * A new item's id from its name: lower-case words joined by hyphens, numbered when taken.
 * "new" is never given: it is the address of each editor's add page.
 */
export function newContentId(name: string, taken: Iterable<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '')
  const used = new Set(['new', ...taken])
  if (!base || !used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}

/**
 * The editors' one way to save: applies the edit to the shared draft as it is when saved
 * (checked whole with the app's schema, kept with anyone else's edit made meanwhile) and
 * audits the save with the subject worked out then.
 */
export function draftSaver({ store, audit, now }: Pick<AreaOptions, 'store' | 'audit' | 'now'>) {
  return async (request: FastifyRequest, edit: DraftEdit<string>, subject: () => string) => {
    const result = await editDraft(store.content, checkedEdit(edit), now().toISOString(), request.officer!.id)
    if ('saved' in result) await audit(request, 'Saved content draft', subject())
    return result
  }
}
