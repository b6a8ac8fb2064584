import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { forumSchema, type Forum } from '../../src/domain/content-schema'
import { z } from '../../src/domain/zod'
import { checkedEdit, editDraft, linesOf, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, sendPage } from './views'

/** What a confirmation banner says; a Map, so `?done=constructor` finds nothing. */
const DONE = new Map([['saved', 'Saved in the draft']])

const LINE = 200
const LONG = 4000

const forumForm = form({ name: field(LINE), audience: field(LONG), ageRange: field(LINE), meets: field(LONG), booking: field(LONG), notes: field(LONG) })
type ForumForm = z.infer<typeof forumForm>
type ForumField = Exclude<keyof Forum, 'id'>

const forumId = z.object({ id: z.string().regex(/^[a-z0-9-]{1,100}$/) })
type ForumIdParams = z.infer<typeof forumId>

/** What each field needs when forumSchema refuses it: every field but the notes must have text. */
const MESSAGES: Record<ForumField, string> = {
  name: 'Enter the name of the forum',
  audience: 'Enter who the forum is for',
  ageRange: 'Enter the age range the forum is for',
  meets: 'Enter when the forum meets',
  booking: 'Enter how to book a place at the forum',
  notes: 'Enter each note on a line of its own',
}


/** The form's fields as the forum they describe: the notes one a line. */
function forumFrom(body: ForumForm, id: Forum['id']): Forum {
  const text = (name: Exclude<ForumField, 'notes'>) => (body[name] ?? '').trim()
  return { id, name: text('name'), audience: text('audience'), ageRange: text('ageRange'), meets: text('meets'), booking: text('booking'), notes: linesOf(body.notes ?? '') }
}

const formValues = (forum: Forum): ForumForm => ({ ...forum, notes: forum.notes.join('\n') })

/** forumSchema's refusals, each beside its field. */
function forumErrors(candidate: Forum): Record<string, string> {
  const result = forumSchema.safeParse(candidate)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path[0] as ForumField
    errors[key] ??= MESSAGES[key] ?? 'Check the forum’s details'
  }
  return errors
}

/**
 * The four forums' details (seed 004), edited into the shared draft: which forums there are is
 * fixed by the app, so forums are changed, never added or removed. Reading needs 'read', editing 'work'.
 */
export const contentForumRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const formPage = (reply: FastifyReply, forum: Forum, values: ForumForm, errors: Record<string, string> = {}, status = 200) =>
    sendPage(
      reply,
      'content-forum.njk',
      {
        title: `Change ${forum.name}`,
        forum,
        values,
        errors,
        errorList: errorSummaryList(errors),
        backLink: { href: '/workspace/content/forums', text: 'Back to the forums' },
      },
      status,
    )

  /** The draft's forum an address names, or a 404 page. */
  const forumOf = async (request: FastifyRequest<{ Params: ForumIdParams }>, reply: FastifyReply) => {
    const working = await workingContent(store.content)
    const forum = working.content.forums.find((candidate) => candidate.id === request.params.id)
    if (!forum) await errorPage(reply, 404)
    return forum && { forum, working }
  }

  app.get('/content/forums', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const working = await workingContent(store.content)
    const done = doneMessage(request, DONE)
    return sendPage(reply, 'content-forums.njk', {
      title: 'Forums',
      forums: working.content.forums,
      isDraft: Boolean(working.draft),
      canWork: can(request.officer, 'work'),
      banner: done && { text: done, success: true },
      backLink: { href: '/workspace/content', text: 'Back to content' },
    })
  })

  app.get<{ Params: ForumIdParams }>('/content/forums/:id', { schema: { params: routeSchema(forumId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await forumOf(request, reply)
    return found ? formPage(reply, found.forum, formValues(found.forum)) : reply
  })

  app.post<{ Params: ForumIdParams; Body: ForumForm }>('/content/forums/:id', { schema: { params: routeSchema(forumId), body: routeSchema(forumForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await forumOf(request, reply)
    if (!found) return reply
    const candidate = forumFrom(request.body, found.forum.id)
    const errors = forumErrors(candidate)
    if (Object.keys(errors).length) return formPage(reply, found.forum, request.body, errors, 400)
    // Applied to the draft as it is when saved, so that another officer's change made meanwhile is kept. The four forums are always there.
    const edit = checkedEdit((content) => ({ ...content, forums: content.forums.map((forum) => (forum.id === candidate.id ? candidate : forum)) }))
    const result = await editDraft(store.content, edit, now().toISOString(), request.officer!.id)
    if ('problem' in result) return formPage(reply, found.forum, request.body, { name: result.problem }, 400)
    await audit(request, 'Saved content draft', `forum ${candidate.id}`)
    return reply.redirect('/workspace/content/forums?done=saved', 303)
  })
}
