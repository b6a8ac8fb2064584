import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from '../../src/domain/zod'
import type { ContentVersion, ContentVersionSummary } from '../store/content-store'
import { assignedMeetingsProblem, followMeetings } from './assigned-meetings'
import type { PeopleStore } from '../store/people-store'
import { contentCountyCalendarRoutes } from './content-county-calendar'
import { contentForumRoutes } from './content-forums'
import { contentGuidanceRoutes } from './content-guidance'
import { contentMeetingRoutes } from './content-meetings'
import { contentReasonCodeRoutes, publishedReasonLists, reasonListVersionProblem } from './content-reason-codes'
import { contentServiceRoutes } from './content-services'
import { describeChanges, parseContent, publishedContent, workingContent } from './content-draft'
import { field, form, numericId, routeSchema, type NumericId } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, sendPage } from './views'

const NOTE_MAX = 500
const publishForm = form({ note: field(2000) })

/** What a confirmation banner says; a Map, so `?done=constructor` finds nothing. */
const DONE = new Map([
  ['published', 'Published: devices take the new version the next time they are online'],
  ['restored', 'Restored as a new version: devices take it the next time they are online'],
  ['discarded', 'Draft discarded'],
])

/** Officers' names by id, for "who": a version published by an account since deleted, or by the system, says so. */
async function namesOf(people: PeopleStore, ids: (string | undefined)[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const id of new Set(ids.filter((id): id is string => Boolean(id)))) names.set(id, (await people.officer(id))?.displayName ?? 'A removed account')
  return names
}

/**
 * The Content area: published content versions, the shared draft with its directory of
 * services and county calendar, publishing (with a note of what changed) and rolling back.
 * Reading needs 'read', editing the draft 'work', publishing, restoring and discarding 'administer'.
 */
export const contentRoutes: FastifyPluginAsync<AreaOptions> = async (app, options) => {
  const { store, audit, now } = options

  const overview = async (request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; note?: string } = {}, status = 200) => {
    const versions = await store.content.contentVersions()
    const working = await workingContent(store.content)
    const names = await namesOf(store.people, [...versions.map((version) => version.publishedBy), working.draft?.updatedBy])
    const who = (id: string | undefined) => (id ? names.get(id)! : 'The service')
    const done = doneMessage(request, DONE)
    const errors = extra.errors ?? {}
    return sendPage(
      reply,
      'content.njk',
      {
        title: 'Content',
        versions: versions.map((version: ContentVersionSummary, index) => ({ ...version, who: who(version.publishedBy), current: index === 0 })),
        draft: working.draft && { updatedAt: working.draft.updatedAt, who: who(working.draft.updatedBy), changes: describeChanges(working.published, working.content) },
        canWork: can(request.officer, 'work'),
        canAdminister: can(request.officer, 'administer'),
        note: extra.note ?? '',
        noteMax: NOTE_MAX,
        errors,
        errorList: errorSummaryList(errors),
        banner: done && { text: done, success: true },
      },
      status,
    )
  }

  app.get('/content', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    return overview(request, reply)
  })

  app.get('/content/preview', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const working = await workingContent(store.content)
    return sendPage(reply, 'content-preview.njk', {
      title: 'Preview of the content',
      content: working.content,
      isDraft: Boolean(working.draft),
      backLink: { href: '/workspace/content', text: 'Back to content' },
    })
  })

  app.post<{ Body: z.infer<typeof publishForm> }>('/content/publish', { schema: { body: routeSchema(publishForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const note = (request.body.note ?? '').trim()
    const draft = await store.content.contentDraft()
    const drafted = parseContent(draft?.body)
    // Published or discarded by someone else meanwhile: the page shows there is nothing to publish.
    if (!drafted) return reply.redirect('/workspace/content', 303)
    const errors: Record<string, string> = {}
    if (!note) errors.note = 'Enter a note of what changed'
    else if (note.length > NOTE_MAX) errors.note = `Note must be ${NOTE_MAX} characters or fewer`
    const published = (await publishedContent(store.content)).content
    const reasonListProblem = reasonListVersionProblem(await publishedReasonLists(store.content), drafted)
    if (reasonListProblem) errors['reason-codes'] = reasonListProblem
    const meetingsProblem = assignedMeetingsProblem(drafted, published, await store.meetings.caseCounts())
    if (meetingsProblem) errors.meetings = meetingsProblem
    if (Object.keys(errors).length) return overview(request, reply, { errors, note }, 400)
    const at = now().toISOString()
    const id = await store.content.publishContent(JSON.stringify(drafted), at, { note, by: request.officer!.id })
    await followMeetings(store, drafted, at)
    // Only the draft published: a change saved meanwhile stays in the draft, to publish next.
    await store.content.discardContentDraft(draft)
    await audit(request, 'Published content', `version ${id}`)
    return reply.redirect('/workspace/content?done=published', 303)
  })

  app.post('/content/draft/discard', { schema: { body: routeSchema(form({})) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    if (await store.content.contentDraft()) {
      await store.content.discardContentDraft()
      await audit(request, 'Discarded content draft')
    }
    return reply.redirect('/workspace/content?done=discarded', 303)
  })

  /** The version an address names, or a 404 page. */
  const versionOf = async (request: FastifyRequest<{ Params: NumericId }>, reply: FastifyReply) => {
    const version = await store.content.contentVersion(Number(request.params.id))
    if (!version) await errorPage(reply, 404)
    return version
  }

  const restorePage = async (reply: FastifyReply, version: ContentVersion, problem?: string) => {
    const names = await namesOf(store.people, [version.publishedBy])
    return sendPage(
      reply,
      'content-restore.njk',
      {
        title: `Restore version ${version.id}`,
        version: { ...version, who: version.publishedBy ? names.get(version.publishedBy) : 'The service' },
        fits: Boolean(parseContent(version.body)),
        isCurrent: (await publishedContent(store.content)).id === version.id,
        errors: problem ? { restore: problem } : {},
        errorList: problem ? [{ text: problem, href: '#restore' }] : [],
        backLink: { href: '/workspace/content', text: 'Back to content' },
      },
      problem ? 400 : 200,
    )
  }

  app.get<{ Params: NumericId }>('/content/versions/:id/restore', { schema: { params: routeSchema(numericId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const version = await versionOf(request, reply)
    return version ? restorePage(reply, version) : reply
  })

  app.post<{ Params: NumericId }>('/content/versions/:id/restore', { schema: { params: routeSchema(numericId), body: routeSchema(form({})) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const version = await versionOf(request, reply)
    if (!version) return reply
    const restored = parseContent(version.body)
    // A version the app's schema refuses (sent from outside the workspace) is never served again.
    if (!restored) return errorPage(reply, 400)
    const meetingsProblem = assignedMeetingsProblem(restored, (await publishedContent(store.content)).content, await store.meetings.caseCounts())
    if (meetingsProblem) return restorePage(reply, version, meetingsProblem)
    const at = now().toISOString()
    const id = await store.content.publishContent(JSON.stringify(restored), at, { note: `Restored version ${version.id}`, by: request.officer!.id, restoredFrom: version.id })
    await followMeetings(store, restored, at)
    await audit(request, 'Restored content', `version ${id} from version ${version.id}`)
    return reply.redirect('/workspace/content?done=restored', 303)
  })

  await app.register(contentServiceRoutes, options)
  await app.register(contentCountyCalendarRoutes, options)
  await app.register(contentReasonCodeRoutes, options)
  await app.register(contentForumRoutes, options)
  await app.register(contentGuidanceRoutes, options)
  await app.register(contentMeetingRoutes, options)
}
