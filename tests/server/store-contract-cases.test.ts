import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { caseState, type CaseStep, type StepDetails } from '../../src/domain/exclusion-case'
import type { SubmissionKind } from '../../src/domain/submissions'
import type { RecordingOfficer } from '../../server/store/cases-store'
import type { Device, IntakeStore } from '../../server/store/intake-store'
import { settingWithDevice, submit } from './store-contract-fixtures'
import { STORES } from './stores'

const CASEY: RecordingOfficer = { id: 'officer-1', displayName: 'Casey Officer' }
const ROBIN: RecordingOfficer = { id: 'officer-2', displayName: 'Robin Officer' }

const WITHDREW = 'The school withdrew this exclusion: no further steps'
const RESCINDED = 'The exclusion was rescinded: no further steps'
const DECISION_FIRST = 'Record the school’s decision first'
const OUTCOME_FIRST = 'Record the outcome first'

/** A minute after 10:00 on 17 November 2026, `minutes` times over: each step later than the one before. */
const at = (minutes: number) => new Date(Date.parse('2026-11-17T10:00:00.000Z') + minutes * 60_000).toISOString()

describe.each(STORES)('$name store: cases', ({ open }) => {
  let store: IntakeStore
  let device: Device
  let otherDevice: Device

  beforeEach(async () => {
    store = await open()
    device = (await settingWithDevice(store, 'Ashby School', '100001', at(0))).device
    otherDevice = (await settingWithDevice(store, 'Burbage Academy', '100002', at(0))).device
  })
  afterEach(() => store.close())

  async function submitFrom(kind: SubmissionKind, receivedAt: string, extra: { from?: Device; dependsOn?: string; payload?: unknown; educationFrom?: string } = {}) {
    const { from = device, ...facts } = extra
    return submit(store, from, kind, receivedAt, facts)
  }

  const notice = (receivedAt = at(0), extra: { from?: Device; educationFrom?: string } = {}) => submitFrom('permanent-exclusion', receivedAt, extra)
  const schoolUpdate = (noticeKey: string, outcome: string, receivedAt: string, from = device) =>
    submitFrom('permanent-exclusion-update', receivedAt, { from, dependsOn: noticeKey, payload: { outcome } })

  const record = <Step extends CaseStep>(id: number, step: Step, details: StepDetails[Step], when: string, officer = CASEY) => store.cases.recordStep(id, step, details, officer, when)
  const decide = (id: number, decision: 'continue' | 'withdraw', when: string) => record(id, 'school-decision', { decision, on: '2026-11-17' }, when)
  const upheld = (id: number, when: string) => record(id, 'outcome', { outcome: 'upheld', on: '2026-11-20' }, when)
  const rescinded = (id: number, when: string) => record(id, 'outcome', { outcome: 'rescinded', on: '2026-11-20', alternativeOutcome: 'A fixed-term suspension' }, when)
  const education = (id: number, when: string, officer = CASEY) => record(id, 'education-in-place', { provider: 'The short stay school', startDate: '2026-11-24' }, when, officer)
  const chair = (id: number, when: string) => record(id, 'chair-notified', { on: '2026-11-21' }, when)
  const gds = (id: number, when: string) => record(id, 'gds-told', { on: '2026-11-21' }, when)
  const closedAt = async (id: number) => (await store.submission(id))!.closedAt
  const ids = (items: { id: number }[]) => items.map((item) => item.id)

  describe('recording steps', () => {
    it('records every step in order, answering the status after each, and keeps who recorded it', async () => {
      const { id } = await notice()
      expect(await record(id, 'duty-desk-call', { at: '2026-11-17' }, at(1))).toEqual({ status: 'open' })
      expect(await record(id, 'seip-involved', { on: '2026-11-17', who: 'Area SEIP lead' }, at(2), ROBIN)).toEqual({ status: 'open' })
      expect(await decide(id, 'continue', at(3))).toEqual({ status: 'open' })
      expect(await record(id, 'decision-confirmed', { on: '2026-11-18' }, at(4))).toEqual({ status: 'open' })
      expect(await upheld(id, at(5))).toEqual({ status: 'open' })
      expect(await education(id, at(6))).toEqual({ status: 'open' })
      expect(await chair(id, at(7))).toEqual({ status: 'open' })
      expect(await closedAt(id)).toBeUndefined()
      expect(await gds(id, at(8))).toEqual({ status: 'complete' })

      const steps = await store.cases.steps(id)
      expect(steps.map((step) => step.step)).toEqual([
        'duty-desk-call', 'seip-involved', 'school-decision', 'decision-confirmed', 'outcome', 'education-in-place', 'chair-notified', 'gds-told',
      ])
      expect(steps[1]).toEqual({ step: 'seip-involved', details: { on: '2026-11-17', who: 'Area SEIP lead' }, recordedBy: 'Robin Officer', recordedById: 'officer-2', recordedAt: at(2) })
      expect(steps[0]).toEqual({ step: 'duty-desk-call', details: { at: '2026-11-17' }, recordedBy: 'Casey Officer', recordedById: 'officer-1', recordedAt: at(1) })
      const detail = (await store.submission(id))!
      expect(detail.closedAt).toBe(at(8))
      expect(detail.updatedAt).toBe(at(8))
    })

    it('has no steps for a case with none, and keeps each case’s steps to itself', async () => {
      const first = await notice()
      const second = await notice()
      await decide(first.id, 'continue', at(1))
      expect(await store.cases.steps(second.id)).toEqual([])
      expect(await store.cases.steps(999_999)).toEqual([])
    })

    it('refuses a step out of order, writing nothing', async () => {
      const { id } = await notice()
      expect(await upheld(id, at(1))).toEqual({ refused: DECISION_FIRST })
      expect(await record(id, 'decision-confirmed', { on: '2026-11-17' }, at(1))).toEqual({ refused: DECISION_FIRST })
      expect(await education(id, at(1))).toEqual({ refused: DECISION_FIRST })
      expect(await chair(id, at(1))).toEqual({ refused: DECISION_FIRST })
      expect(await store.cases.steps(id)).toEqual([])
      expect((await store.submission(id))!.updatedAt).toBe(at(0))

      await decide(id, 'continue', at(2))
      expect(await chair(id, at(3))).toEqual({ refused: OUTCOME_FIRST })
      expect(await gds(id, at(3))).toEqual({ refused: OUTCOME_FIRST })
      await rescinded(id, at(4))
      expect(await education(id, at(5))).toEqual({ refused: RESCINDED })
      expect(await chair(id, at(5))).toEqual({ refused: 'Only an upheld exclusion has its chair of governors notified' })
      expect(await record(id, 'duty-desk-call', { at: '2026-11-17' }, at(5))).toEqual({ refused: RESCINDED })
      expect((await store.cases.steps(id)).map((step) => step.step)).toEqual(['school-decision', 'outcome'])
    })

    it('takes a later record of a step as its correction, and of two at one moment the one written last', async () => {
      const { id } = await notice()
      await decide(id, 'continue', at(1))
      await record(id, 'seip-involved', { on: '2026-11-17', who: 'First name' }, at(2))
      await record(id, 'seip-involved', { on: '2026-11-17', who: 'Corrected name' }, at(2), ROBIN)
      const steps = await store.cases.steps(id)
      expect(steps.map((step) => step.step)).toEqual(['school-decision', 'seip-involved', 'seip-involved'])
      expect(caseState(steps).done['seip-involved']?.details).toEqual({ on: '2026-11-17', who: 'Corrected name' })
      // A record dated earlier than those already kept reads in its place, not last.
      await record(id, 'duty-desk-call', { at: '2026-11-17' }, at(0))
      expect((await store.cases.steps(id)).map((step) => step.step)).toEqual(['duty-desk-call', 'school-decision', 'seip-involved', 'seip-involved'])
    })

    it('closes a withdrawn case, keeps it closed (and its closing time) through a confirmation, and reopens it when corrected', async () => {
      const { id } = await notice()
      await decide(id, 'continue', at(1))
      await education(id, at(2))
      expect(await decide(id, 'withdraw', at(3))).toEqual({ status: 'withdrawn' })
      expect(await closedAt(id)).toBe(at(3))
      expect(await education(id, at(4))).toEqual({ refused: WITHDREW })
      expect(await record(id, 'decision-confirmed', { on: '2026-11-18' }, at(5))).toEqual({ status: 'withdrawn' })
      const closed = (await store.submission(id))!
      expect(closed.closedAt).toBe(at(3))
      expect(closed.updatedAt).toBe(at(5))

      expect(await decide(id, 'continue', at(6))).toEqual({ status: 'open' })
      expect(await closedAt(id)).toBeUndefined()
      // The education arranged before the withdrawal applies again.
      expect(await store.cases.educationDateUnknown()).toEqual([])
      expect(ids(await store.cases.awaitingDecision())).toEqual([])
    })

    it('closes a rescinded case and reopens it when the outcome is corrected to upheld', async () => {
      const { id } = await notice()
      await decide(id, 'continue', at(1))
      expect(await rescinded(id, at(2))).toEqual({ status: 'rescinded' })
      expect(await closedAt(id)).toBe(at(2))
      expect(await upheld(id, at(3))).toEqual({ status: 'open' })
      expect(await closedAt(id)).toBeUndefined()
    })

    it('keeps a completed case’s first closing through corrections, and reopens it when a correction undoes it', async () => {
      const { id } = await notice()
      await decide(id, 'continue', at(1))
      await upheld(id, at(2))
      await education(id, at(3))
      await chair(id, at(4))
      expect(await gds(id, at(5))).toEqual({ status: 'complete' })
      expect(await chair(id, at(6))).toEqual({ status: 'complete' })
      expect(await closedAt(id)).toBe(at(5))
      expect(await rescinded(id, at(7))).toEqual({ status: 'rescinded' })
      expect(await closedAt(id)).toBe(at(5))
      expect(await decide(id, 'withdraw', at(8))).toEqual({ status: 'withdrawn' })
      expect(await decide(id, 'continue', at(9))).toEqual({ status: 'rescinded' })
      expect(await upheld(id, at(10))).toEqual({ status: 'complete' })
      expect(await closedAt(id)).toBe(at(5))
    })

    it('fails, writing nothing, for a case that does not exist', async () => {
      await expect(decide(999_999, 'continue', at(1))).rejects.toThrow()
      expect(await store.cases.steps(999_999)).toEqual([])
    })
  })

  describe('two officers recording on one case at once', () => {
    // Each race runs on several cases at once, so that the two writes of each do meet: whichever
    // order they land in, the case must read as if one came wholly after the other.
    const RACES = 8

    it('never records education after a withdrawal written at the same moment', async () => {
      const cases = await Promise.all(Array.from({ length: RACES }, () => notice()))
      for (const { id } of cases) await decide(id, 'continue', at(1))
      const results = await Promise.all(cases.map(({ id }) => Promise.all([decide(id, 'withdraw', at(2)), education(id, at(2), ROBIN)])))
      for (const [index, { id }] of cases.entries()) {
        const [withdrawal, arranged] = results[index]!
        const steps = (await store.cases.steps(id)).map((step) => step.step)
        const withdrawnAt = steps.lastIndexOf('school-decision')
        const educationAt = steps.indexOf('education-in-place')
        if ('refused' in arranged) {
          expect(arranged).toEqual({ refused: WITHDREW })
          expect(educationAt).toBe(-1)
          expect(withdrawal).toEqual({ status: 'withdrawn' })
        } else {
          // Education landed first: the withdrawal came after it, and saw it.
          expect(arranged).toEqual({ status: 'open' })
          expect(educationAt).toBeLessThan(withdrawnAt)
          expect(withdrawal).toEqual({ status: 'withdrawn' })
        }
        expect(caseState(await store.cases.steps(id)).status).toBe('withdrawn')
        expect(await closedAt(id)).toBe(at(2))
      }
      expect(await store.cases.educationDue('2026-12-31')).toEqual([])
      expect(await store.cases.educationDateUnknown()).toEqual([])
    })

    it('never arranges education after a rescinded outcome written at the same moment', async () => {
      const cases = await Promise.all(Array.from({ length: RACES }, () => notice(at(0), { educationFrom: '2026-11-24' })))
      for (const { id } of cases) await decide(id, 'continue', at(1))
      const results = await Promise.all(cases.map(({ id }) => Promise.all([rescinded(id, at(2)), education(id, at(2), ROBIN)])))
      for (const [index, { id }] of cases.entries()) {
        const [outcome, arranged] = results[index]!
        expect(outcome).toEqual({ status: 'rescinded' })
        const steps = (await store.cases.steps(id)).map((step) => step.step)
        if ('refused' in arranged) {
          expect(arranged).toEqual({ refused: RESCINDED })
          expect(steps).toEqual(['school-decision', 'outcome'])
        } else {
          expect(steps).toEqual(['school-decision', 'education-in-place', 'outcome'])
        }
        expect(await closedAt(id)).toBe(at(2))
      }
    })

    it('keeps the case state of the last write when both writes are allowed', async () => {
      const { id } = await notice(at(0), { educationFrom: '2026-11-24' })
      await decide(id, 'continue', at(1))
      await upheld(id, at(2))
      await education(id, at(3))
      const [first, second] = await Promise.all([chair(id, at(4)), gds(id, at(4))])
      expect([first, second].map((result) => ('status' in result ? result.status : result.refused)).sort()).toEqual(['complete', 'open'])
      expect(caseState(await store.cases.steps(id)).status).toBe('complete')
      expect(await store.cases.upheldNotNotified()).toEqual([])
      expect(await closedAt(id)).toBe(at(4))
    })
  })

  describe('the device’s view of its cases', () => {
    it('reports each notice’s progress from its steps, and none for other devices’ cases', async () => {
      const mine = await notice()
      const theirs = await notice(at(0), { from: otherDevice })
      await record(mine.id, 'duty-desk-call', { at: '2026-11-17' }, at(1))
      await decide(mine.id, 'continue', at(2))
      await decide(theirs.id, 'withdraw', at(2))
      const reports = await store.statusesForDevice(device.id)
      expect(reports.map((report) => [report.idempotencyKey, report.progress])).toEqual([
        [mine.key, ['The Inclusion Service has received your call to the duty desk', 'The Inclusion Service has noted that you are continuing with the permanent exclusion']],
      ])
      const others = await store.statusesForDevice(otherDevice.id)
      expect(others[0]!.progress).toEqual(['The Inclusion Service has noted that you withdrew the permanent exclusion'])
    })

    it('lists a notice’s outcome updates, oldest first, and only that notice’s', async () => {
      const first = await notice()
      const second = await notice()
      const upheldUpdate = await schoolUpdate(first.key, 'upheld', at(1))
      await schoolUpdate(second.key, 'rescinded', at(2))
      const rescindedUpdate = await schoolUpdate(first.key, 'rescinded', at(3))
      expect(await store.cases.updates(device.id, first.key)).toEqual([
        { id: upheldUpdate.id, reference: `IC-${String(upheldUpdate.id).padStart(6, '0')}`, receivedAt: at(1), payload: { outcome: 'upheld' } },
        { id: rescindedUpdate.id, reference: `IC-${String(rescindedUpdate.id).padStart(6, '0')}`, receivedAt: at(3), payload: { outcome: 'rescinded' } },
      ])
      expect(await store.cases.updates(otherDevice.id, first.key)).toEqual([])
      expect(await store.cases.updates(device.id, 'no-such-key')).toEqual([])
    })
  })

  describe('the Today lists', () => {
    it('lists open cases whose education is due by a date, soonest first, then by id', async () => {
      const late = await notice(at(0), { educationFrom: '2026-11-25' })
      const due20 = await notice(at(0), { educationFrom: '2026-11-20' })
      const due18 = await notice(at(1), { educationFrom: '2026-11-18', from: otherDevice })
      const alsoDue20 = await notice(at(2), { educationFrom: '2026-11-20' })
      const arranged = await notice(at(0), { educationFrom: '2026-11-19' })
      const withdrawn = await notice(at(0), { educationFrom: '2026-11-19' })
      await notice(at(0))
      await decide(arranged.id, 'continue', at(3))
      await education(arranged.id, at(4))
      await decide(withdrawn.id, 'withdraw', at(3))

      const due = await store.cases.educationDue('2026-11-20')
      expect(ids(due)).toEqual([due18.id, due20.id, alsoDue20.id])
      expect(due[0]).toEqual({ id: due18.id, reference: `IC-${String(due18.id).padStart(6, '0')}`, settingName: 'Burbage Academy', receivedAt: at(1), educationFrom: '2026-11-18' })
      expect(ids(await store.cases.educationDue('2026-11-25'))).toEqual([due18.id, due20.id, alsoDue20.id, late.id])
      expect(await store.cases.educationDue('2026-11-17')).toEqual([])
    })

    it('lists open cases without education arranged whose 6th school day is unknown, by id', async () => {
      const first = await notice(at(2))
      await notice(at(0), { educationFrom: '2026-11-20' })
      const second = await notice(at(1), { from: otherDevice })
      const arranged = await notice()
      const closed = await notice()
      await decide(arranged.id, 'continue', at(3))
      await education(arranged.id, at(4))
      await decide(closed.id, 'withdraw', at(3))
      const unknown = await store.cases.educationDateUnknown()
      expect(unknown).toEqual([
        { id: first.id, reference: `IC-${String(first.id).padStart(6, '0')}`, settingName: 'Ashby School', receivedAt: at(2) },
        { id: second.id, reference: `IC-${String(second.id).padStart(6, '0')}`, settingName: 'Burbage Academy', receivedAt: at(1) },
      ])
    })

    it('lists open cases with no decision recorded, by id', async () => {
      const waiting = await notice(at(0), { educationFrom: '2026-11-24' })
      const decided = await notice()
      const alsoWaiting = await notice(at(0), { from: otherDevice })
      const withdrawn = await notice()
      await record(waiting.id, 'duty-desk-call', { at: '2026-11-17' }, at(1))
      await decide(decided.id, 'continue', at(1))
      await decide(withdrawn.id, 'withdraw', at(1))
      expect(ids(await store.cases.awaitingDecision())).toEqual([waiting.id, alsoWaiting.id])
      expect((await store.cases.awaitingDecision())[0]!.educationFrom).toBe('2026-11-24')
    })

    it('lists upheld cases whose chair or the GDS has not been told, with which', async () => {
      const untold = await notice()
      const chairOnly = await notice()
      const gdsOnly = await notice()
      const complete = await notice()
      const rescindedCase = await notice()
      const noOutcome = await notice()
      const withdrawnAfter = await notice()
      for (const { id } of [untold, chairOnly, gdsOnly, complete, rescindedCase, noOutcome, withdrawnAfter]) await decide(id, 'continue', at(1))
      for (const { id } of [untold, chairOnly, gdsOnly, complete, withdrawnAfter]) await upheld(id, at(2))
      await chair(chairOnly.id, at(3))
      await gds(gdsOnly.id, at(3))
      await education(complete.id, at(3))
      await chair(complete.id, at(3))
      await gds(complete.id, at(3))
      await rescinded(rescindedCase.id, at(2))
      await decide(withdrawnAfter.id, 'withdraw', at(3))
      expect((await store.cases.upheldNotNotified()).map((item) => ({ id: item.id, chairNotified: item.chairNotified, gdsTold: item.gdsTold }))).toEqual([
        { id: untold.id, chairNotified: false, gdsTold: false },
        { id: chairOnly.id, chairNotified: true, gdsTold: false },
        { id: gdsOnly.id, chairNotified: false, gdsTold: true },
      ])
      expect((await store.cases.upheldNotNotified())[0]).toEqual({
        id: untold.id, reference: `IC-${String(untold.id).padStart(6, '0')}`, settingName: 'Ashby School', receivedAt: at(0), chairNotified: false, gdsTold: false,
      })
    })

    it('lists cases the school says were rescinded until an officer records the outcome with its alternative, by the school’s latest word', async () => {
      const rescindedBySchool = await notice(at(0), { educationFrom: '2026-11-24' })
      const reinstated = await notice()
      const recorded = await notice()
      const completeThenRescinded = await notice(at(0), { from: otherDevice })
      const withdrawnCase = await notice()
      const upheldOnly = await notice()
      await schoolUpdate(rescindedBySchool.key, 'rescinded', at(1))
      await schoolUpdate(reinstated.key, 'rescinded', at(1))
      await schoolUpdate(reinstated.key, 'upheld', at(2))
      await schoolUpdate(recorded.key, 'rescinded', at(1))
      await schoolUpdate(completeThenRescinded.key, 'upheld', at(1), otherDevice)
      await schoolUpdate(completeThenRescinded.key, 'rescinded', at(5), otherDevice)
      await schoolUpdate(withdrawnCase.key, 'rescinded', at(1))
      await schoolUpdate(upheldOnly.key, 'upheld', at(1))
      await decide(recorded.id, 'continue', at(2))
      await rescinded(recorded.id, at(3))
      await decide(withdrawnCase.id, 'withdraw', at(2))
      await decide(completeThenRescinded.id, 'continue', at(2))
      await upheld(completeThenRescinded.id, at(3))
      await education(completeThenRescinded.id, at(3))
      await chair(completeThenRescinded.id, at(3))
      expect(await gds(completeThenRescinded.id, at(3))).toEqual({ status: 'complete' })

      const listed = await store.cases.rescindedWithoutAlternative()
      expect(ids(listed)).toEqual([rescindedBySchool.id, completeThenRescinded.id])
      expect(listed[0]).toEqual({
        id: rescindedBySchool.id, reference: `IC-${String(rescindedBySchool.id).padStart(6, '0')}`, settingName: 'Ashby School', receivedAt: at(0), educationFrom: '2026-11-24',
      })
      expect(listed[1]!.settingName).toBe('Burbage Academy')
    })

    it('lists everything received since a moment, newest first, each update pointing to its notice', async () => {
      const before = await submitFrom('suspension', at(0))
      const first = await submitFrom('suspension', at(1))
      const theNotice = await notice(at(2))
      const sameMoment = await submitFrom('suspension', at(2), { from: otherDevice })
      const update = await schoolUpdate(theNotice.key, 'upheld', at(3))
      const orphan = await submitFrom('permanent-exclusion-update', at(4), { dependsOn: 'no-such-notice', payload: { outcome: 'upheld' } })
      const since = await store.cases.receivedSince(at(1))
      expect(since).toEqual([
        { id: orphan.id, reference: `IC-${String(orphan.id).padStart(6, '0')}`, kind: 'permanent-exclusion-update', settingName: 'Ashby School', receivedAt: at(4) },
        { id: update.id, reference: `IC-${String(update.id).padStart(6, '0')}`, kind: 'permanent-exclusion-update', settingName: 'Ashby School', receivedAt: at(3), caseId: theNotice.id },
        { id: sameMoment.id, reference: `IC-${String(sameMoment.id).padStart(6, '0')}`, kind: 'suspension', settingName: 'Burbage Academy', receivedAt: at(2) },
        { id: theNotice.id, reference: `IC-${String(theNotice.id).padStart(6, '0')}`, kind: 'permanent-exclusion', settingName: 'Ashby School', receivedAt: at(2), caseId: theNotice.id },
        { id: first.id, reference: `IC-${String(first.id).padStart(6, '0')}`, kind: 'suspension', settingName: 'Ashby School', receivedAt: at(1) },
      ])
      expect(ids(await store.cases.receivedSince(at(0)))).toContain(before.id)
      expect(await store.cases.receivedSince(at(5))).toEqual([])
    })
  })
})
