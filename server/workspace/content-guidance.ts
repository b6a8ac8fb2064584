import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Content, Section } from '../../src/domain/content-schema'
import { z } from '../../src/domain/zod'
import { draftSaver, GONE, linesOf, newContentId, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { blocksToText, textToBlocks } from './guidance-text'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, sendPage } from './views'

const TITLE_MAX = 150
const BODY_MAX = 10_000
const ITEMS_MAX = 10_000

// Bounds above the page's own limits, so that a little too much typed gets a message beside
// the field and keeps what was typed; far too much is refused outright.
const sectionForm = form({ title: field(1000), body: field(50_000) })
const whatToBringForm = form({ items: field(50_000) })
type SectionForm = z.infer<typeof sectionForm>

type GroupKey = 'forumGuidance' | 'exclusionGuidance'
/** The two groups of guidance, by the name their addresses use; a Map, so `constructor` names none. */
const GROUPS = new Map<string, { key: GroupKey; label: string }>([
  ['forum-guidance', { key: 'forumGuidance', label: 'Forum guidance' }],
  ['exclusion-guidance', { key: 'exclusionGuidance', label: 'Exclusion guidance' }],
])

const groupParams = z.object({ group: z.string().regex(/^[a-z-]{1,50}$/) })
const sectionParams = groupParams.extend({ sectionId: z.string().regex(/^[a-z0-9-]{1,100}$/) })
type GroupParams = z.infer<typeof groupParams>
type SectionParams = z.infer<typeof sectionParams>

const DONE = new Map([
  ['saved', 'Saved in the draft'],
  ['added', 'Section added to the draft'],
  ['removed', 'Section removed from the draft'],
])

/**
 * The section the form describes, or what to say beside each field: a title, and a body that
 * reads as blocks (contacts naming services in the draft's directory).
 */
function sectionFrom(body: SectionForm, id: string, content: Content): { section: Section } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const title = (body.title ?? '').trim()
  if (!title) errors.title = 'Enter the title of the section'
  else if (title.length > TITLE_MAX) errors.title = `Title must be ${TITLE_MAX} characters or fewer`
  else if (!id) errors.title = 'Title must include a letter or a number'
  const text = body.body ?? ''
  const parsed = text.length > BODY_MAX ? { ok: false as const, message: `The text must be ${BODY_MAX.toLocaleString('en-GB')} characters or fewer` } : textToBlocks(text, content.services)
  if (!parsed.ok) errors.body = parsed.message
  return parsed.ok && !Object.keys(errors).length ? { section: { id, title, blocks: parsed.blocks } } : { errors }
}

/**
 * The forum guidance and the exclusion guidance, section by section, and what to bring to a
 * forum, edited into the shared draft. A section's text is edited in the plain-text form of
 * guidance-text.ts. Reading needs 'read', editing 'work', as the directory of services.
 */
export const contentGuidanceRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const saveEdit = draftSaver({ store, audit, now })

  /** The group an address names and the draft's sections in it, or a 404 page. */
  const groupOf = async (request: FastifyRequest<{ Params: GroupParams }>, reply: FastifyReply) => {
    const group = GROUPS.get(request.params.group)
    if (!group) {
      await errorPage(reply, 404)
      return undefined
    }
    const working = await workingContent(store.content)
    return { ...group, slug: request.params.group, working, sections: working.content[group.key] }
  }

  /** As groupOf, with the section the address names. */
  const sectionOf = async (request: FastifyRequest<{ Params: SectionParams }>, reply: FastifyReply) => {
    const group = await groupOf(request, reply)
    const section = group?.sections.find((candidate) => candidate.id === request.params.sectionId)
    if (group && !section) await errorPage(reply, 404)
    return group && section && { group, section }
  }

  const withSections = (content: Content, key: GroupKey, sections: Section[]): Content => ({ ...content, [key]: sections })

  type Group = NonNullable<Awaited<ReturnType<typeof groupOf>>>

  const formPage = (reply: FastifyReply, group: Group, section: Section | undefined, values: SectionForm, errors: Record<string, string> = {}, status = 200) =>
    sendPage(
      reply,
      'content-guidance-section.njk',
      {
        title: section ? `Change ${section.title}` : 'Add a section',
        caption: group.label,
        heading: section ? section.title : 'Add a section',
        action: `/workspace/content/guidance/${group.slug}/${section ? section.id : 'new'}`,
        removeHref: section && `/workspace/content/guidance/${group.slug}/${section.id}/remove`,
        values,
        serviceNames: group.working.content.services.map((service) => service.name),
        errors,
        errorList: errorSummaryList(errors),
        backLink: { href: `/workspace/content/guidance/${group.slug}`, text: `Back to ${group.label.toLowerCase()}` },
      },
      status,
    )

  app.get<{ Params: GroupParams }>('/content/guidance/:group', { schema: { params: routeSchema(groupParams) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const group = await groupOf(request, reply)
    if (!group) return reply
    const done = doneMessage(request, DONE)
    return sendPage(reply, 'content-guidance.njk', {
      title: group.label,
      group: { slug: group.slug, label: group.label },
      sections: group.sections,
      whatToBring: group.key === 'forumGuidance' ? group.working.content.whatToBring : undefined,
      isDraft: Boolean(group.working.draft),
      canWork: can(request.officer, 'work'),
      banner: done && { text: done, success: true },
      backLink: { href: '/workspace/content', text: 'Back to content' },
    })
  })

  app.get<{ Params: GroupParams }>('/content/guidance/:group/new', { schema: { params: routeSchema(groupParams) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const group = await groupOf(request, reply)
    return group ? formPage(reply, group, undefined, {}) : reply
  })

  app.post<{ Params: GroupParams; Body: SectionForm }>(
    '/content/guidance/:group/new',
    { schema: { params: routeSchema(groupParams), body: routeSchema(sectionForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const group = await groupOf(request, reply)
      if (!group) return reply
      const read = sectionFrom(request.body, newContentId(request.body.title ?? '', group.sections.map((section) => section.id)), group.working.content)
      if ('errors' in read) return formPage(reply, group, undefined, request.body, read.errors, 400)
      // Read again on the draft the edit is applied to: a section of the same title, or a change to the directory, may have been saved meanwhile.
      let id = ''
      const result = await saveEdit(
        request,
        (content) => {
          id = newContentId(request.body.title ?? '', content[group.key].map((section) => section.id))
          const again = sectionFrom(request.body, id, content)
          return 'errors' in again ? { problem: Object.values(again.errors)[0]! } : withSections(content, group.key, [...content[group.key], again.section])
        },
        () => `${group.label.toLowerCase()} section ${id}`,
      )
      if ('problem' in result) return formPage(reply, group, undefined, request.body, { body: result.problem }, 400)
      return reply.redirect(`/workspace/content/guidance/${group.slug}?done=added`, 303)
    },
  )

  app.get<{ Params: SectionParams }>('/content/guidance/:group/:sectionId', { schema: { params: routeSchema(sectionParams) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await sectionOf(request, reply)
    if (!found) return reply
    const values = { title: found.section.title, body: blocksToText(found.section.blocks, found.group.working.content.services) }
    return formPage(reply, found.group, found.section, values)
  })

  app.post<{ Params: SectionParams; Body: SectionForm }>(
    '/content/guidance/:group/:sectionId',
    { schema: { params: routeSchema(sectionParams), body: routeSchema(sectionForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const found = await sectionOf(request, reply)
      if (!found) return reply
      const { group, section } = found
      // A section keeps its id whatever its new title: the app links to it by id.
      const read = sectionFrom(request.body, section.id, group.working.content)
      if ('errors' in read) return formPage(reply, group, section, request.body, read.errors, 400)
      const result = await saveEdit(
        request,
        (content) => {
          const sections = content[group.key]
          if (!sections.some((each) => each.id === section.id)) return { problem: GONE }
          const again = sectionFrom(request.body, section.id, content)
          return 'errors' in again ? { problem: Object.values(again.errors)[0]! } : withSections(content, group.key, sections.map((each) => (each.id === section.id ? again.section : each)))
        },
        () => `${group.label.toLowerCase()} section ${section.id}`,
      )
      if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : formPage(reply, group, section, request.body, { body: result.problem }, 400)
      return reply.redirect(`/workspace/content/guidance/${group.slug}?done=saved`, 303)
    },
  )

  const lastSectionMessage = (group: Group) => `${group.label} must keep at least one section: add another section before you remove this one`

  const removePage = (reply: FastifyReply, group: Group, section: Section, problem?: string) =>
    sendPage(
      reply,
      'content-guidance-remove.njk',
      {
        title: `Remove ${section.title}`,
        caption: group.label,
        section,
        action: `/workspace/content/guidance/${group.slug}/${section.id}/remove`,
        cancelHref: `/workspace/content/guidance/${group.slug}`,
        // Said before the officer presses anything: the only section cannot go (or, removed meanwhile by someone else, can no longer).
        onlySection: group.sections.length === 1 || problem === lastSectionMessage(group) ? lastSectionMessage(group) : undefined,
        errors: problem ? { remove: problem } : {},
        errorList: problem ? [{ text: problem, href: '#remove' }] : [],
        backLink: { href: `/workspace/content/guidance/${group.slug}/${section.id}`, text: 'Back' },
      },
      problem ? 400 : 200,
    )

  app.get<{ Params: SectionParams }>('/content/guidance/:group/:sectionId/remove', { schema: { params: routeSchema(sectionParams) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await sectionOf(request, reply)
    return found ? removePage(reply, found.group, found.section) : reply
  })

  app.post<{ Params: SectionParams }>(
    '/content/guidance/:group/:sectionId/remove',
    { schema: { params: routeSchema(sectionParams), body: routeSchema(form({})) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const found = await sectionOf(request, reply)
      if (!found) return reply
      const { group, section } = found
      const result = await saveEdit(
        request,
        (content) => {
          const sections = content[group.key]
          if (!sections.some((each) => each.id === section.id)) return { problem: GONE }
          return sections.length === 1 ? { problem: lastSectionMessage(group) } : withSections(content, group.key, sections.filter((each) => each.id !== section.id))
        },
        () => `${group.label.toLowerCase()} section ${section.id} removed`,
      )
      if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : removePage(reply, group, section, result.problem)
      return reply.redirect(`/workspace/content/guidance/${group.slug}?done=removed`, 303)
    },
  )

  const whatToBringPage = (reply: FastifyReply, items: string, error?: string) =>
    sendPage(
      reply,
      'content-guidance-what-to-bring.njk',
      {
        title: 'What to bring to a forum',
        items,
        errors: error ? { items: error } : {},
        errorList: error ? [{ text: error, href: '#items' }] : [],
        backLink: { href: '/workspace/content/guidance/forum-guidance', text: 'Back to forum guidance' },
      },
      error ? 400 : 200,
    )

  app.get('/content/what-to-bring', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    return whatToBringPage(reply, (await workingContent(store.content)).content.whatToBring.join('\n'))
  })

  app.post<{ Body: z.infer<typeof whatToBringForm> }>('/content/what-to-bring', { schema: { body: routeSchema(whatToBringForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const typed = request.body.items ?? ''
    const items = linesOf(typed)
    if (!items.length) return whatToBringPage(reply, typed, 'Enter what a setting should bring to a forum, one thing a line')
    if (typed.length > ITEMS_MAX) return whatToBringPage(reply, typed, `The list must be ${ITEMS_MAX.toLocaleString('en-GB')} characters or fewer`)
    const result = await saveEdit(request, (content) => ({ ...content, whatToBring: items }), () => 'what to bring to a forum')
    if ('problem' in result) return whatToBringPage(reply, typed, result.problem)
    return reply.redirect('/workspace/content/guidance/forum-guidance?done=saved', 303)
  })
}
