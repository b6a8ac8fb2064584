import { describe, expect, it } from 'vitest'
import type { ForumMeeting } from '../../../src/domain/content-schema'
import { clockTime, forumMeetingsOf, meetingDay, meetingPlace, meetingTime, preferredMeetingSent, upcomingMeetings } from '../../../src/domain/forum-meetings'
import type { AssignedMeeting } from '../../../src/domain/submissions'

const WINTER: AssignedMeeting = { id: 'primary-2027-01-12', forum: 'primary', area: 'North', date: '2027-01-12', start: '13:30', end: '15:00', place: 'Room 2, County Hall', online: false }

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

describe('forumMeetingsOf', () => {
  it('puts the meetings in date and time order, and gives none for content published before meetings were content', () => {
    const meetings = [published('b', 'primary', '2027-01-12', '15:00'), published('a', 'primary', '2027-01-12', '09:30'), published('c', 'secondary', '2026-12-09')]
    expect(forumMeetingsOf({ forumMeetings: meetings }).map((meeting) => meeting.id)).toEqual(['c', 'a', 'b'])
    expect(forumMeetingsOf({})).toEqual([])
    expect(forumMeetingsOf(undefined)).toEqual([])
  })
})
