import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { serviceSchema, type Content, type Service } from '../../src/domain/content-schema'
import { NEED_LABELS, NEEDS } from '../../src/domain/needs'
import { z } from '../../src/domain/zod'
import { draftSaver, GONE, linesOf, newContentId, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, sendPage } from './views'

/** What a confirmation banner says; a Map, so `?done=constructor` finds nothing. */
const DONE = new Map([
  ['saved', 'Saved in the draft'],
  ['removed', 'Removed from the draft'],
])

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
    topics: linesOf(textOf(body, 'topics')),
    needs: [body.needs ?? []].flat(),
    notes: linesOf(textOf(body, 'notes')),
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

  const saveEdit = draftSaver({ store, audit, now })
  const hasService = (content: Content, id: string) => content.services.some((service) => service.id === id)

  app.get('/content/services', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const working = await workingContent(store.content)
    const done = doneMessage(request, DONE)
    return sendPage(reply, 'content-services.njk', {
      title: 'Directory of services',
      services: working.content.services,
      isDraft: Boolean(working.draft),
      canWork: can(request.officer, 'work'),
      banner: done && { text: done, success: true },
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
    const name = textOf(request.body, 'name')
    const errors = serviceErrors(serviceFrom(request.body, newContentId(name, (await workingContent(store.content)).content.services.map((service) => service.id))), request.body)
    if (Object.keys(errors).length) return formPage(reply, {}, request.body, errors, 400)
    // The id is worked out again on the draft the edit is applied to, in case someone added a service of the same name meanwhile.
    let id = ''
    const result = await saveEdit(request, (content) => {
      id = newContentId(name, content.services.map((service) => service.id))
      return { ...content, services: [...content.services, serviceFrom(request.body, id) as Service] }
    }, () => `service ${id}`)
    if ('problem' in result) return formPage(reply, {}, request.body, { name: result.problem }, 400)
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
      const result = await saveEdit(
        request,
        (content) => (hasService(content, candidate.id as string) ? { ...content, services: content.services.map((service) => (service.id === candidate.id ? (candidate as Service) : service)) } : { problem: GONE }),
        () => `service ${found.service.id}`,
      )
      if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : formPage(reply, found.service, request.body, { name: result.problem }, 400)
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
    const id = found.service.id
    const result = await saveEdit(
      request,
      (content) => (hasService(content, id) ? { ...content, services: content.services.filter((service) => service.id !== id) } : { problem: GONE }),
      () => `service ${id} removed`,
    )
    if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : removePage(reply, found.service, result.problem)
    return reply.redirect('/workspace/content/services?done=removed', 303)
  })
}
