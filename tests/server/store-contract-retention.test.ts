import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { SubmissionKind } from '../../src/domain/submissions'
import { submissionReference, type Device, type IntakeStore } from '../../server/store/intake-store'
import { DEFAULT_RETENTION_MONTHS } from '../../server/store/retention-store'
import { applyRetention } from '../../server/workspace/retention'
import { STORES } from './stores'

const AT = '2026-11-17T10:00:00.000Z'
const CASEY = { id: 'officer-1', displayName: 'Casey Officer' }
const DELETED = 'Deleted under retention'

describe.each(STORES)('$name store: retention', ({ open, openTwo }) => {
  const opened: IntakeStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })

  /** A store with one school and its device, and a way to send submissions from it. */
  async function school(store?: IntakeStore) {
    if (!store) opened.push((store = await open()))
    const setting = await store.createSetting({ id: randomUUID(), name: 'Ashby School', urn: '100001', phase: 'secondary' }, AT)
    await store.addEnrolmentCode(setting.id, 'code', '2030-01-01T00:00:00.000Z', AT)
    const redeemed = await store.redeemEnrolmentCode('code', { id: randomUUID(), tokenHash: 'token' }, AT)
    if (redeemed.outcome !== 'enrolled') throw new Error('not enrolled')
    const device: Device = redeemed.device
    const target = store
    const send = async (kind: SubmissionKind, extra: { pupilName?: string; dependsOn?: string; payload?: unknown; receivedAt?: string } = {}) => {
      const key = randomUUID()
      const id = await target.recordSubmission(
        {
          deviceId: device.id, settingId: device.settingId, idempotencyKey: key, kind, dependsOn: extra.dependsOn, payload: extra.payload ?? { kind },
          receivedAt: extra.receivedAt ?? AT, pupilName: extra.pupilName,
        },
        (id) => ({ status: 201, body: JSON.stringify({ reference: submissionReference(id) }) }),
      )
      return { id, key, reference: submissionReference(id) }
    }
    return { store, send }
  }

  const retentionAudit = async (store: IntakeStore) =>
    (await store.audit.list({}, 1000, 0)).entries.filter((entry) => entry.action === DELETED).reverse()
  const stored = async (store: IntakeStore, id: number) => (await store.submission(id)) !== undefined

  describe('the period', () => {
    it('is the default until set, then what was set last, by whom and when', async () => {
      const { store } = await school()
      expect(await store.retention.setting()).toEqual({ months: DEFAULT_RETENTION_MONTHS })
      await store.retention.setMonths(24, AT, 'inbox')
      expect(await store.retention.setting()).toEqual({ months: 24, updatedAt: AT, updatedBy: 'inbox' })
      await store.retention.setMonths(36, '2026-11-18T09:00:00.000Z', 'casey')
      expect(await store.retention.setting()).toEqual({ months: 36, updatedAt: '2026-11-18T09:00:00.000Z', updatedBy: 'casey' })
    })

    it('keeps one setting when two instances set it at once', async () => {
      const [first, second] = await openTwo()
      opened.push(first, second)
      await Promise.all([first.retention.setMonths(24, AT, 'inbox'), second.retention.setMonths(36, AT, 'casey')])
      const setting = await first.retention.setting()
      expect([{ months: 24, updatedAt: AT, updatedBy: 'inbox' }, { months: 36, updatedAt: AT, updatedBy: 'casey' }]).toContainEqual(setting)
      expect(await second.retention.setting()).toEqual(setting)
    })
  })

  describe('closing and counting', () => {
    it('closes a record once: its first closing time stays; false for no such record', async () => {
      const { store, send } = await school()
      const record = await send('suspension')
      expect(await store.retention.closeSubmission(record.id, '2026-11-17T11:00:00.000Z')).toBe(true)
      expect(await store.retention.closeSubmission(record.id, '2026-12-01T11:00:00.000Z')).toBe(true)
      expect((await store.submission(record.id))!.closedAt).toBe('2026-11-17T11:00:00.000Z')
      expect(await store.retention.closeSubmission(record.id + 100, AT)).toBe(false)
    })

    it('counts closed records by the month they closed in, oldest first, and those closed before a moment', async () => {
      const { store, send } = await school()
      const records = await Promise.all(Array.from({ length: 5 }, () => send('suspension')))
      await send('suspension')
      expect(await store.retention.closedByMonth()).toEqual([])
      expect(await store.retention.countClosedBefore(AT)).toBe(0)
      const closings = ['2026-11-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-11-30T23:59:59.999Z', '2024-02-01T00:00:00.000Z', '2025-01-15T12:00:00.000Z']
      for (const [index, closedAt] of closings.entries()) await store.retention.closeSubmission(records[index]!.id, closedAt)
      expect(await store.retention.closedByMonth()).toEqual([
        { month: '2024-02', count: 2 },
        { month: '2025-01', count: 1 },
        { month: '2026-11', count: 2 },
      ])
      expect(await store.retention.countClosedBefore('2024-02-29T23:59:59.999Z')).toBe(1)
      expect(await store.retention.countClosedBefore('2024-03-01T00:00:00.000Z')).toBe(2)
      expect(await store.retention.countClosedBefore('2030-01-01T00:00:00.000Z')).toBe(5)
    })
  })

  describe('deleting closed records', () => {
    /** Records either side of a cutoff, a notice with a case step and the school's outcome, and others that must stay. */
    async function records() {
      const { store, send } = await school()
      const justPast = await send('suspension')
      const justInside = await send('suspension')
      const open = await send('suspension')
      const notice = await send('permanent-exclusion')
      const outcome = await send('permanent-exclusion-update', { dependsOn: notice.key })
      const openNotice = await send('permanent-exclusion')
      const openOutcome = await send('permanent-exclusion-update', { dependsOn: openNotice.key })
      const forumCase = await send('forum-case')
      await store.cases.recordStep(notice.id, 'duty-desk-call', { at: '2024-01-02' }, CASEY, '2024-01-02T10:00:00.000Z')
      await store.cases.recordStep(openNotice.id, 'duty-desk-call', { at: '2026-11-02' }, CASEY, '2026-11-02T10:00:00.000Z')
      await store.retention.closeSubmission(justPast.id, '2024-11-17T09:59:59.999Z')
      await store.retention.closeSubmission(justInside.id, '2024-11-17T10:00:00.000Z')
      await store.retention.closeSubmission(notice.id, '2024-01-31T16:00:00.000Z')
      await store.retention.closeSubmission(forumCase.id, '2023-06-01T08:00:00.000Z')
      return { store, justPast, justInside, open, notice, outcome, openNotice, openOutcome, forumCase }
    }
    const CUTOFF = '2024-11-17T10:00:00.000Z'

    it('deletes only what closed before the cutoff, with its case steps and the outcomes sent after it, one audit entry each by the system', async () => {
      const r = await records()
      const { store } = r
      const deleted = await store.retention.deleteClosedBefore(CUTOFF, AT)
      // In the order of their ids: the outcome, never closed itself, goes with its notice.
      expect(deleted).toEqual([r.justPast.reference, r.notice.reference, r.outcome.reference, r.forumCase.reference])
      for (const gone of [r.justPast, r.notice, r.outcome, r.forumCase]) expect(await stored(store, gone.id)).toBe(false)
      for (const kept of [r.justInside, r.open, r.openNotice, r.openOutcome]) expect(await stored(store, kept.id)).toBe(true)
      expect(await store.cases.steps(r.notice.id)).toEqual([])
      expect(await store.cases.steps(r.openNotice.id)).toHaveLength(1)
      expect(await retentionAudit(store)).toEqual(
        deleted.map((reference) => ({ id: expect.any(Number), at: AT, officerUsername: 'system', action: DELETED, subject: reference })),
      )
      expect(await store.retention.countClosedBefore(CUTOFF)).toBe(0)
      expect(await store.retention.closedByMonth()).toEqual([{ month: '2024-11', count: 1 }])

      // Again: nothing more to delete, nothing more written.
      expect(await store.retention.deleteClosedBefore(CUTOFF, AT)).toEqual([])
      expect(await retentionAudit(store)).toHaveLength(4)
    })

    it('deletes nothing, and writes nothing, when nothing closed before the cutoff', async () => {
      const r = await records()
      expect(await r.store.retention.deleteClosedBefore('2020-01-01T00:00:00.000Z', AT)).toEqual([])
      expect(await retentionAudit(r.store)).toEqual([])
      expect((await r.store.listSubmissions({})).length).toBe(8)
    })

    it('deletes and audits each record once when two instances apply retention at once', async () => {
      const [first, second] = await openTwo()
      opened.push(first, second)
      const { send } = await school(first)
      const closed: { id: number; reference: string }[] = []
      for (let i = 0; i < 30; i++) {
        const record = await send(i % 3 ? 'suspension' : 'permanent-exclusion')
        closed.push(record)
        if (i % 3 === 0) {
          closed.push(await send('permanent-exclusion-update', { dependsOn: record.key }))
          await first.cases.recordStep(record.id, 'duty-desk-call', { at: '2020-01-02' }, CASEY, '2020-01-02T10:00:00.000Z')
        }
        await first.retention.closeSubmission(record.id, '2020-01-15T12:00:00.000Z')
      }
      const kept = await send('suspension')
      await first.retention.setMonths(72, AT, 'inbox')

      const now = new Date('2026-11-17T10:00:00.000Z')
      const [one, two] = await Promise.all([applyRetention(first, now), applyRetention(second, now)])
      const references = closed.map((record) => record.reference)
      expect([...one, ...two].sort()).toEqual([...references].sort())
      expect((await retentionAudit(second)).map((entry) => entry.subject).sort()).toEqual([...references].sort())
      expect((await first.listSubmissions({})).map((submission) => submission.reference)).toEqual([kept.reference])
      for (const record of closed) expect(await second.cases.steps(record.id)).toEqual([])
    })
  })

  describe('what is held about a pupil', () => {
    it('gives each of their records oldest first, with everything held: payload, case steps as JSON, outcomes sent after', async () => {
      const { store, send } = await school()
      const first = await send('suspension', { pupilName: 'sam pupil', payload: { pupil: { name: 'Sam Pupil' }, startDate: '2026-10-05' }, receivedAt: '2026-10-05T09:00:00.000Z' })
      await send('suspension', { pupilName: 'sam pupilson' })
      const notice = await send('permanent-exclusion', { pupilName: 'sam pupil', payload: { pupil: { name: 'Sam Pupil' } }, receivedAt: '2026-11-16T09:00:00.000Z' })
      const outcome = await send('permanent-exclusion-update', { dependsOn: notice.key, payload: { outcome: 'rescinded' }, receivedAt: '2026-11-18T09:00:00.000Z' })
      await store.cases.recordStep(notice.id, 'duty-desk-call', { at: '2026-11-16' }, CASEY, '2026-11-16T10:00:00.000Z')
      await store.updateSubmissionStatus(first.id, { status: 'outcome-recorded', outcome: 'Reviewed', closes: true }, '2026-11-17T09:00:00.000Z')

      const held = await store.retention.heldAbout('sam pupil')
      expect(held).toEqual([
        {
          id: first.id, reference: first.reference, kind: 'suspension', setting: { name: 'Ashby School', urn: '100001' }, receivedAt: '2026-10-05T09:00:00.000Z',
          status: 'outcome-recorded', outcome: 'Reviewed', closedAt: '2026-11-17T09:00:00.000Z',
          payload: { pupil: { name: 'Sam Pupil' }, startDate: '2026-10-05' }, related: {}, updates: [],
        },
        {
          id: notice.id, reference: notice.reference, kind: 'permanent-exclusion', setting: { name: 'Ashby School', urn: '100001' }, receivedAt: '2026-11-16T09:00:00.000Z',
          status: 'received', caseState: 'open', payload: { pupil: { name: 'Sam Pupil' } },
          related: {
            case_steps: [
              {
                id: expect.any(Number), submission_id: notice.id, step: 'duty-desk-call', details: { at: '2026-11-16' },
                recorded_by_id: 'officer-1', recorded_by_name: 'Casey Officer', recorded_at: '2026-11-16T10:00:00.000Z',
              },
            ],
          },
          updates: [
            {
              id: outcome.id, reference: outcome.reference, kind: 'permanent-exclusion-update', setting: { name: 'Ashby School', urn: '100001' },
              receivedAt: '2026-11-18T09:00:00.000Z', status: 'received', payload: { outcome: 'rescinded' }, related: {}, updates: [],
            },
          ],
        },
      ])
      expect(await store.retention.heldAbout('nobody known')).toEqual([])
      expect(await store.retention.heldAbout('sam')).toEqual([])
    })
  })
})
