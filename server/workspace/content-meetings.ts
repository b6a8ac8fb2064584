import { forumMeetingsOf, meetingPlace, meetingTime } from '../../src/domain/forum-meetings'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { type Content, type ForumMeeting } from '../../src/domain/content-schema'
import { parseDateParts, type DatePart } from '../../src/domain/date-input'
import { addDaysToIsoDate, hoursAndMinutes, ukDate } from '../../src/domain/dates'
import { FORUM_IDS, type ForumId } from '../../src/domain/forums'
import { z } from '../../src/domain/zod'
import { draftSaver, GONE, newContentId, workingContent } from './content-draft'
import { field, form, routeSchema } from './form-schema'
import { errorPage, requirePermission, type AreaOptions } from './index'
import { can } from './session'
import { doneMessage, errorSummaryList, longDate, sendPage } from './views'

const AREA_MAX = 100
const PLACE_MAX = 200
const MOST_SLOTS = 60

// Bounds above the page's own limits, so that a little too much typed gets a message beside
// the field and keeps what was typed; far too much is refused outright.
const meetingForm = form({
  forum: field(100), area: field(1_000), 'date-day': field(100), 'date-month': field(100), 'date-year': field(100),
  start: field(100), end: field(100), place: field(2_000), online: field(10), slots: field(100),
})
const emptyForm = form({})
const meetingId = z.object({ id: z.string().regex(/^[a-z0-9-]{1,100}$/) })
type MeetingId = z.infer<typeof meetingId>
type Typed = Record<string, string>

/** What a confirmation banner says; a Map, so `?done=constructor` finds nothing. */
const DONE = new Map([
  ['added', 'Meeting added to the draft'],
  ['changed', 'Meeting changed in the draft'],
  ['removed', 'Meeting removed from the draft'],
])

/** A form's messages by the id of the field each belongs beside, and the date boxes marked. */
interface Problems {
  errors: Record<string, string>
  dateParts: DatePart[]
}

/** What was typed in the form's fields, '' for each left out: shown again with the messages. */
function typedIn(body: Record<string, string | undefined>): Typed {
  return Object.fromEntries(Object.keys(meetingForm.shape).filter((key) => key !== '_csrf').map((key) => [key, body[key] ?? '']))
}

/** The form's values for a meeting: what the officer sees when changing it. */
function typedOf(meeting: ForumMeeting): Typed {
  const [year, month, day] = meeting.date.split('-').map((part) => String(Number(part)))
  return {
    forum: meeting.forum, area: meeting.area ?? '', 'date-day': day!, 'date-month': month!, 'date-year': year!,
    start: meeting.start, end: meeting.end ?? '', place: meeting.place ?? '', online: meeting.online ? 'yes' : '', slots: String(meeting.slots),
  }
}

/**
 * A time as typed, on the 24-hour clock ("13:30"): "9:30", "9.30", "1:30pm" and "1pm" are
 * read too, since officers copy times from letters; a bare "13" could be a number of hours, so it is not.
 */
export function timeFromTyped(typed: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m\.?)?$/i.exec(typed.trim())
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined
  const [minute, suffix] = [Number(match[2] ?? 0), match[3]?.toLowerCase()]
  let hour = Number(match[1])
  if (minute > 59) return undefined
  if (suffix) {
    if (hour < 1 || hour > 12) return undefined
    hour = (hour % 12) + (suffix === 'p' ? 12 : 0)
  } else if (hour > 23) return undefined
  return hoursAndMinutes(hour, minute)
}

/**
 * The meeting the form describes, or what to say beside each field. `today` is the UK date:
 * a new date must not have passed. `keptDate` is the date of the meeting being changed, which
 * may have passed (correcting a past meeting's place keeps its date).
 */
function meetingFrom(typed: Typed, today: string, keptDate?: string): { meeting: Omit<ForumMeeting, 'id'> } | { problems: Problems } {
  const errors: Record<string, string> = {}
  let dateParts: DatePart[] = []

  const forum = FORUM_IDS.find((candidate) => candidate === typed.forum)
  if (!forum) errors.forum = 'Select the forum'
  const area = typed.area!.trim()
  if (area.length > AREA_MAX) errors.area = `The area must be ${AREA_MAX} characters or fewer`

  const date = parseDateParts({ day: typed['date-day']!, month: typed['date-month']!, year: typed['date-year']! }, 'The date of the meeting')
  if (date.kind === 'empty') [errors['date-day'], dateParts] = ['Enter the date of the meeting', ['day', 'month', 'year']]
  else if (date.kind === 'error') [errors[date.parts[0] === 'day' ? 'date-day' : `date-${date.parts[0]}`], dateParts] = [date.message, date.parts]
  else if (date.iso < today && date.iso !== keptDate) [errors['date-day'], dateParts] = ['The date must be today or in the future', ['day', 'month', 'year']]

  const start = timeFromTyped(typed.start!)
  if (!typed.start!.trim()) errors.start = 'Enter the start time, like 13:30'
  else if (!start) errors.start = 'Enter the start time on the 24-hour clock, like 13:30'
  const end = typed.end!.trim() ? timeFromTyped(typed.end!) : undefined
  if (typed.end!.trim() && !end) errors.end = 'Enter the end time on the 24-hour clock, like 15:30, or leave it empty'
  else if (start && end && end <= start) errors.end = 'The end time must be after the start time'

  const place = typed.place!.trim()
  const online = typed.online === 'yes'
  if (place.length > PLACE_MAX) errors.place = `The place must be ${PLACE_MAX} characters or fewer`
  else if (!place && !online) errors.place = 'Enter where the meeting is held, or select Online'

  const slotsTyped = typed.slots!.trim()
  const slots = /^\d{1,3}$/.test(slotsTyped) ? Number(slotsTyped) : undefined
  if (!slotsTyped) errors.slots = 'Enter the number of case slots'
  else if (slots === undefined || slots < 1 || slots > MOST_SLOTS) errors.slots = `The number of case slots must be a whole number from 1 to ${MOST_SLOTS}`

  if (Object.keys(errors).length || !forum || date.kind !== 'date' || !start || slots === undefined) return { problems: { errors, dateParts } }
  // The draft is checked whole with the app's schema when saved (checkedEdit), which these checks follow.
  return { meeting: { forum, ...(area ? { area } : {}), date: date.iso, start, ...(end ? { end } : {}), ...(place ? { place } : {}), online, slots } }
}

/** Meetings kept in date order in the content, as devices list them. */
const inDateOrder = (meetings: ForumMeeting[]) => forumMeetingsOf({ forumMeetings: meetings })

/** A new meeting's id: its forum, date and area ("secondary-2027-01-12"), numbered when taken. */
const newMeetingId = (meeting: Pick<ForumMeeting, 'forum' | 'date' | 'area'>, content: Content) =>
  newContentId([meeting.forum, meeting.date, meeting.area ?? ''].join(' '), forumMeetingsOf(content).map((each) => each.id))

/**
 * Forum meetings (issue 14: forum, area, date and time, place or online, case slots), edited
 * into the shared draft and published with the content, so that devices read them offline.
 * A meeting keeps its id when changed: cases are assigned to meetings by id. Reading needs
 * 'read', editing 'work', as the directory of services.
 */
export const contentMeetingRoutes: FastifyPluginAsync<AreaOptions> = async (app, { store, audit, now }) => {
  const today = () => ukDate(now())
  const forumNames = (content: Content) => new Map<string, string>(content.forums.map((forum) => [forum.id, forum.name]))

  /** A meeting as the pages show it: each of its fields in words. */
  const shown = (meeting: ForumMeeting, names: Map<string, string>) => ({
    ...meeting, day: longDate(meeting.date), time: meetingTime(meeting), where: meetingPlace(meeting), forumName: names.get(meeting.forum) ?? meeting.forum,
  })

  const formPage = async (reply: FastifyReply, meeting: ForumMeeting | undefined, typed: Typed, problems: Problems = { errors: {}, dateParts: [] }, status = 200) => {
    const { content } = await workingContent(store.content)
    const names = forumNames(content)
    // An example a few weeks ahead, as GOV.UK's hints give: a date an officer might type.
    const [year, month, day] = addDaysToIsoDate(today(), 28).split('-').map(Number)
    const heading = meeting ? `Change the meeting on ${longDate(meeting.date)}` : 'Add a forum meeting'
    return sendPage(
      reply,
      'content-meeting.njk',
      {
        title: heading,
        heading,
        action: meeting ? `/workspace/content/meetings/${meeting.id}` : '/workspace/content/meetings/new',
        meeting,
        typed,
        forumItems: FORUM_IDS.map((id) => ({ value: id, text: names.get(id) ?? id, checked: typed.forum === id })),
        dateHint: `For example, ${day} ${month} ${year}`,
        mostSlots: MOST_SLOTS,
        errors: problems.errors,
        dateParts: problems.dateParts,
        errorList: errorSummaryList(problems.errors),
        backLink: { href: '/workspace/content/meetings', text: 'Back to forum meetings' },
      },
      status,
    )
  }

  /** The draft's meeting an address names, or a 404 page. */
  const meetingOf = async (request: FastifyRequest<{ Params: MeetingId }>, reply: FastifyReply) => {
    const meeting = forumMeetingsOf((await workingContent(store.content)).content).find((candidate) => candidate.id === request.params.id)
    if (!meeting) await errorPage(reply, 404)
    return meeting
  }

  const saveEdit = draftSaver({ store, audit, now })
  const hasMeeting = (content: Content, id: string) => forumMeetingsOf(content).some((meeting) => meeting.id === id)

  /** Cases assigned to the meeting: it cannot go while they are, or their settings would keep a meeting no longer published. */
  const assignedTo = async (meeting: ForumMeeting) => (await store.meetings.caseCounts()).get(meeting.id) ?? 0
  const assignedCases = (count: number) => (count === 1 ? '1 case is' : `${count} cases are`)
  const assignedProblem = (count: number) => `${assignedCases(count)} assigned to this meeting: move ${count === 1 ? 'it' : 'them'} to another meeting first`

  app.get('/content/meetings', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'read'))) return reply
    const working = await workingContent(store.content)
    const names = forumNames(working.content)
    const meetings = forumMeetingsOf(working.content).map((meeting) => shown(meeting, names))
    const day = today()
    return sendPage(reply, 'content-meetings.njk', {
      title: 'Forum meetings',
      isDraft: Boolean(working.draft),
      upcoming: meetings.filter((meeting) => meeting.date >= day),
      // The most recent first: the one an officer is likeliest to look back at.
      past: meetings.filter((meeting) => meeting.date < day).reverse(),
      canWork: can(request.officer, 'work'),
      done: doneMessage(request, DONE),
      backLink: { href: '/workspace/content', text: 'Back to content' },
    })
  })

  app.get('/content/meetings/new', async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    return formPage(reply, undefined, typedIn({}))
  })

  app.post<{ Body: Record<string, string | undefined> }>('/content/meetings/new', { schema: { body: routeSchema(meetingForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const typed = typedIn(request.body)
    const read = meetingFrom(typed, today())
    if ('problems' in read) return formPage(reply, undefined, typed, read.problems, 400)
    // The id is worked out on the draft the edit is applied to, in case someone added a meeting with the same one meanwhile.
    let id = ''
    const result = await saveEdit(request, (content) => {
      id = newMeetingId(read.meeting, content)
      return { ...content, forumMeetings: inDateOrder([...forumMeetingsOf(content), { ...read.meeting, id }]) }
    }, () => `forum meeting ${id}`)
    if ('problem' in result) return formPage(reply, undefined, typed, { errors: { forum: result.problem }, dateParts: [] }, 400)
    return reply.redirect('/workspace/content/meetings?done=added', 303)
  })

  app.get<{ Params: MeetingId }>('/content/meetings/:id', { schema: { params: routeSchema(meetingId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const meeting = await meetingOf(request, reply)
    return meeting ? formPage(reply, meeting, typedOf(meeting)) : reply
  })

  app.post<{ Params: MeetingId; Body: Record<string, string | undefined> }>(
    '/content/meetings/:id',
    { schema: { params: routeSchema(meetingId), body: routeSchema(meetingForm) } },
    async (request, reply) => {
      if (!(await requirePermission(request, reply, 'work'))) return reply
      const meeting = await meetingOf(request, reply)
      if (!meeting) return reply
      const typed = typedIn(request.body)
      const read = meetingFrom(typed, today(), meeting.date)
      if ('problems' in read) return formPage(reply, meeting, typed, read.problems, 400)
      const changed: ForumMeeting = { id: meeting.id, ...read.meeting }
      // Cases assigned to it stay at a meeting of their forum, each with its slot (they follow a new date, time or place).
      const assigned = await assignedTo(meeting)
      const kept: Record<string, string> = {}
      if (assigned > 0 && changed.forum !== meeting.forum) kept.forum = `${assignedCases(assigned)} assigned to this meeting: it must stay a meeting of the same forum`
      if (assigned > changed.slots) kept.slots = `${assignedCases(assigned)} assigned to this meeting: it needs at least ${assigned} case slots`
      if (Object.keys(kept).length) return formPage(reply, meeting, typed, { errors: kept, dateParts: [] }, 400)
      const result = await saveEdit(
        request,
        (content) => (hasMeeting(content, changed.id) ? { ...content, forumMeetings: inDateOrder(forumMeetingsOf(content).map((each) => (each.id === changed.id ? changed : each))) } : { problem: GONE }),
        () => `forum meeting ${changed.id}`,
      )
      if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : formPage(reply, meeting, typed, { errors: { forum: result.problem }, dateParts: [] }, 400)
      return reply.redirect('/workspace/content/meetings?done=changed', 303)
    },
  )


  const removePage = async (reply: FastifyReply, meeting: ForumMeeting, problem?: string) =>
    sendPage(
      reply,
      'content-meeting-remove.njk',
      {
        title: `Remove the meeting on ${longDate(meeting.date)}`,
        meeting: shown(meeting, forumNames((await workingContent(store.content)).content)),
        assigned: await assignedTo(meeting),
        errors: problem ? { remove: problem } : {},
        errorList: problem ? [{ text: problem, href: '#remove' }] : [],
        backLink: { href: `/workspace/content/meetings/${meeting.id}`, text: 'Back' },
      },
      problem ? 400 : 200,
    )

  app.get<{ Params: MeetingId }>('/content/meetings/:id/remove', { schema: { params: routeSchema(meetingId) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const meeting = await meetingOf(request, reply)
    return meeting ? removePage(reply, meeting) : reply
  })

  app.post<{ Params: MeetingId }>('/content/meetings/:id/remove', { schema: { params: routeSchema(meetingId), body: routeSchema(emptyForm) } }, async (request, reply) => {
    if (!(await requirePermission(request, reply, 'work'))) return reply
    const meeting = await meetingOf(request, reply)
    if (!meeting) return reply
    const { id } = meeting
    const assigned = await assignedTo(meeting)
    if (assigned > 0) return removePage(reply, meeting, assignedProblem(assigned))
    const result = await saveEdit(
      request,
      // Removed by someone else meanwhile (or the draft discarded): there is no such meeting now.
      (content) => (hasMeeting(content, id) ? { ...content, forumMeetings: forumMeetingsOf(content).filter((each) => each.id !== id) } : { problem: GONE }),
      () => `forum meeting ${id} removed`,
    )
    if ('problem' in result) return result.problem === GONE ? errorPage(reply, 404) : removePage(reply, meeting, result.problem)
    return reply.redirect('/workspace/content/meetings?done=removed', 303)
  })
}
