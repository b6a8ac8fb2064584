import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultContent } from '../../src/domain/default-content/default-content'
import type { SubmissionStatusReport } from '../../src/domain/submissions'
import { enrol, namedForumCase, sendSubmission, startIntake, suspension, type EnrolledDevice, type Intake } from './intake-harness'

// GET /api/submissions/status?since=: a device with many receipts is told only what changed.

let intake: Intake
let device: EnrolledDevice

beforeEach(async () => {
  intake = await startIntake()
  device = await enrol(intake.url, intake.code)
})
afterEach(async () => {
  await intake.close()
})

async function statuses(since?: string): Promise<{ references: string[]; cursor: string }> {
  const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`
  const response = await fetch(`${intake.url}/api/submissions/status${query}`, { headers: { Authorization: `Bearer ${device.token}` } })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { submissions: SubmissionStatusReport[]; cursor: string }
  return { references: body.submissions.map((submission) => submission.reference), cursor: body.cursor }
}

const contentId = async () => (await intake.store.content.latestContentId()) ?? 0
/** A cursor as the service writes it: changes from `at`, meetings from content version `id`. */
const cursorAt = (at: string, id: number) => `${at}~${id}`

describe('the status change feed', () => {
  it('answers every status and a cursor the first time, and then only what changed at or after the cursor', async () => {
    const first = await sendSubmission(intake.url, device, 'suspension', suspension('Sam Pupil'))
    const second = await sendSubmission(intake.url, device, 'forum-case', namedForumCase())
    const all = await statuses()
    expect(all.references).toEqual([first.reference, second.reference])
    // The cursor reaches back 5 minutes, so a change another instance stamped a little late is sent again, not missed.
    const [at, id] = all.cursor.split('~')
    expect(Date.now() - Date.parse(at!)).toBeGreaterThanOrEqual(5 * 60_000)
    expect(Date.now() - Date.parse(at!)).toBeLessThan(6 * 60_000)
    expect(Number(id)).toBe(await contentId())

    // Nothing changed after a moment an hour from now; the forum case changes two hours from now.
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString()
    expect((await statuses(cursorAt(inAnHour, await contentId()))).references).toEqual([])
    await intake.store.updateSubmissionStatus(second.id, { status: 'forum-date-set', forumDate: '2027-01-12' }, new Date(Date.now() + 7_200_000).toISOString())
    expect((await statuses(cursorAt(inAnHour, await contentId()))).references).toEqual([second.reference])
  })

  it('answers every status again once a new content version may have moved a meeting', async () => {
    const sent = await sendSubmission(intake.url, device, 'suspension', suspension('Sam Pupil'))
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString()
    const before = await contentId()
    await intake.store.content.publishContent(JSON.stringify(defaultContent), new Date().toISOString(), { note: 'A new version' })
    expect((await statuses(cursorAt(inAnHour, before))).references).toEqual([sent.reference])
  })

  it.each(['not a cursor', '2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.000Z~', '2026-12-02~4', "2026-12-02T10:00:00.000Z~4' OR 1=1"])(
    'answers every status to a cursor it did not write: %s',
    async (since) => {
      const sent = await sendSubmission(intake.url, device, 'suspension', suspension('Sam Pupil'))
      expect((await statuses(since)).references).toEqual([sent.reference])
    },
  )
})
