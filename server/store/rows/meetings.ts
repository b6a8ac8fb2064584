import type { Assigning, MeetingAssignment, MeetingCase, MeetingSlots, Unassigning } from '../meetings-store'
import { identified, knownStatus } from './core'
import type { Row } from './row'

/**
 * The meeting lists' columns, with the three the payload carries (forum, case_type,
 * preferred_meeting) read out of it in SQL by each database's own JSON function, and the
 * case's assignment joined as m.
 */
export const meetingCaseColumns = (fromPayload: (key: string) => string) => `
  SELECT s.id, s.received_at, s.status, st.name AS setting_name, m.meeting_id,
    ${fromPayload('forum')} AS forum, ${fromPayload('caseType')} AS case_type, ${fromPayload('preferredMeeting')} AS preferred_meeting
  FROM submissions s JOIN settings st ON st.id = s.setting_id LEFT JOIN meeting_assignments m ON m.submission_id = s.id`

/** Open forum cases without a meeting, oldest first: the (kind, received_at) index gives that order. */
export const WAITING = `WHERE s.kind = 'forum-case' AND s.closed_at IS NULL AND m.submission_id IS NULL ORDER BY s.received_at, s.id`

export const CASE_COUNTS = 'SELECT meeting_id, COUNT(*) AS cases FROM meeting_assignments GROUP BY meeting_id'

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

export function toMeetingCase(row: Row): MeetingCase {
  const item: MeetingCase = { ...identified(row), settingName: String(row.setting_name), receivedAt: String(row.received_at), status: knownStatus(row.status) }
  const optional = { forum: text(row.forum), caseType: text(row.case_type), preferredMeeting: text(row.preferred_meeting), meetingId: text(row.meeting_id) }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) item[key as keyof typeof optional] = value
  return item
}

export function toMeetingAssignment(row: Row): MeetingAssignment {
  return {
    submissionId: Number(row.submission_id),
    meetingId: String(row.meeting_id),
    assignedAt: String(row.assigned_at),
    assignedById: String(row.assigned_by_id),
    assignedByName: String(row.assigned_by_name),
  }
}

export function toCaseCounts(rows: Row[]): Map<string, number> {
  return new Map(rows.map((row) => [String(row.meeting_id), Number(row.cases)]))
}

/** Why a case cannot be changed at all: it is not there, not a forum case, or closed (plan issued, or closed for retention). */
function unchangeable(submission: Row | undefined): 'not-found' | 'not-a-forum-case' | 'closed' | undefined {
  if (!submission) return 'not-found'
  if (submission.kind !== 'forum-case') return 'not-a-forum-case'
  if (submission.closed_at) return 'closed'
  return undefined
}

/**
 * What assigning comes to, from what the write's transaction read: the submission (kind,
 * closed_at), the meeting it is at now, and how many cases the meeting has. Both stores decide by it.
 */
export function assigning(submission: Row | undefined, current: string | undefined, meeting: MeetingSlots, taken: number): Assigning {
  const refused = unchangeable(submission)
  if (refused) return { refused }
  if (current === meeting.id) return { outcome: 'unchanged' }
  if (taken >= meeting.slots) return { refused: 'full' }
  return current === undefined ? { outcome: 'assigned' } : { outcome: 'moved', from: current }
}

/** What taking a case off a meeting comes to, as assigning does. */
export function unassigning(submission: Row | undefined, current: string | undefined, meetingId: string): Unassigning {
  const refused = unchangeable(submission)
  if (refused) return { refused }
  return current === meetingId ? { outcome: 'removed', from: current } : { refused: 'not-assigned' }
}
