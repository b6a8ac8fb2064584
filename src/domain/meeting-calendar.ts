import type { ForumMeeting } from './content-schema'
import { addDaysToIsoDate, formatLongDate, parseIsoDate } from './dates'
import type { ForumId } from './forums'
import type { AssignedMeeting } from './submissions'

/**
 * Forum meetings on the calendar: which are still to come, how a meeting reads, a case's
 * preferred meeting, and the calendar file (.ics) a device makes for the meeting its case is
 * heard at. Only types come from the content schema, so a page that shows meetings does not
 * download the schema's validator with them.
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

/** The meetings of a forum on or after today (the device's local date), in date order. */
export function upcomingMeetings(meetings: readonly ForumMeeting[] | undefined, forum: ForumId, today: string): ForumMeeting[] {
  return (meetings ?? [])
    .filter((meeting) => meeting.forum === forum && meeting.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
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

/** The name of the calendar file for a meeting: forum-meeting-2027-01-12.ics. */
export function meetingCalendarFileName(meeting: Pick<Meeting, 'date'>): string {
  return `forum-meeting-${meeting.date}.ics`
}

const CRLF = '\r\n'

// The UK's clocks since 1996 (EU rules): BST from 01:00 GMT on the last Sunday in March, GMT
// from 02:00 BST on the last Sunday in October. Each onset's DTSTART is local time before the change.
const EUROPE_LONDON = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r\n|\r|\n/g, '\\n')
}

const encoder = new TextEncoder()

/**
 * A content line folded at 75 octets (RFC 5545 3.1): each further line starts with a space,
 * which counts towards its 75. A character is never split across lines (UTF-8 is multi-octet).
 */
export function foldLine(line: string): string {
  const lines: string[] = []
  let current = ''
  let length = 0
  for (const character of line) {
    const size = encoder.encode(character).length
    if (length + size > 75) {
      lines.push(current)
      current = ' '
      length = 1
    }
    current += character
    length += size
  }
  lines.push(current)
  return lines.join(CRLF)
}

/** 2027-01-12 and 13:30 as 20270112T133000: local time in the zone the property names. */
const localDateTime = (isoDate: string, time: string) => `${isoDate.replaceAll('-', '')}T${time.replace(':', '')}00`

/** A moment in UTC: 20261202T133000Z. */
const utcDateTime = (moment: Date) => `${moment.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`

/**
 * The end of a meeting: its own, or one hour after its start when the service published none.
 * A calendar event without an end is a moment, which calendars show as easy to miss; an hour
 * is a stand-in, not a fact about the meeting, and the user can change it in their calendar.
 */
function endOf(meeting: Pick<Meeting, 'date' | 'start' | 'end'>): { date: string; time: string } {
  if (meeting.end) return { date: meeting.date, time: meeting.end }
  const [hours, minutes] = meeting.start.split(':').map(Number) as [number, number]
  const next = hours + 1
  // A meeting starting at 23:xx ends the next day.
  return next < 24
    ? { date: meeting.date, time: `${String(next).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` }
    : { date: addDaysToIsoDate(meeting.date, 1), time: `00:${String(minutes).padStart(2, '0')}` }
}

export interface MeetingCalendarEvent {
  meeting: Meeting
  /** The forum's name as the content gives it ("Primary inclusion forum"). */
  forumName: string
  /** The case's reference from the Inclusion Service (IC-000001). */
  reference: string
  /** When the file is made (its DTSTAMP). */
  now: Date
}

/**
 * The calendar file (RFC 5545) for the meeting a case is heard at: when and where, the forum
 * and the case's reference only, never the child's name or anything else personal, since a
 * calendar is shared and synced beyond the device. Times are UK local time (Europe/London,
 * with its summer time rules included), whatever zone the device is set to.
 */
export function meetingCalendar({ meeting, forumName, reference, now }: MeetingCalendarEvent): string {
  const end = endOf(meeting)
  const description = [meeting.area && `Area: ${meeting.area}`, meeting.place && meeting.online && 'Also held online'].filter(Boolean).join('\n')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Inclusion Companion//Forum meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...EUROPE_LONDON,
    'BEGIN:VEVENT',
    `UID:${meeting.id}-${reference}@inclusion-companion`,
    `DTSTAMP:${utcDateTime(now)}`,
    `DTSTART;TZID=Europe/London:${localDateTime(meeting.date, meeting.start)}`,
    `DTEND;TZID=Europe/London:${localDateTime(end.date, end.time)}`,
    `SUMMARY:${escapeText(`${forumName}: case ${reference}`)}`,
    `LOCATION:${escapeText(meeting.place ?? 'Online')}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join(CRLF) + CRLF
}
