import type pg from 'pg'
import type { RecordingOfficer } from '../cases-store'
import type { Assigning, MeetingAssignment, MeetingCase, MeetingSlots, MeetingStore, Unassigning } from '../meetings-store'
import { assigning, CASE_COUNTS, meetingCaseColumns, toCaseCounts, toMeetingAssignment, toMeetingCase, unassigning, WAITING } from '../rows/meetings'
import type { Row } from '../rows/row'
import type { Db } from './db'

// json, not jsonb: only the key asked for is read out, so a payload holding text jsonb refuses (\u0000) is still listed.
const CASE_COLUMNS = meetingCaseColumns((key) => `(s.payload::json ->> '${key}')`)
// Any fixed number: the first half of each meeting's advisory lock (the second is its id's hash).
const MEETING_LOCKS = 7_315

export class PostgresMeetings implements MeetingStore {
  constructor(private readonly db: Db) {}

  async assign(submissionId: number, meeting: MeetingSlots, officer: RecordingOfficer, at: string): Promise<Assigning> {
    return this.db.transaction(async (client): Promise<Assigning> => {
      // The case's row first (another officer assigning the same case waits here), then the
      // meeting's lock (held to commit): of two instances taking a meeting's last slot at
      // once, the second counts after the first has committed, and finds it full. Always in
      // this order, so two assignments never wait for each other's lock.
      const submission = await lockedSubmission(client, submissionId)
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MEETING_LOCKS, meeting.id])
      const counted = await client.query<Row>('SELECT COUNT(*) AS cases FROM meeting_assignments WHERE meeting_id = $1', [meeting.id])
      const result = assigning(submission, await meetingOf(client, submissionId), meeting, Number(counted.rows[0]!.cases))
      if (!('outcome' in result) || result.outcome === 'unchanged') return result
      await client.query(
        `INSERT INTO meeting_assignments (submission_id, meeting_id, assigned_at, assigned_by_id, assigned_by_name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (submission_id) DO UPDATE SET meeting_id = excluded.meeting_id, assigned_at = excluded.assigned_at,
           assigned_by_id = excluded.assigned_by_id, assigned_by_name = excluded.assigned_by_name`,
        [submissionId, meeting.id, at, officer.id, officer.displayName],
      )
      await client.query(`UPDATE submissions SET status = 'forum-date-set', forum_date = $1, updated_at = $2 WHERE id = $3`, [meeting.date, at, submissionId])
      return result
    })
  }

  async unassign(submissionId: number, meetingId: string, at: string): Promise<Unassigning> {
    return this.db.transaction(async (client): Promise<Unassigning> => {
      const result = unassigning(await lockedSubmission(client, submissionId), await meetingOf(client, submissionId), meetingId)
      if (!('outcome' in result)) return result
      await client.query('DELETE FROM meeting_assignments WHERE submission_id = $1', [submissionId])
      await client.query(`UPDATE submissions SET status = 'received', forum_date = NULL, updated_at = $1 WHERE id = $2`, [at, submissionId])
      return result
    })
  }

  async followDates(meetings: readonly { id: string; date: string }[], at: string): Promise<number> {
    if (meetings.length === 0) return 0
    // One statement: each meeting's id and date as rows, joined to its assigned cases.
    const { rowCount } = await this.db.query(
      `UPDATE submissions s SET forum_date = m.date, updated_at = $3
       FROM meeting_assignments a JOIN unnest($1::text[], $2::text[]) AS m(id, date) ON m.id = a.meeting_id
       WHERE s.id = a.submission_id AND s.forum_date IS DISTINCT FROM m.date`,
      [meetings.map((meeting) => meeting.id), meetings.map((meeting) => meeting.date), at],
    )
    return rowCount ?? 0
  }

  async assignment(submissionId: number): Promise<MeetingAssignment | undefined> {
    const row = await this.db.row('SELECT * FROM meeting_assignments WHERE submission_id = $1', [submissionId])
    return row && toMeetingAssignment(row)
  }

  async caseCounts(): Promise<Map<string, number>> {
    return toCaseCounts(await this.db.rows(CASE_COUNTS))
  }

  async casesAt(meetingId: string): Promise<MeetingCase[]> {
    return (await this.db.rows(`${CASE_COLUMNS} WHERE m.meeting_id = $1 ORDER BY s.received_at, s.id`, [meetingId])).map(toMeetingCase)
  }

  async waiting(): Promise<MeetingCase[]> {
    return (await this.db.rows(`${CASE_COLUMNS} ${WAITING}`)).map(toMeetingCase)
  }
}

/** The submission's kind and closing, its row locked until the transaction ends (NO KEY UPDATE: the lock the UPDATE takes anyway). */
async function lockedSubmission(client: pg.PoolClient, id: number): Promise<Row | undefined> {
  return (await client.query<Row>('SELECT kind, closed_at FROM submissions WHERE id = $1 FOR NO KEY UPDATE', [id])).rows[0]
}

async function meetingOf(client: pg.PoolClient, submissionId: number): Promise<string | undefined> {
  const row = (await client.query<Row>('SELECT meeting_id FROM meeting_assignments WHERE submission_id = $1', [submissionId])).rows[0]
  return row ? String(row.meeting_id) : undefined
}
