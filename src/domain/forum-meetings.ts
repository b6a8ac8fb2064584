import type { Content, ForumMeeting } from './content-schema'
import { compareIsoText, formatLongDate, parseIsoDate } from './dates'
import type { ForumId } from './forums'
import type { AssignedMeeting } from './submissions'

/**
 * Forum meetings: their order, which are still to come, how a meeting reads, and a case's
 * preferred meeting. Only types come from the content schema, so a page that shows meetings
 * does not download the schema's validator with them.
 */

/** When and where: what a published meeting (ForumMeeting) and one assigned to a case both have. */
type Meeting = AssignedMeeting

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** "Tuesday 12 January 2027". */
export function meetingDay(isoDate: string): string {
  const date = parseIsoDate(isoDate)
  if (!date) return isoDate
  return `${WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]} ${formatLongDate(date)}`
}

/** "1:30pm", "9am", "midday": times as the GOV.UK style guide writes them. */
export function clockTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  if (minutes === 0 && hours === 12) return 'midday'
  if (minutes === 0 && hours === 0) return 'midnight'
  const hour = hours % 12 === 0 ? 12 : hours % 12
  return `${hour}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}${hours < 12 ? 'am' : 'pm'}`
}

/** "1:30pm to 3pm", or the start alone when no end is published. */
export function meetingTime(meeting: Pick<Meeting, 'start' | 'end'>): string {
  return meeting.end ? `${clockTime(meeting.start)} to ${clockTime(meeting.end)}` : clockTime(meeting.start)
}

/** Where it meets: the place, "Online", or both. */
export function meetingPlace(meeting: Pick<Meeting, 'place' | 'online'>): string {
  if (meeting.place) return meeting.online ? `${meeting.place}, or online` : meeting.place
  return 'Online'
}

/** The meetings of any content, in date order: versions published before meetings were content have none. */
export function forumMeetingsOf(content: Pick<Content, 'forumMeetings'> | undefined): ForumMeeting[] {
  return [...(content?.forumMeetings ?? [])].sort((a, b) => compareIsoText(a.date, b.date) || compareIsoText(a.start, b.start))
}

/** The meetings of a forum on or after today (the device's local date), in date order. */
export function upcomingMeetings(meetings: readonly ForumMeeting[] | undefined, forum: ForumId, today: string): ForumMeeting[] {
  return forumMeetingsOf({ forumMeetings: meetings?.filter((meeting) => meeting.forum === forum && meeting.date >= today) ?? [] })
}

/** A case's preferred meeting as the draft keeps it: none, the next meeting, or a meeting's id. */
export const NO_PREFERENCE = ''
export const NEXT_MEETING = 'next'

const CHOOSE_AGAIN = 'choose another meeting, the next meeting or no preference'

/**
 * What a case sends for its preferred meeting (nothing for no preference), or why it cannot:
 * a meeting chosen earlier may have passed, or been taken out of the content, or belong to
 * another forum since the case's forum was changed. A meeting that has passed is never sent.
 */
export function preferredMeetingSent(
  choice: string | undefined,
  meetings: readonly ForumMeeting[] | undefined,
  forum: ForumId | '',
  today: string,
): { ok: true; sent?: string } | { ok: false; message: string } {
  if (!choice) return { ok: true }
  if (choice === NEXT_MEETING) return { ok: true, sent: NEXT_MEETING }
  const meeting = meetings?.find((each) => each.id === choice)
  if (!meeting) return { ok: false, message: `The meeting you chose is no longer published – ${CHOOSE_AGAIN}` }
  if (meeting.date < today) return { ok: false, message: `The meeting on ${meetingDay(meeting.date)} has passed – ${CHOOSE_AGAIN}` }
  if (meeting.forum !== forum) return { ok: false, message: `The meeting you chose is for another forum – ${CHOOSE_AGAIN}` }
  return { ok: true, sent: meeting.id }
}

