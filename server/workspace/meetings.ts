import { forumMeetingsOf, meetingPlace, meetingTime } from '../../src/domain/forum-meetings'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { type ForumMeeting } from '../../src/domain/content-schema'
import { ukDate } from '../../src/domain/dates'
import { CASE_SECTIONS, type CaseSection } from '../../src/domain/forum-case-sections'
import { YEAR_GROUPS, yearGroupLabel, type YearGroup } from '../../src/domain/school-year'
import type { ForumCasePayload } from '../../src/domain/submissions'
import { z } from '../../src/domain/zod'
import type { SubmissionDetail } from '../store/intake-store'
import type { AssignRefusal, MeetingCase } from '../store/meetings-store'
import { publishedContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { longDate, sendPage } from './views'

/**
 * Forum meetings: the meetings the service publishes (content), the cases assigned to each,
 * the cases waiting for one, and each meeting's printable agenda. Assigning, moving and
 * removing a case are also offered on a forum case's own page (submissions.ts), through
 * meetingActions below.
 */

const meetingParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,100}$/) })
type MeetingParams = z.infer<typeof meetingParams>
const caseForm = form({ submission: field(20) })
type CaseForm = z.infer<typeof caseForm>
const moveForm = form({ submission: field(20), to: field(100) })
type MoveForm = z.infer<typeof moveForm>
const listQuery = z.looseObject({ show: field(10) })
type ListQuery = z.infer<typeof listQuery>
const doneQuery = z.looseObject({ done: field(20) })
type DoneQuery = z.infer<typeof doneQuery>

/** What a change just made says at the top of the meeting's page, after the redirect. A Map: `?done=constructor` finds nothing. */
const DONE_BANNERS = new Map([
  ['assigned', 'Case assigned to this meeting. The setting’s device will show the meeting.'],
  ['moved', 'Case moved. The setting’s device will show its new meeting.'],
  ['removed', 'Case removed from this meeting. It is waiting for a meeting again.'],
])

/** The published meetings, in date order and by id, with the forums' names: the newest published version, as devices have it. */
export interface Published {
  meetings: ForumMeeting[]
  byId: Map<string, ForumMeeting>
  forumName(forum: string | undefined): string
}

async function readPublished(store: AreaOptions['store']): Promise<Published> {
  const { content } = await publishedContent(store.content)
  const meetings = forumMeetingsOf(content)
  const names = new Map(content.forums.map((forum) => [forum.id as string, forum.name]))
  return { meetings, byId: new Map(meetings.map((meeting) => [meeting.id, meeting])), forumName: (forum) => (forum && names.get(forum)) || 'Forum not given' }
}

const slotsText = (taken: number, meeting: ForumMeeting) => `${taken} of ${meeting.slots} ${meeting.slots === 1 ? 'slot' : 'slots'} taken`
const isFull = (taken: number, meeting: ForumMeeting) => taken >= meeting.slots

/** A meeting as the pages show it. */
function meetingView(meeting: ForumMeeting, published: Published, taken: number, today: string) {
  return {
    id: meeting.id,
    href: `/workspace/meetings/${meeting.id}`,
    forumName: published.forumName(meeting.forum),
    area: meeting.area,
    date: longDate(meeting.date),
    time: meetingTime(meeting),
    where: meetingPlace(meeting),
    slots: slotsText(taken, meeting),
    full: isFull(taken, meeting),
    past: meeting.date < today,
  }
}

/** A meeting in a list to choose from: when, where, and how full. */
const choiceText = (meeting: ForumMeeting, taken: number) =>
  [longDate(meeting.date), meetingTime(meeting), ...(meeting.area ? [meeting.area] : []), meetingPlace(meeting)].join(', ') + ` (${slotsText(taken, meeting)})`

/** The meeting a setting asked for, in words. */
function preferredText(preferred: string | undefined, published: Published): string {
  if (!preferred) return 'No preference'
  if (preferred === 'next') return 'The next meeting'
  const meeting = published.byId.get(preferred)
  return meeting ? [longDate(meeting.date), ...(meeting.area ? [meeting.area] : [])].join(', ') : 'A meeting no longer published'
}

const caseTypeText = (caseType: string | undefined) => (caseType === 'named' ? 'Named' : caseType === 'anonymous' ? 'Anonymous' : 'Not given')

const forumCasePayload = (submission: SubmissionDetail) => (submission.payload ?? {}) as Partial<ForumCasePayload>

/** Why the store would not assign, in an officer's words. */
function refusalText(refusal: AssignRefusal, meeting: ForumMeeting): string {
  if (refusal === 'full') return `Meeting full: all ${meeting.slots} ${meeting.slots === 1 ? 'slot is' : 'slots are'} taken. Select another meeting`
  if (refusal === 'closed') return 'This case is closed: its education plan has been issued'
  return 'Only a forum case can be assigned to a meeting'
}

export type MeetingChange = { done: 'assigned' | 'moved' | 'unchanged' } | { problem: string }

/**
 * What the meeting pages and a forum case's page share: the published meetings, assigning or
 * moving a case with the checks its form needs (each refusal a message for beside the field),
 * and the case page's Meeting block.
 */
export function meetingActions({ store, audit, now }: AreaOptions) {
  const today = () => ukDate(now())

  /** Upcoming meetings of a forum with a slot left, but the one the case is at: where it can go. */
  const choices = (published: Published, counts: Map<string, number>, forum: string | undefined, except?: string) =>
    published.meetings.filter((meeting) => meeting.forum === forum && meeting.id !== except && meeting.date >= today() && !isFull(counts.get(meeting.id) ?? 0, meeting))

  const choiceItems = (meetings: ForumMeeting[], counts: Map<string, number>, selected: string | undefined) => [
    { value: '', text: 'Select a meeting' },
    ...meetings.map((meeting) => ({ value: meeting.id, text: choiceText(meeting, counts.get(meeting.id) ?? 0), selected: meeting.id === selected })),
  ]

  /** Assigns a forum case to a published, upcoming meeting of its forum, or moves it there; audited by the case's reference. */
  async function assign(request: FastifyRequest, submission: SubmissionDetail, meetingId: string, published: Published): Promise<MeetingChange> {
    if (!meetingId) return { problem: 'Select a meeting' }
    const meeting = published.byId.get(meetingId)
    if (!meeting) return { problem: 'That meeting is not published: select another meeting' }
    if (meeting.date < today()) return { problem: `The meeting on ${longDate(meeting.date)} has taken place: select an upcoming meeting` }
    const forum = forumCasePayload(submission).forum
    if (meeting.forum !== forum) {
      return { problem: `That meeting is of the ${published.forumName(meeting.forum)}: select a meeting of the ${published.forumName(forum)}` }
    }
    const officer = request.officer!
    const result = await store.meetings.assign(submission.id, meeting, { id: officer.id, displayName: officer.displayName }, now().toISOString())
    if ('refused' in result) return { problem: refusalText(result.refused, meeting) }
    if (result.outcome === 'assigned') await audit(request, `Assigned to forum meeting ${meeting.id}`, submission.reference)
    if (result.outcome === 'moved') await audit(request, `Moved from forum meeting ${result.from} to ${meeting.id}`, submission.reference)
    return { done: result.outcome }
  }

  /** A forum case's Meeting block: the meeting it is at (or the one asked for) and where it can be assigned or moved, keeping what was chosen. */
  async function block(submission: SubmissionDetail, chosen?: string) {
    const [published, counts, assignment] = await Promise.all([readPublished(store), store.meetings.caseCounts(), store.meetings.assignment(submission.id)])
    const payload = forumCasePayload(submission)
    const at = assignment && published.byId.get(assignment.meetingId)
    return {
      forumName: published.forumName(payload.forum),
      assigned: at && meetingView(at, published, counts.get(at.id) ?? 0, today()),
      // Assigned to a meeting since taken out of the content: the forum date it had stays.
      unpublished: Boolean(assignment && !at),
      preferred: preferredText(payload.preferredMeeting, published),
      items: choiceItems(choices(published, counts, payload.forum, assignment?.meetingId), counts, chosen),
      button: assignment ? 'Move to this meeting' : 'Assign to meeting',
      closed: submission.closedAt !== undefined,
    }
  }

  return { today, choices, choiceItems, assign, block, published: () => readPublished(store) }
}

/** The section headings a forum case has answers under: the criteria it covers (and a re-referral's plan update), from the case's own section table. */
const CRITERIA = (CASE_SECTIONS as readonly CaseSection[]).filter((section) => section.fields.every((caseField) => /^(sections|reReferral)\./.test(caseField.sent ?? '')))

function valueAt(payload: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined), payload)
}

const answered = (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null)

export function criteriaCovered(payload: unknown): string[] {
  return CRITERIA.filter((section) => section.fields.some((caseField) => caseField.sent !== undefined && answered(valueAt(payload, caseField.sent)))).map((section) => section.title)
}

/** Who the agenda names: the child, only for a named case whose payload records the parent's or guardian's consent. */
/** A named case with consent recorded: the agenda names the child. */
const agendaNames = (payload: Partial<ForumCasePayload>) => payload.caseType === 'named' && Boolean(payload.consent && payload.child?.name)

function agendaName(payload: Partial<ForumCasePayload>): string {
  if (payload.caseType !== 'named') return 'Anonymous'
  return agendaNames(payload) ? payload.child!.name : 'Name withheld: no consent recorded'
}

const yearGroupText = (group: unknown) => (YEAR_GROUPS.includes(group as YearGroup) ? yearGroupLabel(group as YearGroup) : 'Not given')

export const meetingRoutes: FastifyPluginAsync<AreaOptions> = async (app, area) => {
  const { store, audit } = area
  const actions = meetingActions(area)
  const withMeeting = { schema: { params: routeSchema(meetingParams) } }

  /** A case in a meeting's lists: linked to its page, with what its setting chose in words. */
  const caseView = (item: MeetingCase, published: Published) => ({
    ...item,
    href: `/workspace/submissions/${item.id}`,
    forumName: published.forumName(item.forum),
    caseTypeText: caseTypeText(item.caseType),
    preferredText: preferredText(item.preferredMeeting, published),
  })

  app.get<{ Querystring: ListQuery }>('/meetings', { schema: { querystring: routeSchema(listQuery) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const [published, counts, waiting] = await Promise.all([actions.published(), store.meetings.caseCounts(), store.meetings.waiting()])
    const today = actions.today()
    const showPast = request.query.show === 'past'
    // Upcoming soonest first; past ones the latest first.
    const shown = showPast ? published.meetings.filter((meeting) => meeting.date < today).reverse() : published.meetings.filter((meeting) => meeting.date >= today)
    return sendPage(reply, 'meetings.njk', {
      title: showPast ? 'Past forum meetings' : 'Forum meetings',
      showPast,
      meetings: shown.map((meeting) => meetingView(meeting, published, counts.get(meeting.id) ?? 0, today)),
      waiting: waiting.map((item) => caseView(item, published)),
    })
  })

  /** The meeting's page: its details, its cases and the cases waiting for its forum; with what was chosen and the problems of a form sent. */
  async function showMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    meeting: ForumMeeting,
    published: Published,
    options: { errors?: Record<string, string>; moveTo?: Record<number, string>; banner?: string } = {},
  ) {
    const [counts, cases, waiting] = await Promise.all([store.meetings.caseCounts(), store.meetings.casesAt(meeting.id), store.meetings.waiting()])
    const errors = options.errors ?? {}
    const view = meetingView(meeting, published, counts.get(meeting.id) ?? 0, actions.today())
    const moveChoices = actions.choices(published, counts, meeting.forum, meeting.id)
    const forumWaiting = waiting.filter((item) => item.forum === meeting.forum)
    // A message is shown beside its case's row; a case another officer has meanwhile taken off the list is pointed to by its list.
    const shown = (id: number, items: MeetingCase[]) => items.some((item) => item.id === id)
    const errorList = Object.entries(errors).map(([key, text]) => {
      const [, action, id] = /^(assign|move|remove)-(\d+)$/.exec(key) ?? []
      const items = action === 'assign' ? forumWaiting : cases
      return { text, href: action && !shown(Number(id), items) ? `#${action === 'assign' ? 'waiting' : 'cases'}` : `#${key}` }
    })
    return sendPage(
      reply,
      'meeting.njk',
      {
        title: `${view.forumName}: ${view.date}`,
        backLink: { href: '/workspace/meetings', text: 'Back to forum meetings' },
        errors,
        errorList,
        ...(options.banner ? { banner: { text: options.banner, success: true } } : {}),
        meeting: view,
        canWork: can(request.officer, 'work'),
        canMove: moveChoices.length > 0,
        cases: cases.map((item) => ({
          ...caseView(item, published),
          closed: item.status === 'plan-issued',
          moveItems: actions.choiceItems(moveChoices, counts, options.moveTo?.[item.id]),
        })),
        waiting: forumWaiting.map((item) => caseView(item, published)),
      },
      Object.keys(errors).length ? 400 : 200,
    )
  }

  /** The published meeting the address names, or the 404 page sent. */
  const meetingOf = async (request: FastifyRequest<{ Params: MeetingParams }>, reply: FastifyReply) => {
    const published = await actions.published()
    const meeting = published.byId.get(request.params.id)
    if (!meeting) await errorPage(reply, 404)
    return meeting && { meeting, published }
  }

  app.get<{ Params: MeetingParams; Querystring: DoneQuery }>('/meetings/:id', { schema: { ...withMeeting.schema, querystring: routeSchema(doneQuery) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const found = await meetingOf(request, reply)
    if (!found) return reply
    return showMeeting(request, reply, found.meeting, found.published, { banner: DONE_BANNERS.get(request.query.done ?? '') })
  })

  /** The forum case a meeting form names, once the officer may work; otherwise the answer (403, 404) has been sent. */
  const caseFor = async (request: FastifyRequest<{ Params: MeetingParams; Body: CaseForm }>, reply: FastifyReply) => {
    if (!(await requirePermission(request, reply, 'work'))) return undefined
    const found = await meetingOf(request, reply)
    if (!found) return undefined
    const id = request.body.submission ?? ''
    const submission = /^[0-9]{1,15}$/.test(id) ? await store.submission(Number(id)) : undefined
    if (!submission || submission.kind !== 'forum-case') {
      await errorPage(reply, 404)
      return undefined
    }
    return { ...found, submission }
  }

  const backToMeeting = (reply: FastifyReply, meeting: ForumMeeting, done: string) => reply.redirect(`/workspace/meetings/${meeting.id}?done=${done}`, 303)

  app.post<{ Params: MeetingParams; Body: CaseForm }>('/meetings/:id/assign', { schema: { ...withMeeting.schema, body: routeSchema(caseForm) } }, async (request, reply) => {
    const found = await caseFor(request, reply)
    if (!found) return reply
    const { meeting, published, submission } = found
    const change = await actions.assign(request, submission, meeting.id, published)
    if ('problem' in change) return showMeeting(request, reply, meeting, published, { errors: { [`assign-${submission.id}`]: change.problem } })
    return backToMeeting(reply, meeting, 'assigned')
  })

  app.post<{ Params: MeetingParams; Body: MoveForm }>('/meetings/:id/move', { schema: { ...withMeeting.schema, body: routeSchema(moveForm) } }, async (request, reply) => {
    const found = await caseFor(request, reply)
    if (!found) return reply
    const { meeting, published, submission } = found
    const to = request.body.to ?? ''
    const change = await actions.assign(request, submission, to, published)
    if ('problem' in change) return showMeeting(request, reply, meeting, published, { errors: { [`move-${submission.id}`]: change.problem }, moveTo: { [submission.id]: to } })
    return backToMeeting(reply, meeting, 'moved')
  })

  app.post<{ Params: MeetingParams; Body: CaseForm }>('/meetings/:id/remove', { schema: { ...withMeeting.schema, body: routeSchema(caseForm) } }, async (request, reply) => {
    const found = await caseFor(request, reply)
    if (!found) return reply
    const { meeting, published, submission } = found
    const result = await store.meetings.unassign(submission.id, meeting.id, area.now().toISOString())
    if ('refused' in result) {
      const problem = result.refused === 'closed' ? 'This case is closed: its education plan has been issued' : `${submission.reference} is not at this meeting: it may have been moved or removed`
      return showMeeting(request, reply, meeting, published, { errors: { [`remove-${submission.id}`]: problem } })
    }
    await audit(request, `Removed from forum meeting ${result.from}`, submission.reference)
    return backToMeeting(reply, meeting, 'removed')
  })

  app.get<{ Params: MeetingParams }>('/meetings/:id/agenda', withMeeting, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const found = await meetingOf(request, reply)
    if (!found) return reply
    const { meeting, published } = found
    const [counts, cases] = await Promise.all([store.meetings.caseCounts(), store.meetings.casesAt(meeting.id)])
    const details = await Promise.all(cases.map((item) => store.submission(item.id)))
    // The agenda can name children: who printed or read it, and when, by the meeting it is for,
    // and by each case it named, so that a search of the log by a case's reference finds it.
    await audit(request, 'Viewed forum meeting agenda', meeting.id)
    const shown = details.flatMap((submission) => (submission ? [{ submission, payload: forumCasePayload(submission) }] : []))
    for (const { submission, payload } of shown) {
      if (agendaNames(payload)) await audit(request, 'Viewed case on an agenda', submission.reference)
    }
    const view = meetingView(meeting, published, counts.get(meeting.id) ?? 0, actions.today())
    return sendPage(reply, 'meeting-agenda.njk', {
      title: `Agenda: ${view.forumName}, ${view.date}`,
      backLink: { href: view.href, text: 'Back to the meeting' },
      meeting: view,
      cases: shown.map(({ submission, payload }) => {
        return {
          reference: submission.reference,
          settingName: submission.settingName,
          caseType: caseTypeText(payload.caseType),
          name: agendaName(payload),
          yearGroup: yearGroupText(payload.yearGroup),
          criteria: criteriaCovered(payload),
        }
      }),
    })
  })
}
