import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { reasonCodesSchema, type Content, type ReasonCodes } from '../../src/domain/content-schema'
import { BUNDLED_REASON_CODES, reasonCodesOf } from '../../src/domain/default-content/reason-codes'
import { z } from '../../src/domain/zod'
import type { ContentStore } from '../store/content-store'
import { contentProblems, editDraft, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, sendPage } from './views'

const LABEL_MAX = 200
const VERSION_NAME_MAX = 50

// Bounds above the page's own limits, so that a little too much typed gets a message beside
// the field and keeps what was typed; far too much is refused outright.
const reasonForm = form({ code: field(100), label: field(2_000) })
const labelForm = form({ label: field(2_000) })
const versionForm = form({ listVersion: field(500) })
const emptyForm = form({})
/** A reason is named in its address by its code, exactly as listed. */
const codeParams = z.object({ code: z.string().regex(/^[A-Z]{2}$/) })
type CodeParams = z.infer<typeof codeParams>
type Typed = Record<string, string>

const NEW_VERSION_NAME = 'Give the changed list a new version name, like census-2026: notices record which list their codes come from'

/** What a confirmation banner says; a Map, so `?done=constructor` finds nothing. */
const DONE = new Map([
  ['added', 'Reason added to the draft'],
  ['changed', 'Reason changed in the draft'],
  ['removed', 'Reason removed from the draft'],
  ['version', 'Version name saved in the draft'],
])

/** The same codes with the same labels, in any order. */
function sameReasons(one: ReasonCodes, other: ReasonCodes): boolean {
  const labels = new Map(one.codes.map((reason) => [reason.code, reason.label]))
  return one.codes.length === other.codes.length && other.codes.every((reason) => labels.get(reason.code) === reason.label)
}

// Told apart only by case, two names would still read as one list to an officer.
const sameName = (one: string, other: string) => one.trim().toLowerCase() === other.trim().toLowerCase()

/**
 * Why a draft's reason list may not be published under its version name: a list published
 * before (now or in any earlier version) had that name with other codes or labels, so notices
 * would record one name for two lists.
 */
export function reasonListVersionProblem(published: readonly ReasonCodes[], draft: Pick<Content, 'reasonCodes'>): string | undefined {
  const after = reasonCodesOf(draft)
  return published.some((before) => sameName(before.listVersion, after.listVersion) && !sameReasons(before, after)) ? NEW_VERSION_NAME : undefined
}

/**
 * The reason list of every version ever published (versions from before the list was content
 * had this release's). Read whole each time: versions are few, and this is asked only when
 * the list is edited or published.
 */
export async function publishedReasonLists(store: ContentStore): Promise<ReasonCodes[]> {
  const lists: ReasonCodes[] = []
  for (const { id } of await store.contentVersions()) {
    const body = (await store.contentVersion(id))?.body
    let parsed: unknown
    try {
      parsed = body === undefined ? undefined : JSON.parse(body)
    } catch {
      continue // a body that is not JSON was never served
    }
    const checked = reasonCodesSchema.safeParse((parsed as { reasonCodes?: unknown } | undefined)?.reasonCodes ?? BUNDLED_REASON_CODES)
    if (checked.success) lists.push(checked.data)
  }
  return lists
}

/** What to say beside the code typed (lower case is upper-cased) when it is not a census code's form. */
function codeProblem(typed: string): string | undefined {
  const code = typed.trim().toUpperCase()
  if (!code) return 'Enter the code, like PA'
  if (!/^[A-Z]{2}$/.test(code)) return 'The code must be two letters, like PA'
  return undefined
}

// Removed by another officer between opening the form and sending it.
const gone = (code: string) => `${code} is no longer in the list: another change removed it`

function labelProblem(label: string): string | undefined {
  if (!label) return 'Enter the reason, like Physical assault against an adult'
  if (label.length > LABEL_MAX) return `The reason must be ${LABEL_MAX} characters or fewer`
  return undefined
}

function versionNameProblem(name: string): string | undefined {
  if (!name) return 'Enter the version name of the list, like census-2026'
  if (name.length > VERSION_NAME_MAX) return `The version name must be ${VERSION_NAME_MAX} characters or fewer`
  return undefined
}

/**
 * The school census reason codes (DOMAIN.md: versioned content, not an enum in code), edited
 * into the shared draft: each reason's code and label, and the list's version name, which
 * every notice records with its codes. Reading needs 'read', editing 'work', as the directory of services.
 */
export const contentReasonCodeRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  /** The content the draft starts from, its list, and the published content it is compared with. */
  const working = async () => {
    const { content, draft, published } = await workingContent(store.content)
    return { content, isDraft: Boolean(draft), published, list: reasonCodesOf(content) }
  }

  const listPage = async (request: FastifyRequest, reply: FastifyReply, data: { typed?: Typed; errors?: Record<string, string> } = {}) => {
    const { isDraft, list, content } = await working()
    const errors = data.errors ?? {}
    const status = Object.keys(errors).length ? 400 : 200
    return sendPage(
      reply,
      'content-reason-codes.njk',
      {
        title: 'Census reason codes',
        isDraft,
        list,
        canWork: can(request.officer, 'work'),
        typed: { listVersion: list.listVersion, ...data.typed },
        errors,
        errorList: errorSummaryList(errors),
        done: status === 200 ? doneMessage(request, DONE) : undefined,
        needsNewName: Boolean(reasonListVersionProblem(await publishedReasonLists(store.content), content)),
        newVersionName: NEW_VERSION_NAME,
        backLink: { href: '/workspace/content', text: 'Back to content' },
      },
      status,
    )
  }

  /** The draft's reason an address names, or a 404 page. */
  const reasonOf = async (request: FastifyRequest<{ Params: CodeParams }>, reply: FastifyReply) => {
    const { list } = await working()
    const reason = list.codes.find((candidate) => candidate.code === request.params.code)
    if (!reason) await errorPage(reply, 404)
    return reason
  }

  const labelPage = (reply: FastifyReply, code: string, label: string, errors: Record<string, string> = {}) =>
    sendPage(
      reply,
      'content-reason-code.njk',
      {
        title: `Change reason ${code}`,
        code,
        label,
        labelMax: LABEL_MAX,
        errors,
        errorList: errorSummaryList(errors),
        backLink: { href: '/workspace/content/reason-codes', text: 'Back to census reason codes' },
      },
      Object.keys(errors).length ? 400 : 200,
    )

  const removePage = (reply: FastifyReply, reason: { code: string; label: string }, problem?: string) =>
    sendPage(
      reply,
      'content-reason-code-remove.njk',
      {
        title: `Remove reason ${reason.code}`,
        reason,
        errors: problem ? { remove: problem } : {},
        errorList: problem ? [{ text: problem, href: '#remove' }] : [],
        backLink: { href: `/workspace/content/reason-codes/${reason.code}`, text: 'Back' },
      },
      problem ? 400 : 200,
    )

  /**
   * Applies `change` to the shared draft's list (read again should another officer save
   * meanwhile), checks the whole content with the app's schema (it should pass: the list was
   * checked), saves and audits it; a problem is shown by `refuse`.
   */
  const saveList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    change: (list: ReasonCodes) => ReasonCodes | { problem: string },
    outcome: { subject: string; done: string; refuse: (problem: string) => Promise<FastifyReply> },
  ) => {
    const edited = await editDraft(
      store.content,
      (content) => {
        const list = change(reasonCodesOf(content))
        if ('problem' in list) return list
        const draft = { ...content, reasonCodes: list }
        const problems = contentProblems(draft)
        return problems.length ? { problem: problems[0]! } : draft
      },
      now().toISOString(),
      request.officer!.id,
    )
    if ('problem' in edited) return outcome.refuse(edited.problem)
    await audit(request, 'Saved content draft', outcome.subject)
    return reply.redirect(`/workspace/content/reason-codes?done=${outcome.done}`, 303)
  }

  app.get('/content/reason-codes', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    return listPage(request, reply)
  })

  app.post<{ Body: z.infer<typeof reasonForm> }>('/content/reason-codes', { schema: { body: routeSchema(reasonForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const typed = { code: request.body.code ?? '', label: request.body.label ?? '' }
    const refuse = (errors: Record<string, string>) => listPage(request, reply, { typed, errors })
    const label = typed.label.trim()
    const errors: Record<string, string> = {}
    const [codeWrong, labelWrong] = [codeProblem(typed.code), labelProblem(label)]
    if (codeWrong) errors.code = codeWrong
    if (labelWrong) errors.label = labelWrong
    if (codeWrong || labelWrong) return refuse(errors)
    const code = typed.code.trim().toUpperCase()
    return saveList(
      request,
      reply,
      // Checked against the list as saved, so that a code another officer added meanwhile is not listed twice.
      (list) => (list.codes.some((reason) => reason.code === code) ? { problem: `${code} is already in the list` } : { ...list, codes: [...list.codes, { code, label }] }),
      { subject: `reason code ${code}`, done: 'added', refuse: (problem) => refuse({ code: problem }) },
    )
  })

  app.post<{ Body: z.infer<typeof versionForm> }>('/content/reason-codes/version', { schema: { body: routeSchema(versionForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const typed = { listVersion: request.body.listVersion ?? '' }
    const refuse = (problem: string) => listPage(request, reply, { typed, errors: { listVersion: problem } })
    const listVersion = typed.listVersion.trim()
    const wrong = versionNameProblem(listVersion)
    if (wrong) return refuse(wrong)
    const published = await publishedReasonLists(store.content)
    return saveList(
      request,
      reply,
      (list) => {
        const problem = reasonListVersionProblem(published, { reasonCodes: { ...list, listVersion } })
        return problem ? { problem } : { ...list, listVersion }
      },
      { subject: `reason code list version ${listVersion}`, done: 'version', refuse },
    )
  })

  app.get<{ Params: CodeParams }>('/content/reason-codes/:code', { schema: { params: routeSchema(codeParams) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const reason = await reasonOf(request, reply)
    return reason ? labelPage(reply, reason.code, reason.label) : reply
  })

  app.post<{ Params: CodeParams; Body: z.infer<typeof labelForm> }>(
    '/content/reason-codes/:code',
    { schema: { params: routeSchema(codeParams), body: routeSchema(labelForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const reason = await reasonOf(request, reply)
      if (!reason) return reply
      const { code } = reason
      const typed = request.body.label ?? ''
      const refuse = (problem: string) => labelPage(reply, code, typed, { label: problem })
      const label = typed.trim()
      const wrong = labelProblem(label)
      if (wrong) return refuse(wrong)
      return saveList(
        request,
        reply,
        (list) =>
          list.codes.some((other) => other.code === code)
            ? { ...list, codes: list.codes.map((other) => (other.code === code ? { code, label } : other)) }
            : { problem: gone(code) },
        { subject: `reason code ${code}`, done: 'changed', refuse },
      )
    },
  )

  app.get<{ Params: CodeParams }>('/content/reason-codes/:code/remove', { schema: { params: routeSchema(codeParams) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const reason = await reasonOf(request, reply)
    return reason ? removePage(reply, reason) : reply
  })

  app.post<{ Params: CodeParams }>('/content/reason-codes/:code/remove', { schema: { params: routeSchema(codeParams), body: routeSchema(emptyForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const reason = await reasonOf(request, reply)
    if (!reason) return reply
    return saveList(
      request,
      reply,
      (list) => {
        if (!list.codes.some((other) => other.code === reason.code)) return { problem: gone(reason.code) }
        // Settings' devices need at least one reason to give with every notice.
        if (list.codes.length === 1) return { problem: 'The list must keep at least one reason: add another reason before removing this one' }
        return { ...list, codes: list.codes.filter((other) => other.code !== reason.code) }
      },
      { subject: `reason code ${reason.code} removed`, done: 'removed', refuse: (problem) => removePage(reply, reason, problem) },
    )
  })
}
