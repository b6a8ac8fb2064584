import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { serviceSchema, type Content, type Service } from '../../src/domain/content-schema'
import { NEED_LABELS, NEEDS } from '../../src/domain/needs'
import { z } from '../../src/domain/zod'
import { contentProblems, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { errorSummaryList, sendPage } from './views'

const PHONES = [1, 2, 3] as const
const LINE = 200
const LONG = 4000

/** The service form: each field one string within bounds; needs, as checkboxes, one or several. */
const serviceForm = form({
  name: field(LINE), offers: field(LONG), audience: field(LONG), email: field(LINE), topics: field(LONG), notes: field(LONG),
  ...Object.fromEntries(PHONES.flatMap((n) => [[`phone${n}Label`, field(LINE)], [`phone${n}Number`, field(LINE)], [`phone${n}Hours`, field(LINE)]])),
}).extend({ needs: z.union([z.string().max(50), z.array(z.string().max(50)).max(NEEDS.length)]).optional() })
type ServiceForm = { [field: string]: string | string[] | undefined; needs?: string | string[] }

/** One of the form's text fields ('' when absent). */
const textOf = (body: ServiceForm, name: string): string => {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

const serviceId = z.object({ id: z.string().regex(/^[a-z0-9-]{1,100}$/) })
type ServiceId = z.infer<typeof serviceId>

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
const optional = (text: string) => text.trim() || undefined

/** The form's fields as the service they describe: blank optional fields left out, lists one item a line. */
function serviceFrom(body: ServiceForm, id: string): Record<string, unknown> {
  const phones = PHONES.map((n) => ({ label: optional(textOf(body, `phone${n}Label`)), number: textOf(body, `phone${n}Number`).trim(), hours: optional(textOf(body, `phone${n}Hours`)) }))
    .filter((phone) => phone.label || phone.number || phone.hours)
    .map((phone) => Object.fromEntries(Object.entries(phone).filter(([, value]) => value !== undefined)))
  const service: Record<string, unknown> = {
    id,
    name: textOf(body, 'name').trim(),
    offers: textOf(body, 'offers').trim(),
    audience: optional(textOf(body, 'audience')),
    phones,
    email: optional(textOf(body, 'email')),
    topics: lines(textOf(body, 'topics')),
    needs: [body.needs ?? []].flat(),
    notes: lines(textOf(body, 'notes')),
  }
  return Object.fromEntries(Object.entries(service).filter(([, value]) => value !== undefined))
}

/** The form's values for a service: what the officer sees, and sees again after an error. */
function formValues(service: Service): ServiceForm {
  const values: ServiceForm = {
    name: service.name, offers: service.offers, audience: service.audience ?? '', email: service.email ?? '',
    topics: service.topics.join('\n'), notes: service.notes.join('\n'), needs: [...service.needs],
  }
  service.phones.forEach((phone, index) => {
    values[`phone${index + 1}Label`] = phone.label ?? ''
    values[`phone${index + 1}Number`] = phone.number
    values[`phone${index + 1}Hours`] = phone.hours ?? ''
  })
  return values
}

/**
 * Each of serviceSchema's refusals as a GOV.UK message, keyed by the field it belongs beside.
 * The phone numbers entered are matched back to their row (blank rows were left out).
 */
function serviceErrors(candidate: Record<string, unknown>, body: ServiceForm): Record<string, string> {
  const result = serviceSchema.safeParse(candidate)
  if (result.success) return {}
  const phoneRows = PHONES.filter((n) => optional(textOf(body, `phone${n}Label`)) || optional(textOf(body, `phone${n}Number`)) || optional(textOf(body, `phone${n}Hours`)))
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const [first, index] = issue.path
    let key: string
    let message: string
    if (first === 'id' || first === 'name') [key, message] = ['name', candidate.name ? 'Name must include a letter or a number' : 'Enter the name of the service']
    else if (first === 'offers') [key, message] = ['offers', 'Enter what the service offers']
    else if (first === 'email') [key, message] = ['email', 'Enter an email address in the correct format, like name@example.com']
    else if (first === 'phones' && typeof index === 'number') {
      const n = phoneRows[index]!
      const entered = optional(textOf(body, `phone${n}Number`))
      ;[key, message] = [`phone${n}Number`, entered ? `Enter phone ${n} as a UK phone number, like 0116 305 2071` : `Enter a number for phone ${n}, or leave its label and hours empty`]
    } else if (first === 'needs') [key, message] = ['needs', 'Select needs from the list']
    else [key, message] = ['name', 'Check the service’s details']
    errors[key] ??= message
  }
  return errors
}

/** A new service's id from its name: lower-case words joined by hyphens, numbered when taken. */
function newId(name: string, content: Content): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '')
  const taken = new Set(content.services.map((service) => service.id))
  if (!base || !taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** The directory of services, edited into the shared draft; each save checked with the app's own schema. */
export const contentServiceRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {

  const needItems = (selected: string[]) => NEEDS.map((need) => ({ value: need, text: NEED_LABELS[need], checked: selected.includes(need) }))

  const formPage = (reply: FastifyReply, action: { id?: string; name?: string }, values: ServiceForm, errors: Record<string, string> = {}, status = 200) =>
    sendPage(
      reply,
      'content-service.njk',
      {
        title: action.id ? `Change ${action.name}` : 'Add a service',
        action: action.id ? `/workspace/content/services/${action.id}` : '/workspace/content/services/new',
        heading: action.id ? action.name : 'Add a service',
        values,
        phones: PHONES,
        needItems: needItems([values.needs ?? []].flat()),
        errors,
        errorList: errorSummaryList(errors),
        backLink: { href: '/workspace/content/services', text: 'Back to the directory of services' },
      },
      status,
    )

  /** The draft's service an address names, or a 404 page. */
  const serviceOf = async (request: FastifyRequest<{ Params: ServiceId }>, reply: FastifyReply) => {
    const working = await workingContent(store.content)
    const service = working.content.services.find((candidate) => candidate.id === request.params.id)
    if (!service) await errorPage(reply, 404)
    return service && { service, working }
  }

  const saveDraft = async (request: FastifyRequest, draft: Content, subject: string) => {
    await store.content.saveContentDraft(JSON.stringify(draft), now().toISOString(), request.officer!.id)
    await audit(request, 'Saved content draft', subject)
  }

  app.get('/content/services', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const working = await workingContent(store.content)
    const done = (request.query as Record<string, unknown>).done
    return sendPage(reply, 'content-services.njk', {
      title: 'Directory of services',
      services: working.content.services,
      isDraft: Boolean(working.draft),
      canWork: can(request.officer, 'work'),
      banner: done === 'saved' ? { text: 'Saved in the draft', success: true } : done === 'removed' ? { text: 'Removed from the draft', success: true } : undefined,
      backLink: { href: '/workspace/content', text: 'Back to content' },
    })
  })

  app.get('/content/services/new', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    return formPage(reply, {}, {})
  })

  app.get<{ Params: ServiceId }>('/content/services/:id', { schema: { params: routeSchema(serviceId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await serviceOf(request, reply)
    return found ? formPage(reply, found.service, formValues(found.service)) : reply
  })

  app.post<{ Body: ServiceForm }>('/content/services/new', { schema: { body: routeSchema(serviceForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const working = await workingContent(store.content)
    const candidate = serviceFrom(request.body, newId(textOf(request.body, 'name'), working.content))
    const errors = serviceErrors(candidate, request.body)
    if (Object.keys(errors).length) return formPage(reply, {}, request.body, errors, 400)
    const draft = { ...working.content, services: [...working.content.services, candidate as Service] }
    const problems = contentProblems(draft)
    if (problems.length) return formPage(reply, {}, request.body, { name: problems[0]! }, 400)
    await saveDraft(request, draft, `service ${candidate.id}`)
    return reply.redirect('/workspace/content/services?done=saved', 303)
  })

  app.post<{ Params: ServiceId; Body: ServiceForm }>(
    '/content/services/:id',
    { schema: { params: routeSchema(serviceId), body: routeSchema(serviceForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const found = await serviceOf(request, reply)
      if (!found) return reply
      const candidate = serviceFrom(request.body, found.service.id)
      const errors = serviceErrors(candidate, request.body)
      if (Object.keys(errors).length) return formPage(reply, found.service, request.body, errors, 400)
      const draft = { ...found.working.content, services: found.working.content.services.map((service) => (service.id === found.service.id ? (candidate as Service) : service)) }
      const problems = contentProblems(draft)
      if (problems.length) return formPage(reply, found.service, request.body, { name: problems[0]! }, 400)
      await saveDraft(request, draft, `service ${found.service.id}`)
      return reply.redirect('/workspace/content/services?done=saved', 303)
    },
  )

  const removePage = (reply: FastifyReply, service: Service, problem?: string) =>
    sendPage(
      reply,
      'content-service-remove.njk',
      {
        title: `Remove ${service.name}`,
        service,
        errors: problem ? { remove: problem } : {},
        errorList: problem ? [{ text: problem, href: '#remove' }] : [],
        backLink: { href: `/workspace/content/services/${service.id}`, text: 'Back' },
      },
      problem ? 400 : 200,
    )

  app.get<{ Params: ServiceId }>('/content/services/:id/remove', { schema: { params: routeSchema(serviceId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await serviceOf(request, reply)
    return found ? removePage(reply, found.service) : reply
  })

  app.post<{ Params: ServiceId }>('/content/services/:id/remove', { schema: { params: routeSchema(serviceId), body: routeSchema(form({})) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const found = await serviceOf(request, reply)
    if (!found) return reply
    const draft = { ...found.working.content, services: found.working.content.services.filter((service) => service.id !== found.service.id) }
    const problems = contentProblems(draft)
    if (problems.length) return removePage(reply, found.service, problems[0])
    await saveDraft(request, draft, `service ${found.service.id} removed`)
    return reply.redirect('/workspace/content/services?done=removed', 303)
  })
}
