import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, meetingCalendar, meetingCalendarFileName } from '../../../src/domain/meeting-calendar'
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

describe('meetingCalendarFileName', () => {
  it('names the calendar file by the meeting’s date', () => {
    expect(meetingCalendarFileName(WINTER)).toBe('forum-meeting-2027-01-12.ics')
  })
})
