import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { countyCalendarSchema, type CountyCalendar } from '../../src/domain/content-schema'
import { countyCalendarOf } from '../../src/domain/default-content/county-calendar'
import { parseDateParts, type DatePart } from '../../src/domain/date-input'
import { compareIsoText } from '../../src/domain/dates'
import { termsBySchoolYear, type Term } from '../../src/domain/school-calendar'
import { z } from '../../src/domain/zod'
import { contentProblems, editDraft, GONE, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, longDate, sendPage } from './views'

const TERM_NAME_MAX = 100

// Bounds above the page's own limits, so that a little too much typed gets a message beside
// the field and keeps what was typed; far too much is refused outright.
const datePartsOf = (prefix: string) => ({ [`${prefix}-day`]: field(100), [`${prefix}-month`]: field(100), [`${prefix}-year`]: field(100) })
const termForm = form({ name: field(500), ...datePartsOf('start'), ...datePartsOf('end'), ...datePartsOf('half-start'), ...datePartsOf('half-end') })
const holidayForm = form(datePartsOf('holiday'))
const emptyForm = form({})
/** A term is named in its address by its first day (terms never overlap), a bank holiday by its date. */
const dayParams = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
type DayParams = z.infer<typeof dayParams>
type Typed = Record<string, string>

/** What a confirmation banner says; a Map, so `?done=constructor` finds nothing. */
const DONE = new Map([
  ['term-added', 'Term added to the draft'],
  ['term-removed', 'Term removed from the draft'],
  ['holiday-added', 'Bank holiday added to the draft'],
  ['holiday-removed', 'Bank holiday removed from the draft'],
])

/** A form's messages by the id of the field each belongs beside, and the date boxes each marks. */
interface Problems {
  errors: Record<string, string>
  errorParts: Record<string, DatePart[]>
}

const noProblems = (): Problems => ({ errors: {}, errorParts: {} })
const hasProblems = (problems: Problems) => Object.keys(problems.errors).length > 0

/** A message about a whole date: beside its day box (where the summary links), every box marked. */
function dateProblem(problems: Problems, prefix: string, message: string): void {
  problems.errors[`${prefix}-day`] ??= message
  problems.errorParts[prefix] = ['day', 'month', 'year']
}

/** What was typed in the form's fields, '' for each left out: shown again with the messages. */
function typedIn(body: Record<string, string | undefined>, schema: typeof termForm | typeof holidayForm): Typed {
  return Object.fromEntries(Object.keys(schema.shape).filter((key) => key !== '_csrf').map((key) => [key, body[key] ?? '']))
}

/** One GOV.UK date input's date, or undefined with its problem noted (when empty, only when `required`). */
function readDate(typed: Typed, prefix: string, label: string, problems: Problems, required: boolean): string | undefined {
  const result = parseDateParts({ day: typed[`${prefix}-day`]!, month: typed[`${prefix}-month`]!, year: typed[`${prefix}-year`]! }, label)
  if (result.kind === 'date') return result.iso
  if (result.kind === 'empty') {
    if (required) dateProblem(problems, prefix, `Enter ${label.toLowerCase()}`)
    return undefined
  }
  problems.errors[result.parts[0] === 'day' ? `${prefix}-day` : `${prefix}-${result.parts[0]}`] = result.message
  problems.errorParts[prefix] = result.parts
  return undefined
}

const byStart = (a: Term, b: Term) => compareIsoText(a.start, b.start)

/**
 * The calendar with the typed term added, or what to say beside the fields: first the form's
 * own checks (a name, real dates, both half term dates or neither), then the app's schema's.
 */
function withTerm(calendar: CountyCalendar, typed: Typed): { calendar: CountyCalendar; term: Term } | { problems: Problems } {
  const problems = noProblems()
  const name = typed.name!.trim()
  if (!name) problems.errors.name = 'Enter the name of the term, like Autumn 2026'
  else if (name.length > TERM_NAME_MAX) problems.errors.name = `The name of the term must be ${TERM_NAME_MAX} characters or fewer`
  const start = readDate(typed, 'start', 'The first day of the term', problems, true)
  const end = readDate(typed, 'end', 'The last day of the term', problems, true)
  const halfStart = readDate(typed, 'half-start', 'The first day of half term', problems, false)
  const halfEnd = readDate(typed, 'half-end', 'The last day of half term', problems, false)
  const halfTermTyped = ['half-start', 'half-end'].some((prefix) => ['day', 'month', 'year'].some((part) => typed[`${prefix}-${part}`]!.trim() !== ''))
  if (halfTermTyped && !problems.errorParts['half-start'] && !problems.errorParts['half-end']) {
    if (!halfStart) dateProblem(problems, 'half-start', 'Enter the first day of half term, or leave both half term dates empty')
    if (!halfEnd) dateProblem(problems, 'half-end', 'Enter the last day of half term, or leave both half term dates empty')
  }
  if (hasProblems(problems) || !start || !end) return { problems }

  const term: Term = { name, start, end, ...(halfStart && halfEnd ? { halfTerm: { start: halfStart, end: halfEnd } } : {}) }
  // Last, so that a name already taken is reported against the new term. The terms already
  // there passed these checks, so every problem is the new term's: an overlap is reported
  // against the later term, and when that is one already there, the new term's last day is the one to change.
  const candidate = { ...calendar, terms: [...calendar.terms, term] }
  const result = countyCalendarSchema.safeParse(candidate)
  if (result.success) return { calendar: { ...candidate, terms: candidate.terms.sort(byStart) }, term }
  const index = calendar.terms.length
  for (const issue of result.error.issues) {
    const [, at, part] = issue.path
    if (at === index && part === 'name') problems.errors.name ??= `There is already a term called ${name}`
    else dateProblem(problems, at !== index ? 'end' : part === 'halfTerm' ? 'half-start' : part === 'start' ? 'start' : 'end', issue.message)
  }
  return { problems }
}

/** The calendar with the typed bank holiday added, or what to say beside the date. */
function withBankHoliday(calendar: CountyCalendar, typed: Typed): { calendar: CountyCalendar; day: string } | { problems: Problems } {
  const problems = noProblems()
  const day = readDate(typed, 'holiday', 'The date of the bank holiday', problems, true)
  if (!day) return { problems }
  const candidate = { ...calendar, bankHolidays: [...calendar.bankHolidays, day] }
  // The only rule a real date can break: the list holds each day once.
  if (!countyCalendarSchema.safeParse(candidate).success) {
    dateProblem(problems, 'holiday', `${longDate(day)} is already in the list of bank holidays`)
    return { problems }
  }
  return { calendar: { ...candidate, bankHolidays: candidate.bankHolidays.sort() }, day }
}

/**
 * The county calendar (DOMAIN.md: the county and the city share maintained-school term
 * dates), edited into the shared draft: its terms by school year and the bank holidays.
 * Settings' devices count with it and the suspension levels count by its terms once it is
 * published. Reading needs 'read', editing 'work', as the directory of services.
 */
export const contentCountyCalendarRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const calendarPage = async (request: FastifyRequest, reply: FastifyReply, data: { typed?: Typed; problems?: Problems } = {}, status = 200) => {
    const working = await workingContent(store.content)
    const calendar = countyCalendarOf(working.content)
    const { errors, errorParts } = data.problems ?? noProblems()
    return sendPage(
      reply,
      'content-county-calendar.njk',
      {
        title: 'County calendar',
        isDraft: Boolean(working.draft),
        years: termsBySchoolYear(calendar.terms).map(({ year, terms }) => ({ name: year, terms })),
        bankHolidays: calendar.bankHolidays,
        canWork: can(request.officer, 'work'),
        typed: data.typed ?? {},
        errors,
        errorParts,
        errorList: errorSummaryList(errors),
        done: status === 200 ? doneMessage(request, DONE) : undefined,
        backLink: { href: '/workspace/content', text: 'Back to content' },
      },
      status,
    )
  }

  /**
   * Applies a change to the draft's calendar (kept with anyone else's edit made meanwhile),
   * checked whole with the app's schema (it should pass: the calendar was checked), then
   * shows the page again with a banner. A problem is shown beside the fields (the content's,
   * beside `field`); what was removed meanwhile gets the 404 page.
   */
  const saveCalendar = async (
    request: FastifyRequest,
    reply: FastifyReply,
    change: (calendar: CountyCalendar) => CountyCalendar | { problems: Problems } | typeof GONE,
    after: { subject: () => string; done: string; field: string; typed?: Typed },
  ) => {
    const result = await editDraft<Problems | typeof GONE>(
      store.content,
      (content) => {
        const changed = change(countyCalendarOf(content))
        if (changed === GONE) return { problem: GONE }
        if ('problems' in changed) return { problem: changed.problems }
        const draft = { ...content, countyCalendar: changed }
        const problems = contentProblems(draft)
        return problems.length ? { problem: { errors: { [after.field]: problems[0]! }, errorParts: {} } } : draft
      },
      now().toISOString(),
      request.officer!.id,
    )
    if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : calendarPage(request, reply, { typed: after.typed ?? {}, problems: result.problem }, 400)
    await audit(request, 'Saved content draft', after.subject())
    return reply.redirect(`/workspace/content/county-calendar?done=${after.done}`, 303)
  }

  app.get('/content/county-calendar', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    return calendarPage(request, reply)
  })

  app.post<{ Body: Record<string, string | undefined> }>('/content/county-calendar/terms', { schema: { body: routeSchema(termForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const typed = typedIn(request.body, termForm)
    const change = (calendar: CountyCalendar) => {
      const added = withTerm(calendar, typed)
      return 'problems' in added ? added : added.calendar
    }
    return saveCalendar(request, reply, change, { subject: () => `county term ${typed.name!.trim()}`, done: 'term-added', field: 'name', typed })
  })

  app.post<{ Params: DayParams }>('/content/county-calendar/terms/:date/remove', { schema: { params: routeSchema(dayParams), body: routeSchema(emptyForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    let removed = ''
    const change = (calendar: CountyCalendar) => {
      // Removed (or the draft discarded) by someone else meanwhile: there is no such term now.
      const term = calendar.terms.find((candidate) => candidate.start === request.params.date)
      if (!term) return GONE
      removed = term.name
      return { ...calendar, terms: calendar.terms.filter((candidate) => candidate !== term) }
    }
    return saveCalendar(request, reply, change, { subject: () => `county term ${removed} removed`, done: 'term-removed', field: 'terms' })
  })

  app.post<{ Body: Record<string, string | undefined> }>('/content/county-calendar/bank-holidays', { schema: { body: routeSchema(holidayForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const typed = typedIn(request.body, holidayForm)
    let day = ''
    const change = (calendar: CountyCalendar) => {
      const added = withBankHoliday(calendar, typed)
      if ('problems' in added) return added
      day = added.day
      return added.calendar
    }
    return saveCalendar(request, reply, change, { subject: () => `bank holiday ${day}`, done: 'holiday-added', field: 'holiday-day', typed })
  })

  app.post<{ Params: DayParams }>('/content/county-calendar/bank-holidays/:date/remove', { schema: { params: routeSchema(dayParams), body: routeSchema(emptyForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const { date } = request.params
    const change = (calendar: CountyCalendar) => (calendar.bankHolidays.includes(date) ? { ...calendar, bankHolidays: calendar.bankHolidays.filter((day) => day !== date) } : GONE)
    return saveCalendar(request, reply, change, { subject: () => `bank holiday ${date} removed`, done: 'holiday-removed', field: 'bank-holidays' })
  })
}
