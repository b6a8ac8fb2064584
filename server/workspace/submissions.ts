import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { compareDates, formatLongDate, parseIsoDate, ukDate } from '../../src/domain/dates'
import { parseDateParts, type DatePart } from '../../src/domain/date-input'
import { SUBMISSION_KIND_LABELS, SUBMISSION_KINDS, SUBMISSION_STATUSES, type SubmissionStatus } from '../../src/domain/submissions'
import { z } from '../../src/domain/zod'
import type { SubmissionDetail, SubmissionPage, SubmissionSummary } from '../store/intake-store'
import { sendCsv } from './csv'
import { field, form, numericId, routeSchema, type NumericId } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { meetingActions } from './meetings'
import { pagination } from './pagination'
import { planView } from './plans'
import { can } from './session'
import { describePayload } from './submission-payload'
import { OUTCOMES, STATUS_LABELS, STATUS_TAG_CLASSES } from './submission-labels'
import { findForm, findQuery, namesAPupil, PAGE_SIZE, readSearch, type FindForm, type FindQuery, type FindSearch } from './submission-search'
import { errorSummaryList, sendPage } from './views'

const forumDateForm = form({ 'forumDate-day': field(20), 'forumDate-month': field(20), 'forumDate-year': field(20) })
type ForumDateForm = z.infer<typeof forumDateForm>
const outcomeForm = form({ outcome: field(200) })
type OutcomeForm = z.infer<typeof outcomeForm>
const meetingForm = form({ meeting: field(100) })
type MeetingForm = z.infer<typeof meetingForm>
const detailQuery = z.looseObject({ updated: field(30) })
type DetailQuery = z.infer<typeof detailQuery>

/** The most rows one CSV holds: every submission a year of the county sends, several times over. */
const CSV_LIMIT = 100_000

/** What a change just made says at the top of the record, after the redirect. A Map: `?updated=constructor` finds nothing. */
const UPDATED_BANNERS = new Map([
  ['forum-date', 'Forum date set. The setting’s device will show it.'],
  ['meeting-assigned', 'Case assigned to the meeting. The setting’s device will show the meeting.'],
  ['meeting-moved', 'Case moved to the meeting. The setting’s device will show its new meeting.'],
  ['plan-recorded', 'Education plan recorded. The setting’s devices will receive it, and the record is closed.'],
  ['plan-corrected', 'Education plan changed. The setting’s devices will receive the change.'],
  ['outcome', 'Outcome recorded. The setting’s device will show it, and the record is closed.'],
])


/** Where a result opens: a permanent exclusion is a case with its steps; anything else its record here. */
const recordHref = (submission: Pick<SubmissionSummary, 'id' | 'kind'>) =>
  submission.kind === 'permanent-exclusion' ? `/workspace/cases/${submission.id}` : `/workspace/submissions/${submission.id}`

const count = (total: number, one: string, many: string) => `${total.toLocaleString('en-GB')} ${total === 1 ? one : many}`

/** Find anything; each submission's page; forum and notice actions; CSV. */
export const submissionRoutes: FastifyPluginAsync<AreaOptions> = async (app, area) => {
  const { store, audit, now } = area
  const today = () => ukDate(now())
  const meetings = meetingActions(area)

  /** Find, with its results (none while the form has errors). A search by name is answered here, never by redirect. */
  const showFind = async (request: FastifyRequest, reply: FastifyReply, search: FindSearch) => {
    const byName = search.filter.pupilName !== undefined
    const hasErrors = search.errorList.length > 0
    let page = search.page
    let results: SubmissionPage = { submissions: [], total: 0 }
    if (!hasErrors) {
      results = await store.findSubmissions(search.filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      const lastPage = Math.max(1, Math.ceil(results.total / PAGE_SIZE))
      if (page > lastPage) {
        page = lastPage
        results = await store.findSubmissions(search.filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      }
      // Who looked for a pupil by name, and when: never the name.
      if (byName) await audit(request, 'Searched by pupil name')
    }
    const pages = Math.max(1, Math.ceil(results.total / PAGE_SIZE))
    const first = (page - 1) * PAGE_SIZE + 1
    return sendPage(
      reply,
      'find.njk',
      {
        title: 'Find submissions',
        errorList: search.errorList,
        errors: search.errors,
        values: search.values,
        kindItems: [{ value: '', text: 'Any kind' }, ...SUBMISSION_KINDS.map((kind) => ({ value: kind, text: SUBMISSION_KIND_LABELS[kind] }))]
          .map((item) => ({ ...item, selected: item.value === search.values.kind })),
        statusItems: [{ value: '', text: 'Any status' }, ...SUBMISSION_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status] }))]
          .map((item) => ({ ...item, selected: item.value === search.values.status })),
        dateItems: { from: dateItems('from', search.values.from, search.dateErrorParts.from), to: dateItems('to', search.values.to, search.dateErrorParts.to) },
        showResults: !hasErrors,
        byName,
        resultsHeading: count(results.total, 'submission', 'submissions'),
        shown: results.total === 0 ? '' : `Showing ${first.toLocaleString('en-GB')} to ${(first + results.submissions.length - 1).toLocaleString('en-GB')} of ${results.total.toLocaleString('en-GB')}, newest first`,
        results: results.submissions.map((submission) => ({
          ...submission,
          href: recordHref(submission),
          kindLabel: SUBMISSION_KIND_LABELS[submission.kind],
          statusLabel: STATUS_LABELS[submission.status],
          statusClass: STATUS_TAG_CLASSES[submission.status],
        })),
        csvHref: `/workspace/submissions/export.csv${search.query ? `?${search.query}` : ''}`,
        pagination: byName ? undefined : pagination(page, pages, pageHref(search.query)),
        // A search by name pages by form, so the name travels in the body, never in an address.
        pageForms: byName ? pageForms(page, pages) : [],
        hiddenFields: byName ? hiddenFields(search) : [],
      },
      hasErrors ? 400 : 200,
    )
  }

  /** A page that explains why a request cannot be done here, with the way back. */
  const refuse = (reply: FastifyReply, heading: string, paragraphs: string[], backHref: string) =>
    sendPage(reply, 'submission-refused.njk', { title: heading, heading, paragraphs, backHref }, 400)

  const GET_FIND = { schema: { querystring: routeSchema(findQuery) } }

  app.get<{ Querystring: FindQuery }>('/submissions', GET_FIND, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    if (namesAPupil(request.query)) return nameInAddress(reply)
    return showFind(request, reply, readSearch(request.query, today()))
  })

  app.post<{ Body: FindForm }>('/submissions', { schema: { body: routeSchema(findForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const search = readSearch(request.body, today())
    // Filters that name no one become an address (bookmarked, paged by links); a name never does.
    if (search.filter.pupilName === undefined && search.errorList.length === 0) {
      const query = new URLSearchParams(search.query)
      if (search.page > 1) query.set('page', String(search.page))
      return reply.redirect(`/workspace/submissions${query.size ? `?${query}` : ''}`, 303)
    }
    return showFind(request, reply, search)
  })

  app.get<{ Querystring: FindQuery }>('/submissions/export.csv', GET_FIND, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    if (namesAPupil(request.query)) return nameInAddress(reply)
    const search = readSearch(request.query, today())
    if (search.errorList.length > 0) return showFind(request, reply, search)
    const { submissions } = await store.findSubmissions(search.filter, { limit: CSV_LIMIT, offset: 0 })
    await audit(request, 'Exported submissions CSV')
    const rows = [
      ['Reference', 'Kind', 'Setting', 'Received', 'Status', 'Forum date', 'Outcome'],
      ...submissions.map((s) => [s.reference, SUBMISSION_KIND_LABELS[s.kind], s.settingName, s.receivedAt, STATUS_LABELS[s.status], s.forumDate ?? '', s.outcome ?? '']),
    ]
    return sendCsv(reply, `submissions-${today()}.csv`, rows)
  })

  const nameInAddress = (reply: FastifyReply) =>
    refuse(reply, 'Search by name with the form', ['A pupil’s name is never put in a web address, so a search by name cannot be linked to, bookmarked or exported. Use the search form on Find.'], '/workspace/submissions')

  /** The record's page, with what was typed into a form that had a problem. */
  const showSubmission = async (
    request: FastifyRequest,
    reply: FastifyReply,
    submission: SubmissionDetail,
    options: {
      errors?: Record<string, string>; errorList?: { text: string; href: string }[]; forumDate?: Record<DatePart, string>; forumDateErrorParts?: DatePart[]
      outcome?: string; meeting?: string; banner?: string
    } = {},
  ) => {
    const errors = options.errors ?? {}
    const forumDate = options.forumDate ?? forumDateParts(submission.forumDate)
    const outcomes = OUTCOMES[submission.kind]
    const chosenOutcome = options.outcome ?? submission.outcome
    return sendPage(
      reply,
      'submission.njk',
      {
        title: `${SUBMISSION_KIND_LABELS[submission.kind]} ${submission.reference}`,
        errorList: options.errorList ?? [],
        errors,
        ...(options.banner ? { banner: { text: options.banner, success: true } } : {}),
        submission,
        kindLabel: SUBMISSION_KIND_LABELS[submission.kind],
        statusLabel: STATUS_LABELS[submission.status],
        statusClass: STATUS_TAG_CLASSES[submission.status],
        payloadSections: describePayload(submission.kind, submission.payload),
        canWork: can(request.officer, 'work'),
        forumDateItems: dateItems('forumDate', forumDate, options.forumDateErrorParts ?? []),
        outcomeItems: outcomes.map((outcome) => ({ value: outcome, text: outcome, checked: outcome === chosenOutcome })),
        singleOutcome: outcomes.length === 1 ? outcomes[0] : undefined,
        meeting: submission.kind === 'forum-case' ? await meetings.block(submission, options.meeting) : undefined,
        plan: submission.kind === 'forum-case' ? await planBlock(submission) : undefined,
      },
      options.errorList?.length ? 400 : 200,
    )
  }

  /** A forum case's Education plan block: the recorded plan in words, or none yet. */
  const planBlock = async (submission: SubmissionDetail) => {
    const recorded = await store.plans.plan(submission.id)
    return { recorded: recorded && planView(recorded), href: `/workspace/submissions/${submission.id}/plan` }
  }

  const withId = { schema: { params: routeSchema(numericId) } }

  app.get<{ Params: NumericId; Querystring: DetailQuery }>('/submissions/:id', { schema: { ...withId.schema, querystring: routeSchema(detailQuery) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const submission = await store.submission(Number(request.params.id))
    if (!submission) return errorPage(reply, 404)
    if (submission.kind === 'permanent-exclusion') return reply.redirect(`/workspace/cases/${submission.id}`, 303)
    await audit(request, 'Viewed submission', submission.reference)
    return showSubmission(request, reply, submission, { banner: UPDATED_BANNERS.get(request.query.updated ?? '') })
  })

  /** The submission an action is for, once the officer may work and it is one this page acts on; otherwise the answer has been sent. */
  const actionable = async (request: FastifyRequest<{ Params: NumericId }>, reply: FastifyReply): Promise<SubmissionDetail | undefined> => {
    if (!(await requirePermission(request, reply, 'work'))) return undefined
    const submission = await store.submission(Number(request.params.id))
    if (!submission) {
      await errorPage(reply, 404)
      return undefined
    }
    if (submission.kind === 'permanent-exclusion') {
      await refuse(reply, 'A permanent exclusion is worked as a case', [`Record what happens to ${submission.reference} as the steps of its case.`], `/workspace/cases/${submission.id}`)
      return undefined
    }
    return submission
  }

  const done = async (request: FastifyRequest, reply: FastifyReply, submission: SubmissionDetail, action: string, updated: string) => {
    await audit(request, action, submission.reference)
    return reply.redirect(`/workspace/submissions/${submission.id}?updated=${updated}`, 303)
  }

  const notAForumCase = (reply: FastifyReply, submission: SubmissionDetail, what: string) =>
    refuse(
      reply,
      `Only a forum case has ${what}`,
      [`${submission.reference} is a ${SUBMISSION_KIND_LABELS[submission.kind].toLowerCase()}, not a forum case. Nothing has been changed.`],
      `/workspace/submissions/${submission.id}`,
    )

  app.post<{ Params: NumericId; Body: ForumDateForm }>('/submissions/:id/forum-date', { schema: { ...withId.schema, body: routeSchema(forumDateForm) } }, async (request, reply) => {
    const submission = await actionable(request, reply)
    if (!submission) return reply
    if (submission.kind !== 'forum-case') return notAForumCase(reply, submission, 'a forum date')
    // A case at a meeting has that meeting's date: it changes by moving the case, so the two cannot differ.
    if (await store.meetings.assignment(submission.id)) {
      return refuse(reply, 'This case is at a forum meeting', [`${submission.reference} takes its forum date from its meeting. To change it, move the case to another meeting. Nothing has been changed.`], `/workspace/submissions/${submission.id}`)
    }
    const typed = { day: request.body['forumDate-day'] ?? '', month: request.body['forumDate-month'] ?? '', year: request.body['forumDate-year'] ?? '' }
    const forumDate = readForumDate(typed, ukDate(new Date(submission.receivedAt)))
    if ('message' in forumDate) {
      return showSubmission(request, reply, submission, {
        errors: { forumDate: forumDate.message },
        errorList: [{ text: forumDate.message, href: `#forumDate-${forumDate.parts[0]}` }],
        forumDate: typed,
        forumDateErrorParts: forumDate.parts,
      })
    }
    // Once the plan is issued the record stays closed: a corrected forum date does not reopen it.
    const status: SubmissionStatus = submission.status === 'plan-issued' ? 'plan-issued' : 'forum-date-set'
    await store.updateSubmissionStatus(submission.id, { status, forumDate: forumDate.iso }, now().toISOString())
    return done(request, reply, submission, 'Set forum date', 'forum-date')
  })

  app.post<{ Params: NumericId; Body: MeetingForm }>('/submissions/:id/meeting', { schema: { ...withId.schema, body: routeSchema(meetingForm) } }, async (request, reply) => {
    const submission = await actionable(request, reply)
    if (!submission) return reply
    if (submission.kind !== 'forum-case') return notAForumCase(reply, submission, 'a forum meeting')
    const chosen = request.body.meeting ?? ''
    const change = await meetings.assign(request, submission, chosen, await meetings.published())
    if ('problem' in change) {
      const errors = { meeting: change.problem }
      return showSubmission(request, reply, submission, { errors, errorList: errorSummaryList(errors), meeting: chosen })
    }
    return reply.redirect(`/workspace/submissions/${submission.id}?updated=meeting-${change.done === 'moved' ? 'moved' : 'assigned'}`, 303)
  })

  app.post<{ Params: NumericId; Body: OutcomeForm }>('/submissions/:id/outcome', { schema: { ...withId.schema, body: routeSchema(outcomeForm) } }, async (request, reply) => {
    const submission = await actionable(request, reply)
    if (!submission) return reply
    if (submission.kind === 'forum-case') {
      return refuse(reply, 'A forum case has no outcome to record', [`Set ${submission.reference}’s forum date, or record its education plan. Nothing has been changed.`], `/workspace/submissions/${submission.id}`)
    }
    const outcome = request.body.outcome ?? ''
    if (!OUTCOMES[submission.kind].includes(outcome)) {
      const errors = { outcome: 'Select the outcome' }
      return showSubmission(request, reply, submission, { errors, errorList: errorSummaryList(errors), outcome: '' })
    }
    const at = now().toISOString()
    // Nothing more to do on the notice: the record is closed, and its retention period runs from its first closing.
    await store.updateSubmissionStatus(submission.id, { status: 'outcome-recorded', outcome, closes: true }, at)
    return done(request, reply, submission, 'Recorded outcome', 'outcome')
  })
}

/** The forum date typed, or GOV.UK's message and the boxes to mark: a real date, not before the day the case was received. */
function readForumDate(typed: Record<DatePart, string>, received: string): { iso: string } | { message: string; parts: DatePart[] } {
  const everyBox: DatePart[] = ['day', 'month', 'year']
  const result = parseDateParts(typed, 'Forum date')
  if (result.kind === 'empty') return { message: 'Enter the forum date', parts: everyBox }
  if (result.kind === 'error') return result
  const receivedOn = parseIsoDate(received)!
  if (compareDates(parseIsoDate(result.iso)!, receivedOn) < 0) {
    return { message: `Forum date must be the same as or after ${formatLongDate(receivedOn)}, when the case was received`, parts: everyBox }
  }
  return { iso: result.iso }
}

/** GOV.UK date input items: the typed values kept, the boxes with the problem marked. */
function dateItems(id: string, parts: Record<DatePart, string>, errorParts: DatePart[]) {
  return (['day', 'month', 'year'] as const).map((name) => ({
    name,
    value: parts[name],
    classes: `govuk-input--width-${name === 'year' ? 4 : 2}${errorParts.includes(name) ? ' govuk-input--error' : ''}`,
  }))
}

function forumDateParts(iso: string | undefined): Record<DatePart, string> {
  const date = iso ? parseIsoDate(iso) : undefined
  return date ? { day: String(date.day), month: String(date.month), year: String(date.year) } : { day: '', month: '', year: '' }
}

/** Find's page links: the filters (never a name) and the page. */
function pageHref(query: string) {
  return (number: number) => `/workspace/submissions?${new URLSearchParams([...new URLSearchParams(query), ['page', String(number)]])}`
}

function pageForms(page: number, pages: number): { page: number; text: string }[] {
  return [
    ...(page > 1 ? [{ page: page - 1, text: 'Previous page' }] : []),
    ...(page < pages ? [{ page: page + 1, text: 'Next page' }] : []),
  ]
}

/** A search by name sent again for another page: every field as typed, in the form's body. */
function hiddenFields(search: FindSearch): { name: string; value: string }[] {
  const { values } = search
  return [
    ...new URLSearchParams(search.query).entries(),
    ['pupilName', values.pupilName],
    ['nameMatch', values.nameMatch],
  ].map(([name, value]) => ({ name: name!, value: value! }))
}
