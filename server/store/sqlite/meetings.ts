import type Database from 'better-sqlite3'
import type { RecordingOfficer } from '../cases-store'
import type { Assigning, MeetingAssignment, MeetingCase, MeetingSlots, MeetingStore, Unassigning } from '../meetings-store'
import { assigning, CASE_COUNTS, meetingCaseColumns, toCaseCounts, toMeetingAssignment, toMeetingCase, unassigning, WAITING } from '../rows/meetings'
import type { Row } from '../rows/row'

const CASE_COLUMNS = meetingCaseColumns((key) => `json_extract(s.payload, '$.${key}')`)

export class SqliteMeetings implements MeetingStore {
  constructor(private readonly db: Database.Database) {}

  async assign(submissionId: number, meeting: MeetingSlots, officer: RecordingOfficer, at: string): Promise<Assigning> {
    // IMMEDIATE: the write lock is taken before the meeting's cases are counted, so another
    // connection to the file cannot take the last slot between the count and the insert.
    return this.db.transaction((): Assigning => {
      const result = assigning(this.submission(submissionId), this.meetingOf(submissionId), meeting, this.casesCounted(meeting.id))
      if (!('outcome' in result) || result.outcome === 'unchanged') return result
      this.db
        .prepare(
          `INSERT INTO meeting_assignments (submission_id, meeting_id, assigned_at, assigned_by_id, assigned_by_name) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (submission_id) DO UPDATE SET meeting_id = excluded.meeting_id, assigned_at = excluded.assigned_at,
             assigned_by_id = excluded.assigned_by_id, assigned_by_name = excluded.assigned_by_name`,
        )
        .run(submissionId, meeting.id, at, officer.id, officer.displayName)
      this.db.prepare(`UPDATE submissions SET status = 'forum-date-set', forum_date = ?, updated_at = ? WHERE id = ?`).run(meeting.date, at, submissionId)
      return result
    }).immediate()
  }

  async unassign(submissionId: number, meetingId: string, at: string): Promise<Unassigning> {
    return this.db.transaction((): Unassigning => {
      const result = unassigning(this.submission(submissionId), this.meetingOf(submissionId), meetingId)
      if (!('outcome' in result)) return result
      this.db.prepare('DELETE FROM meeting_assignments WHERE submission_id = ?').run(submissionId)
      this.db.prepare(`UPDATE submissions SET status = 'received', forum_date = NULL, updated_at = ? WHERE id = ?`).run(at, submissionId)
      return result
    }).immediate()
  }

  async followDates(meetings: readonly { id: string; date: string }[], at: string): Promise<number> {
    const follow = this.db.prepare(
      `UPDATE submissions SET forum_date = ?, updated_at = ?
       WHERE id IN (SELECT submission_id FROM meeting_assignments WHERE meeting_id = ?) AND forum_date IS NOT ?`,
    )
    return this.db.transaction(() => meetings.reduce((changed, meeting) => changed + follow.run(meeting.date, at, meeting.id, meeting.date).changes, 0))()
  }

  async assignment(submissionId: number): Promise<MeetingAssignment | undefined> {
    const row = this.db.prepare('SELECT * FROM meeting_assignments WHERE submission_id = ?').get(submissionId) as Row | undefined
    return row && toMeetingAssignment(row)
  }

  async caseCounts(): Promise<Map<string, number>> {
    return toCaseCounts(this.db.prepare(CASE_COUNTS).all() as Row[])
  }

  async casesAt(meetingId: string): Promise<MeetingCase[]> {
    return (this.db.prepare(`${CASE_COLUMNS} WHERE m.meeting_id = ? ORDER BY s.received_at, s.id`).all(meetingId) as Row[]).map(toMeetingCase)
  }

  async waiting(): Promise<MeetingCase[]> {
    return (this.db.prepare(`${CASE_COLUMNS} ${WAITING}`).all() as Row[]).map(toMeetingCase)
  }

  private submission(id: number): Row | undefined {
    return this.db.prepare('SELECT kind, closed_at FROM submissions WHERE id = ?').get(id) as Row | undefined
  }

  private meetingOf(submissionId: number): string | undefined {
    const row = this.db.prepare('SELECT meeting_id FROM meeting_assignments WHERE submission_id = ?').get(submissionId) as Row | undefined
    return row ? String(row.meeting_id) : undefined
  }

  private casesCounted(meetingId: string): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS cases FROM meeting_assignments WHERE meeting_id = ?').get(meetingId) as Row).cases)
  }
}
