import { forumMeetingsOf } from '../../src/domain/forum-meetings'
import { checkContent, type ForumMeeting } from '../../src/domain/content-schema'
import type { AssignedMeeting, SubmissionStatus } from '../../src/domain/submissions'
import type { RecordingOfficer } from './cases-store'
import type { ContentStore } from './content-store'

/**
 * Which forum meeting each forum case is assigned to. Meetings are content (published with
 * the rest, read by devices offline); the store keeps only the assignments, by meeting id,
 * and is told a meeting's date and number of slots when a case is assigned to it.
 */

/** What assigning needs of a published meeting: its capacity, and the date the device is told. */
export type MeetingSlots = Pick<ForumMeeting, 'id' | 'date' | 'slots'>

export interface MeetingAssignment {
  submissionId: number
  meetingId: string
  assignedAt: string
  assignedById: string
  /** The officer's name when they assigned it. */
  assignedByName: string
}

/** A forum case as the meeting pages list it: no names, only what the setting chose when it sent the case. */
export interface MeetingCase {
  id: number
  reference: string
  settingName: string
  receivedAt: string
  status: SubmissionStatus
  /** From the payload, as sent: the forum, named or anonymous, and the meeting it asked for ('next', or a meeting's id). */
  forum?: string
  caseType?: string
  preferredMeeting?: string
  /** The meeting it is assigned to, if any. */
  meetingId?: string
}

export type AssignRefusal = 'not-found' | 'not-a-forum-case' | 'closed' | 'full'
export type Assigning = { outcome: 'assigned' } | { outcome: 'moved'; from: string } | { outcome: 'unchanged' } | { refused: AssignRefusal }
export type Unassigning = { outcome: 'removed'; from: string } | { refused: 'not-found' | 'not-a-forum-case' | 'closed' | 'not-assigned' }

export interface MeetingStore {
  /**
   * Assigns a forum case to a meeting, or moves it there from another. In one transaction,
   * with the meeting's cases counted in it (so that of two officers taking its last slot at
   * once, one is refused as full): the assignment, and the case's status set to "forum date
   * set" with the meeting's date and its updated time, so the device picks it up. A closed
   * case (plan issued, or closed for retention) is refused, and left as it is.
   */
  assign(submissionId: number, meeting: MeetingSlots, officer: RecordingOfficer, at: string): Promise<Assigning>
  /**
   * Takes a case off a meeting: back to "received", its forum date cleared, in one
   * transaction. Only if it is at that meeting: another officer may have moved it meanwhile.
   */
  unassign(submissionId: number, meetingId: string, at: string): Promise<Unassigning>
  assignment(submissionId: number): Promise<MeetingAssignment | undefined>
  /** How many cases each meeting with any has, by meeting id. */
  caseCounts(): Promise<Map<string, number>>
  /**
   * Sets the forum date of each case assigned to one of these meetings to the meeting's date
   * where it differs, with its updated time (so its device is told). Answers how many changed.
   */
  followDates(meetings: readonly { id: string; date: string }[], at: string): Promise<number>
  /** The cases assigned to a meeting, oldest received first. */
  casesAt(meetingId: string): Promise<MeetingCase[]>
  /** Forum cases still open and assigned to no meeting, oldest received first. */
  waiting(): Promise<MeetingCase[]>
}

/** A published meeting as a device is told of it: when and where, not how many slots it has. */
export function assignedMeeting(meeting: ForumMeeting): AssignedMeeting {
  const assigned: AssignedMeeting = { id: meeting.id, forum: meeting.forum, date: meeting.date, start: meeting.start, online: meeting.online }
  if (meeting.area) assigned.area = meeting.area
  if (meeting.end) assigned.end = meeting.end
  if (meeting.place) assigned.place = meeting.place
  return assigned
}

/**
 * The meetings in the newest published version, by id (none when it does not fit the schema,
 * as the workspace reads it too). Devices ask for their statuses often: the content's id
 * alone is read each time, its body only when a newer version is published.
 */
export function publishedMeetings(content: Pick<ContentStore, 'latestContent' | 'latestContentId'>): () => Promise<Map<string, ForumMeeting>> {
  let read: { id: number; meetings: Map<string, ForumMeeting> } | undefined
  return async () => {
    const id = await content.latestContentId()
    if (id === undefined) return new Map()
    if (read?.id !== id) {
      const latest = await content.latestContent()
      if (!latest) return new Map()
      read = { id: latest.id, meetings: new Map(forumMeetingsOf(contentIn(latest.body)).map((meeting) => [meeting.id, meeting])) }
    }
    return read.meetings
  }
}

function contentIn(body: string) {
  try {
    const checked = checkContent(JSON.parse(body))
    return checked.ok ? checked.content : undefined
  } catch {
    return undefined
  }
}
