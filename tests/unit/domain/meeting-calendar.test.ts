import { describe, expect, it } from 'vitest'
import type { ForumMeeting } from '../../../src/domain/content-schema'
import {
  clockTime,
  escapeText,
  foldLine,
  meetingCalendar,
  meetingCalendarFileName,
  meetingDay,
  meetingPlace,
  meetingTime,
  preferredMeetingSent,
  upcomingMeetings,
} from '../../../src/domain/meeting-calendar'
import type { AssignedMeeting } from '../../../src/domain/submissions'

// Test data only: meetings, places and references made up for these tests.
const WINTER: AssignedMeeting = { id: 'primary-2027-01-12', forum: 'primary', area: 'North', date: '2027-01-12', start: '13:30', end: '15:00', place: 'Room 2, County Hall', online: false }
const NOW = new Date(Date.UTC(2026, 11, 2, 13, 30, 5))

/** The file's lines, unfolded and split at CRLF only: each line is checked as written. */
const linesOf = (file: string) => file.split('\r\n')

describe('meetingCalendar', () => {
  it('writes the whole calendar for a winter meeting, CRLF after every line', () => {
    expect(meetingCalendar({ meeting: WINTER, forumName: 'Primary inclusion forum', reference: 'IC-000001', now: NOW })).toBe(
      'BEGIN:VCALENDAR\r\n' +
        'VERSION:2.0\r\n' +
        'PRODID:-//Inclusion Companion//Forum meetings//EN\r\n' +
        'CALSCALE:GREGORIAN\r\n' +
        'METHOD:PUBLISH\r\n' +
        'BEGIN:VTIMEZONE\r\n' +
        'TZID:Europe/London\r\n' +
        'BEGIN:DAYLIGHT\r\n' +
        'TZOFFSETFROM:+0000\r\n' +
        'TZOFFSETTO:+0100\r\n' +
        'TZNAME:BST\r\n' +
        'DTSTART:19700329T010000\r\n' +
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n' +
        'END:DAYLIGHT\r\n' +
        'BEGIN:STANDARD\r\n' +
        'TZOFFSETFROM:+0100\r\n' +
        'TZOFFSETTO:+0000\r\n' +
        'TZNAME:GMT\r\n' +
        'DTSTART:19701025T020000\r\n' +
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n' +
        'END:STANDARD\r\n' +
        'END:VTIMEZONE\r\n' +
        'BEGIN:VEVENT\r\n' +
        'UID:primary-2027-01-12-IC-000001@inclusion-companion\r\n' +
        'DTSTAMP:20261202T133005Z\r\n' +
        'DTSTART;TZID=Europe/London:20270112T133000\r\n' +
        'DTEND;TZID=Europe/London:20270112T150000\r\n' +
        'SUMMARY:Primary inclusion forum: case IC-000001\r\n' +
        'LOCATION:Room 2\\, County Hall\r\n' +
        'DESCRIPTION:Area: North\r\n' +
        'END:VEVENT\r\n' +
        'END:VCALENDAR\r\n',
    )
  })

  /** The event's lines for the case IC-000002 at the winter meeting with `changes`. */
  const event = (changes: Partial<AssignedMeeting>, forumName: string) => {
    const lines = linesOf(meetingCalendar({ meeting: { ...WINTER, ...changes }, forumName, reference: 'IC-000002', now: NOW }))
    return lines.slice(lines.indexOf('BEGIN:VEVENT') + 1, lines.indexOf('END:VEVENT'))
  }

  it.each<[string, Partial<AssignedMeeting>, string, string[]]>([
    [
      'a summer (BST) meeting: local UK time, the zone’s rules give the offset',
      { id: 'secondary-2027-06-15', forum: 'secondary', area: undefined, date: '2027-06-15', start: '09:30', end: '11:00' },
      'Secondary inclusion forum',
      [
        'UID:secondary-2027-06-15-IC-000002@inclusion-companion',
        'DTSTAMP:20261202T133005Z',
        'DTSTART;TZID=Europe/London:20270615T093000',
        'DTEND;TZID=Europe/London:20270615T110000',
        'SUMMARY:Secondary inclusion forum: case IC-000002',
        'LOCATION:Room 2\\, County Hall',
      ],
    ],
    [
      'no end time: one hour after the start',
      { end: undefined },
      'Primary inclusion forum',
      [
        'UID:primary-2027-01-12-IC-000002@inclusion-companion',
        'DTSTAMP:20261202T133005Z',
        'DTSTART;TZID=Europe/London:20270112T133000',
        'DTEND;TZID=Europe/London:20270112T143000',
        'SUMMARY:Primary inclusion forum: case IC-000002',
        'LOCATION:Room 2\\, County Hall',
        'DESCRIPTION:Area: North',
      ],
    ],
    [
      'no end time, starting in the last hour of the day: ends the next day',
      { id: 'primary-2027-03-31', date: '2027-03-31', start: '23:15', end: undefined, area: undefined },
      'Primary inclusion forum',
      [
        'UID:primary-2027-03-31-IC-000002@inclusion-companion',
        'DTSTAMP:20261202T133005Z',
        'DTSTART;TZID=Europe/London:20270331T231500',
        'DTEND;TZID=Europe/London:20270401T001500',
        'SUMMARY:Primary inclusion forum: case IC-000002',
        'LOCATION:Room 2\\, County Hall',
      ],
    ],
    [
      'online only, no area',
      { place: undefined, online: true, area: undefined },
      'Primary inclusion forum',
      [
        'UID:primary-2027-01-12-IC-000002@inclusion-companion',
        'DTSTAMP:20261202T133005Z',
        'DTSTART;TZID=Europe/London:20270112T133000',
        'DTEND;TZID=Europe/London:20270112T150000',
        'SUMMARY:Primary inclusion forum: case IC-000002',
        'LOCATION:Online',
      ],
    ],
    [
      'a place and online: the description’s two lines, and the place’s semicolon, escaped',
      { id: 'early-years-2027-01-12', forum: 'early-years', place: 'Hall; side door', online: true, area: 'South' },
      'Early years inclusion forum',
      [
        'UID:early-years-2027-01-12-IC-000002@inclusion-companion',
        'DTSTAMP:20261202T133005Z',
        'DTSTART;TZID=Europe/London:20270112T133000',
        'DTEND;TZID=Europe/London:20270112T150000',
        'SUMMARY:Early years inclusion forum: case IC-000002',
        'LOCATION:Hall\\; side door',
        'DESCRIPTION:Area: South\\nAlso held online',
      ],
    ],
    [
      'a forum name with a comma, the summary folded at 75 octets',
      { id: 'post-16-2027-01-12', forum: 'post-16', area: undefined },
      'Post 16 education, employment and training (EET) forum',
      [
        'UID:post-16-2027-01-12-IC-000002@inclusion-companion',
        'DTSTAMP:20261202T133005Z',
        'DTSTART;TZID=Europe/London:20270112T133000',
        'DTEND;TZID=Europe/London:20270112T150000',
        'SUMMARY:Post 16 education\\, employment and training (EET) forum: case IC-00',
        ' 0002',
        'LOCATION:Room 2\\, County Hall',
      ],
    ],
  ])('%s', (_name, changes, forumName, expected) => {
    expect(event(changes, forumName)).toEqual(expected)
  })

  it('carries nothing about the case but its reference', () => {
    const file = meetingCalendar({ meeting: WINTER, forumName: 'Primary inclusion forum', reference: 'IC-000001', now: NOW })
    const properties = linesOf(file).filter((line) => line && !line.startsWith(' ')).map((line) => line.split(/[:;]/)[0])
    expect([...new Set(properties)]).toEqual([
      'BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'TZID', 'TZOFFSETFROM', 'TZOFFSETTO', 'TZNAME', 'DTSTART', 'RRULE', 'END',
      'UID', 'DTSTAMP', 'DTEND', 'SUMMARY', 'LOCATION', 'DESCRIPTION',
    ])
  })

  it('never writes a line longer than 75 octets, and unfolds to what it folded', () => {
    const place = 'Ffordd Glyndŵr ✓ '.repeat(12)
    const file = meetingCalendar({ meeting: { ...WINTER, place }, forumName: 'Primary inclusion forum', reference: 'IC-000001', now: NOW })
    expect(linesOf(file).every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true)
    expect(linesOf(file.replaceAll('\r\n ', ''))).toContain(`LOCATION:${place}`)
  })
})

describe('escapeText', () => {
  it.each([
    ['Room 2, County Hall', 'Room 2\\, County Hall'],
    ['Hall; side door', 'Hall\\; side door'],
    ['C:\\meetings', 'C:\\\\meetings'],
    ['Area: North\nAlso held online', 'Area: North\\nAlso held online'],
    ['one\r\ntwo\rthree', 'one\\ntwo\\nthree'],
    ['\\,', '\\\\\\,'],
  ])('%j is written %j', (text, written) => {
    expect(escapeText(text)).toBe(written)
  })
})

describe('foldLine', () => {
  const x = (count: number) => 'x'.repeat(count)

  it.each([
    ['75 octets: one line', x(75), [x(75)]],
    ['76 octets: the 76th on a line of its own, after a space', x(76), [x(75), ' x']],
    ['75 + 74 + 1: each further line is a space and 74 octets', x(150), [x(75), ` ${x(74)}`, ' x']],
    ['a two-octet character that would cross octet 75 starts the next line', `${x(74)}é`, [x(74), ' é']],
    ['a three-octet character ending exactly at octet 75 stays', `${x(72)}✓`, [`${x(72)}✓`]],
  ])('%s', (_name, line, expected) => {
    expect(foldLine(line).split('\r\n')).toEqual(expected)
  })
})

describe('how a meeting reads', () => {
  it.each([
    ['2027-01-12', 'Tuesday 12 January 2027'],
    ['2027-06-15', 'Tuesday 15 June 2027'],
    ['2028-02-29', 'Tuesday 29 February 2028'],
    ['2026-12-06', 'Sunday 6 December 2026'],
  ])('%s is %s', (date, words) => {
    expect(meetingDay(date)).toBe(words)
  })

  it.each([
    ['13:30', '1:30pm'],
    ['09:00', '9am'],
    ['12:00', 'midday'],
    ['00:00', 'midnight'],
    ['12:45', '12:45pm'],
    ['00:05', '12:05am'],
    ['23:59', '11:59pm'],
  ])('%s is %s', (time, words) => {
    expect(clockTime(time)).toBe(words)
  })

  it.each<[Partial<AssignedMeeting>, string, string]>([
    [{ start: '13:30', end: '15:00' }, '1:30pm to 3pm', 'Room 2, County Hall'],
    [{ start: '09:30', end: undefined }, '9:30am', 'Room 2, County Hall'],
    [{ place: undefined, online: true }, '1:30pm to 3pm', 'Online'],
    [{ online: true }, '1:30pm to 3pm', 'Room 2, County Hall, or online'],
  ])('%j: %s, %s', (changes, time, place) => {
    const meeting = { ...WINTER, ...changes }
    expect(meetingTime(meeting)).toBe(time)
    expect(meetingPlace(meeting)).toBe(place)
  })

  it('names its calendar file by its date', () => {
    expect(meetingCalendarFileName(WINTER)).toBe('forum-meeting-2027-01-12.ics')
  })
})

// Test data only.
const published = (id: string, forum: ForumMeeting['forum'], date: string, start = '13:30'): ForumMeeting => ({ id, forum, date, start, online: true, slots: 6 })
const MEETINGS = [
  published('primary-feb', 'primary', '2027-02-09'),
  published('secondary-jan', 'secondary', '2027-01-14'),
  published('primary-jan-late', 'primary', '2027-01-12', '15:30'),
  published('primary-dec', 'primary', '2026-12-08'),
  published('primary-jan', 'primary', '2027-01-12', '09:30'),
]

describe('upcomingMeetings', () => {
  it.each([
    ['primary', '2027-01-05', ['primary-jan', 'primary-jan-late', 'primary-feb']],
    ['primary', '2027-01-12', ['primary-jan', 'primary-jan-late', 'primary-feb']],
    ['primary', '2027-01-13', ['primary-feb']],
    ['primary', '2027-02-10', []],
    ['secondary', '2026-12-01', ['secondary-jan']],
    ['post-16', '2026-12-01', []],
  ] as const)('%s from %s', (forum, today, ids) => {
    expect(upcomingMeetings(MEETINGS, forum, today).map((meeting) => meeting.id)).toEqual(ids)
  })

  it('has none when the content has no meetings', () => {
    expect(upcomingMeetings(undefined, 'primary', '2027-01-05')).toEqual([])
  })
})

describe('preferredMeetingSent', () => {
  it.each<[string, string | undefined, string, unknown]>([
    ['no preference sends nothing', undefined, '2027-01-05', { ok: true }],
    ['no preference, as the form keeps it', '', '2027-01-05', { ok: true }],
    ['the next meeting', 'next', '2027-01-05', { ok: true, sent: 'next' }],
    ['a meeting still to come', 'primary-feb', '2027-01-05', { ok: true, sent: 'primary-feb' }],
    ['a meeting today', 'primary-jan', '2027-01-12', { ok: true, sent: 'primary-jan' }],
    [
      'a meeting that has passed',
      'primary-jan',
      '2027-01-13',
      { ok: false, message: 'The meeting on Tuesday 12 January 2027 has passed – choose another meeting, the next meeting or no preference' },
    ],
    [
      'a meeting no longer in the content',
      'primary-mar',
      '2027-01-05',
      { ok: false, message: 'The meeting you chose is no longer published – choose another meeting, the next meeting or no preference' },
    ],
    [
      'a meeting of another forum',
      'secondary-jan',
      '2027-01-05',
      { ok: false, message: 'The meeting you chose is for another forum – choose another meeting, the next meeting or no preference' },
    ],
  ])('%s', (_name, choice, today, expected) => {
    expect(preferredMeetingSent(choice, MEETINGS, 'primary', today)).toEqual(expected)
  })
})
