import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RecordingOfficer } from '../../server/store/cases-store'
import type { Device, IntakeStore } from '../../server/store/intake-store'
import type { EducationPlanRecord } from '../../src/domain/submissions'
import { enrolledDevice, settingWithDevice, submit } from './store-contract-fixtures'
import { STORES } from './stores'

const CASEY: RecordingOfficer = { id: 'officer-1', displayName: 'Casey Officer' }
const ROBIN: RecordingOfficer = { id: 'officer-2', displayName: 'Robin Officer' }

/** `minutes` after 09:00 on 20 November 2026: each write later than the one before. */
const at = (minutes: number) => new Date(Date.parse('2026-11-20T09:00:00.000Z') + minutes * 60_000).toISOString()

/** A test plan, recorded at `recordedAt`. */
const plan = (recordedAt: string, overrides: Partial<EducationPlanRecord> = {}): EducationPlanRecord => ({
  advice: ['best-endeavours', 'onward-referral'],
  actions: [{ id: 'a1', action: 'Daily check-in with a trusted adult', who: 'SENCO', byWhen: '2027-01-08' }],
  reviewDate: '2027-03-12',
  recordedAt,
  ...overrides,
})

describe.each(STORES)('$name store: education plans', ({ open }) => {
  let store: IntakeStore
  let device: Device
  let otherDevice: Device

  beforeEach(async () => {
    store = await open()
    device = (await settingWithDevice(store, 'Ashby Primary', '200001', at(0))).device
    otherDevice = (await settingWithDevice(store, 'Burbage Infants', '200002', at(0))).device
  })
  afterEach(() => store.close())

  const forumCase = (receivedAt = at(1), payload: unknown = { forum: 'primary', caseType: 'anonymous' }, from = device, pupilKey?: string) =>
    submit(store, from, 'forum-case', receivedAt, { payload, ...(pupilKey ? { pupilKey } : {}) })

  it('records a plan: kept with who recorded it, the case plan issued and closed, its updated time moved for its device', async () => {
    const { id } = await forumCase()
    expect(await store.plans.record(id, plan(at(5)), CASEY)).toEqual({ outcome: 'recorded' })
    expect(await store.plans.plan(id)).toEqual({ submissionId: id, plan: plan(at(5)), issuedAt: at(5), recordedById: 'officer-1', recordedByName: 'Casey Officer' })
    expect(await store.submission(id)).toMatchObject({ status: 'plan-issued', closedAt: at(5), updatedAt: at(5) })
    const [status] = await store.statusesForDevice(device.id, at(4))
    expect(status).toMatchObject({ status: 'plan-issued', planRecordedAt: at(5), updatedAt: at(5) })
  })

  it('replaces a plan recorded again: issued when first recorded, closed from then, its time and recorder the latest', async () => {
    const { id } = await forumCase()
    await store.plans.record(id, plan(at(5)), CASEY)
    const corrected = plan(at(9), { actions: [{ id: 'a2', action: 'Transition visits', who: 'Class teacher', byWhen: '2027-02-05' }], reviewDate: '2027-04-01' })
    expect(await store.plans.record(id, corrected, ROBIN)).toEqual({ outcome: 'corrected' })
    expect(await store.plans.plan(id)).toEqual({ submissionId: id, plan: corrected, issuedAt: at(5), recordedById: 'officer-2', recordedByName: 'Robin Officer' })
    expect(await store.submission(id)).toMatchObject({ status: 'plan-issued', closedAt: at(5), updatedAt: at(9) })
    expect((await store.statusesForDevice(device.id, at(8))).map((status) => status.planRecordedAt)).toEqual([at(9)])
  })

  it('refuses a submission that is not there or not a forum case, and changes nothing', async () => {
    const { id } = await submit(store, device, 'suspension', at(1))
    expect(await store.plans.record(id, plan(at(5)), CASEY)).toEqual({ refused: 'not-a-forum-case' })
    expect(await store.plans.record(id + 100, plan(at(5)), CASEY)).toEqual({ refused: 'not-found' })
    expect(await store.plans.plan(id)).toBeUndefined()
    expect(await store.submission(id)).toMatchObject({ status: 'received', updatedAt: at(1) })
    expect((await store.submission(id))!.closedAt).toBeUndefined()
  })

  it('gives a plan to the setting that sent the case, by its key, to none other', async () => {
    const ours = await forumCase()
    const planless = await forumCase(at(2))
    await store.plans.record(ours.id, plan(at(5)), CASEY)
    const sameSetting = await enrolledDevice(store, (await store.listSettings()).find((setting) => setting.id === device.settingId)!, at(6))
    expect(await store.plans.planForSetting(device.settingId, ours.key)).toEqual(plan(at(5)))
    expect(await store.plans.planForSetting(sameSetting.settingId, ours.key)).toEqual(plan(at(5)))
    expect(await store.plans.planForSetting(otherDevice.settingId, ours.key)).toBeUndefined()
    expect(await store.plans.planForSetting(device.settingId, planless.key)).toBeUndefined()
    expect(await store.plans.planForSetting(device.settingId, 'd0c5a3e6-1111-4111-8111-111111111111')).toBeUndefined()
    // A status without a plan says nothing of one.
    expect('planRecordedAt' in (await store.statusesForDevice(device.id)).find((status) => status.reference.endsWith(String(planless.id)))!).toBe(false)
  })

  it('lists forum cases for monitoring: forum, re-referral and the case it names from the payload, meeting, plan issued and review date', async () => {
    const first = await forumCase(at(1), { forum: 'primary', caseType: 'named' }, device, 'test-pupil-1')
    const second = await forumCase(at(2), { forum: 'secondary', caseType: 'anonymous', reReferral: { planUpdates: [{ action: 'An action', status: 'done' }], previousReference: 'IC-000042' } })
    await submit(store, device, 'suspension', at(3))
    await store.meetings.assign(first.id, { id: 'primary-2026-12-03', date: '2026-12-03', slots: 4 }, CASEY, at(4))
    await store.plans.record(first.id, plan(at(5)), CASEY)
    await store.plans.record(first.id, plan(at(6), { reviewDate: '2027-04-01' }), CASEY)
    expect(await store.plans.monitored()).toEqual([
      {
        id: first.id, settingId: device.settingId, forum: 'primary', receivedAt: at(1), reReferral: false, pupilKey: 'test-pupil-1',
        meetingId: 'primary-2026-12-03', forumDate: '2026-12-03', planIssuedAt: at(5), reviewDate: '2027-04-01',
      },
      { id: second.id, settingId: device.settingId, forum: 'secondary', receivedAt: at(2), reReferral: true, previousReference: 'IC-000042' },
    ])
  })

  it('deletes the plan with its case under retention, and holds it with the case for subject access', async () => {
    const { id } = await submit(store, device, 'forum-case', at(1), { payload: { forum: 'primary', caseType: 'named' }, pupilName: 'alex child' })
    await store.plans.record(id, plan(at(5)), CASEY)
    const [held] = await store.retention.heldAbout('alex child')
    expect(held!.related.education_plans).toEqual([
      { submission_id: id, plan: plan(at(5)), review_date: '2027-03-12', issued_at: at(5), recorded_at: at(5), recorded_by_id: 'officer-1', recorded_by_name: 'Casey Officer' },
    ])
    expect(await store.retention.deleteClosedBefore(at(6), at(7))).toEqual([`IC-${String(id).padStart(6, '0')}`])
    expect(await store.plans.plan(id)).toBeUndefined()
    expect(await store.plans.monitored()).toEqual([])
  })
})
