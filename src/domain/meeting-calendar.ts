import { addDaysToIsoDate, hoursAndMinutes } from './dates'
import type { AssignedMeeting } from './submissions'

/**
 * The calendar file (.ics) a device makes for the forum meeting its case is heard at.
 */

/** When and where: what a meeting assigned to a case has. */
type Meeting = AssignedMeeting

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
    ? { date: meeting.date, time: hoursAndMinutes(next, minutes) }
    : { date: addDaysToIsoDate(meeting.date, 1), time: hoursAndMinutes(0, minutes) }
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
