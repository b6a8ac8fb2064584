import type { FastifyPluginAsync } from 'fastify'
import { compareDates, parseIsoDate } from '../../src/domain/dates'
import { parseDateParts, type DatePart, type DateParts } from '../../src/domain/date-input'
import { z } from '../../src/domain/zod'
import type { AuditEntry, AuditFilter } from '../store/audit-store'
import { sendCsv } from './csv'
import { routeSchema } from './form-schema'
import { requirePermission, type AreaOptions } from './index'
import { pagination } from './pagination'
import { dateTime, sendPage } from './views'

export const AUDIT_PAGE_SIZE = 50
const EXPORT_BATCH = 1000

const text = (max: number) => z.string().max(max).optional()
const auditQuery = z.object({
  officer: text(100),
  subject: text(100),
  'from-day': text(10),
  'from-month': text(20),
  'from-year': text(10),
  'to-day': text(10),
  'to-month': text(20),
  'to-year': text(10),
  page: z.string().regex(/^[0-9]{1,6}$/).optional(),
})
type AuditQuery = z.infer<typeof auditQuery>

type DateBox = { name: DatePart; value: string; classes: string }
interface ReadQuery {
  filter: AuditFilter
  errors: { text: string; href: string }[]
  fieldErrors: Record<string, string>
  dates: Record<'from' | 'to', DateBox[]>
  /** The filters as an address's query, without the page. */
  search: URLSearchParams
}

const WIDTHS: Record<DatePart, string> = { day: 'govuk-input--width-2', month: 'govuk-input--width-2', year: 'govuk-input--width-4' }

/** The filters from the address, read with GOV.UK's date messages. */
function readQuery(query: AuditQuery): ReadQuery {
  const filter: AuditFilter = {}
  const errors: ReadQuery['errors'] = []
  const fieldErrors: Record<string, string> = {}
  const search = new URLSearchParams()
  const officer = query.officer?.trim()
  const subject = query.subject?.trim()
  if (officer) {
    filter.officerUsername = officer
    search.set('officer', officer)
  }
  if (subject) {
    filter.subject = subject
    search.set('subject', subject)
  }
  const dates = {} as ReadQuery['dates']
  for (const [name, label] of [['from', 'Date from'], ['to', 'Date to']] as const) {
    const parts: DateParts = { day: query[`${name}-day`] ?? '', month: query[`${name}-month`] ?? '', year: query[`${name}-year`] ?? '' }
    const result = parseDateParts(parts, label)
    const wrong = result.kind === 'error' ? result.parts : []
    dates[name] = (['day', 'month', 'year'] as const).map((part) => ({
      name: part,
      value: parts[part],
      classes: `${WIDTHS[part]}${wrong.includes(part) ? ' govuk-input--error' : ''}`,
    }))
    if (result.kind === 'error') {
      fieldErrors[name] = result.message
      errors.push({ text: result.message, href: `#${name}-${result.parts[0]}` })
    } else if (result.kind === 'date') {
      filter[name] = result.iso
      for (const part of ['day', 'month', 'year'] as const) search.set(`${name}-${part}`, parts[part].trim())
    }
  }
  if (filter.from && filter.to && compareDates(parseIsoDate(filter.to)!, parseIsoDate(filter.from)!) < 0) {
    fieldErrors.to = 'Date to must be the same as or after date from'
    errors.push({ text: fieldErrors.to, href: '#to-day' })
  }
  return { filter, errors, fieldErrors, dates, search }
}

/** The log as CSV rows, the heading row first. */
function auditRows(entries: AuditEntry[]): string[][] {
  return [['When', 'Officer', 'Action', 'Subject'], ...entries.map((entry) => [entry.at, entry.officerUsername, entry.action, entry.subject ?? ''])]
}

/** The audit log, read and exported by administrators. Reading it is itself audited. */
export const auditLogRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const schema = { querystring: routeSchema(auditQuery) }

  app.get<{ Querystring: AuditQuery }>('/audit', { schema }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const read = readQuery(request.query)
    let page = Math.max(1, Number(request.query.page ?? '1'))
    const base = {
      title: 'Audit log',
      officerFilter: request.query.officer ?? '',
      subjectFilter: request.query.subject ?? '',
      dates: read.dates,
      fieldErrors: read.fieldErrors,
      errorList: read.errors,
    }
    if (read.errors.length > 0) return sendPage(reply, 'audit.njk', { ...base, entries: [], total: 0 }, 400)

    let { entries, total } = await store.audit.list(read.filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE)
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
    // A page past the end (the log was filtered, or an old link): the last page instead.
    if (page > pages) ({ entries, total } = await store.audit.list(read.filter, AUDIT_PAGE_SIZE, (pages - 1) * AUDIT_PAGE_SIZE))
    page = Math.min(page, pages)
    await audit(request, 'Viewed audit log')
    const href = (number: number) => {
      const search = new URLSearchParams(read.search)
      if (number > 1) search.set('page', String(number))
      const query = search.toString()
      return `/workspace/audit${query ? `?${query}` : ''}`
    }
    const filtered = read.search.toString()
    return sendPage(reply, 'audit.njk', {
      ...base,
      entries: entries.map((entry) => ({ ...entry, when: dateTime(entry.at) })),
      total,
      page,
      pages,
      first: total === 0 ? 0 : (page - 1) * AUDIT_PAGE_SIZE + 1,
      last: Math.min(total, page * AUDIT_PAGE_SIZE),
      pagination: pagination(page, pages, href),
      filtered: filtered !== '',
      exportHref: `/workspace/audit/export.csv${filtered ? `?${filtered}` : ''}`,
    })
  })

  app.get<{ Querystring: AuditQuery }>('/audit/export.csv', { schema }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'administer'))) return reply
    const read = readQuery(request.query)
    // A wrong date in a hand-made address: back to the page, which says what is wrong.
    if (read.errors.length > 0) return reply.redirect(`/workspace/audit?${new URLSearchParams(request.query as Record<string, string>).toString()}`, 303)
    const entries: AuditEntry[] = []
    for (let offset = 0; ; offset += EXPORT_BATCH) {
      const batch = await store.audit.list(read.filter, EXPORT_BATCH, offset)
      entries.push(...batch.entries)
      if (batch.entries.length < EXPORT_BATCH) break
    }
    await audit(request, 'Exported audit log')
    return sendCsv(reply, `audit-log-${now().toISOString().slice(0, 10)}.csv`, auditRows(entries))
  })
}
