import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isUniqueViolation } from '../../server/service'
import type { Device, IntakeStore, Setting, SubmissionFilter } from '../../server/store/intake-store'
import { enrolledDevice, LATER, settingWithDevice, submit } from './store-contract-fixtures'
import { STORES } from './stores'

const AT = '2026-03-02T09:00:00.000Z'
const officer = { id: 'officer-1', displayName: 'Casey Officer' }

describe.each(STORES)('$name store: settings, enrolment and devices', ({ open, openTwo }) => {
  let store: IntakeStore
  const others: IntakeStore[] = []
  beforeEach(async () => {
    store = await open()
  })
  afterEach(async () => {
    await Promise.all([store, ...others.splice(0)].map((each) => each.close()))
  })

  const newSetting = (name: string, urn: string, extra: Partial<Setting> = {}) => store.createSetting({ id: randomUUID(), name, urn, phase: 'primary', ...extra }, AT)

  describe('settings', () => {
    it('starts with none', async () => {
      expect(await store.listSettings()).toEqual([])
    })

    it('keeps a setting as given, with its SEIP area only when it has one', async () => {
      const primary = await newSetting('Ashby Primary', '100001')
      const secondary = await newSetting('Burbage Academy', '100002', { phase: 'secondary', seipArea: 'North West' })
      expect(primary).toEqual({ id: primary.id, name: 'Ashby Primary', urn: '100001', phase: 'primary', createdAt: AT })
      expect(await store.listSettings()).toEqual([primary, secondary])
      expect(secondary.seipArea).toBe('North West')
      expect('seipArea' in (await store.listSettings())[0]!).toBe(false)
    })

    it('lists settings by name, byte by byte (capitals before small letters)', async () => {
      for (const [name, urn] of [['ashby', '1'], ['Zouch', '2'], ['Anstey', '3'], ['École', '4'], ['_Under', '5']]) await newSetting(name!, urn!)
      expect((await store.listSettings()).map((setting) => setting.name)).toEqual(['Anstey', 'Zouch', '_Under', 'ashby', 'École'])
    })

    it('refuses a second setting with the same URN, as a unique violation', async () => {
      await newSetting('Ashby Primary', '100001')
      const error = await newSetting('Another', '100001').catch((caught: unknown) => caught)
      expect(isUniqueViolation(error)).toBe(true)
      expect(await store.listSettings()).toHaveLength(1)
    })
  })

  describe('enrolment', () => {
    let setting: Setting
    beforeEach(async () => {
      setting = await newSetting('Ashby Primary', '100001')
    })

    it('enrols a device with a code once, and says "used" after', async () => {
      await store.addEnrolmentCode(setting.id, 'hash-1', LATER, AT)
      const device = { id: randomUUID(), tokenHash: 'token-1' }
      expect(await store.redeemEnrolmentCode('hash-1', device, AT)).toEqual({
        outcome: 'enrolled',
        setting,
        device: { id: device.id, settingId: setting.id, enrolledAt: AT },
      })
      expect(await store.redeemEnrolmentCode('hash-1', { id: randomUUID(), tokenHash: 'token-2' }, AT)).toEqual({ outcome: 'used' })
      expect(await store.listDevices()).toHaveLength(1)
    })

    it('answers "unknown" for a code it never issued', async () => {
      expect(await store.redeemEnrolmentCode('no-such-hash', { id: randomUUID(), tokenHash: 'token-1' }, AT)).toEqual({ outcome: 'unknown' })
    })

    it('answers "expired" after the code’s expiry, and enrols at the very moment of it', async () => {
      await store.addEnrolmentCode(setting.id, 'hash-old', '2026-03-02T08:59:59.999Z', '2026-02-16T09:00:00.000Z')
      await store.addEnrolmentCode(setting.id, 'hash-now', AT, '2026-02-16T09:00:00.000Z')
      expect(await store.redeemEnrolmentCode('hash-old', { id: randomUUID(), tokenHash: 'token-1' }, AT)).toEqual({ outcome: 'expired' })
      expect((await store.redeemEnrolmentCode('hash-now', { id: randomUUID(), tokenHash: 'token-2' }, AT)).outcome).toBe('enrolled')
      expect(await store.listDevices()).toHaveLength(1)
    })

    it('refuses a code for a setting that does not exist, and the same code twice', async () => {
      await expect(store.addEnrolmentCode('no-such-setting', 'hash-1', LATER, AT)).rejects.toThrow()
      await store.addEnrolmentCode(setting.id, 'hash-1', LATER, AT)
      const error = await store.addEnrolmentCode(setting.id, 'hash-1', LATER, AT).catch((caught: unknown) => caught)
      expect(isUniqueViolation(error)).toBe(true)
    })

    it('leaves the code unused when the device cannot be written (one transaction)', async () => {
      await store.addEnrolmentCode(setting.id, 'hash-1', LATER, AT)
      await store.addEnrolmentCode(setting.id, 'hash-2', LATER, AT)
      await store.redeemEnrolmentCode('hash-1', { id: 'device-1', tokenHash: 'token-1' }, AT)
      await expect(store.redeemEnrolmentCode('hash-2', { id: 'device-2', tokenHash: 'token-1' }, AT)).rejects.toThrow()
      expect((await store.redeemEnrolmentCode('hash-2', { id: 'device-2', tokenHash: 'token-2' }, AT)).outcome).toBe('enrolled')
    })

    it('lets only one of two instances redeeming the same code at once enrol', async () => {
      const [first, second] = await openTwo()
      others.push(first, second)
      const shared = await first.createSetting({ id: randomUUID(), name: 'Ashby Primary', urn: '100001', phase: 'primary' }, AT)
      const codes = Array.from({ length: 10 }, (_, index) => `hash-${index}`)
      for (const code of codes) await first.addEnrolmentCode(shared.id, code, LATER, AT)
      const outcomes = await Promise.all(
        codes.flatMap((code) => [first, second].map((each) => each.redeemEnrolmentCode(code, { id: randomUUID(), tokenHash: randomUUID() }, AT))),
      )
      for (const [index] of codes.entries()) {
        expect(outcomes.slice(index * 2, index * 2 + 2).map((outcome) => outcome.outcome).sort()).toEqual(['enrolled', 'used'])
      }
      expect(await second.listDevices()).toHaveLength(codes.length)
    })
  })

  describe('devices', () => {
    let setting: Setting
    beforeEach(async () => {
      setting = await newSetting('Ashby Primary', '100001')
    })

    it('finds a device by its token’s hash, and nothing for another', async () => {
      const device = await enrolledDevice(store, setting, AT, 'one')
      expect(await store.deviceByTokenHash('token-one')).toEqual(device)
      expect(await store.deviceByTokenHash('token-two')).toBeUndefined()
    })

    it('lists devices by when they enrolled', async () => {
      const later = await enrolledDevice(store, setting, '2026-03-03T09:00:00.000Z')
      const earlier = await enrolledDevice(store, setting, '2026-03-01T09:00:00.000Z')
      expect(await store.listDevices()).toEqual([earlier, later])
    })

    it('revokes a device once: the first revocation counts', async () => {
      const device = await enrolledDevice(store, setting, AT, 'one')
      expect(await store.revokeDevice(device.id, '2026-03-04T09:00:00.000Z')).toBe(true)
      expect(await store.revokeDevice(device.id, '2026-03-05T09:00:00.000Z')).toBe(false)
      expect(await store.deviceByTokenHash('token-one')).toEqual({ ...device, revokedAt: '2026-03-04T09:00:00.000Z' })
      expect(await store.listDevices()).toEqual([{ ...device, revokedAt: '2026-03-04T09:00:00.000Z' }])
      expect(await store.revokeDevice('no-such-device', AT)).toBe(false)
    })
  })
})

describe.each(STORES)('$name store: submissions, statuses and search', ({ open }) => {
  let store: IntakeStore
  let ashby: { setting: Setting; device: Device }
  let burbage: { setting: Setting; device: Device }
  beforeEach(async () => {
    store = await open()
    ashby = await settingWithDevice(store, 'Ashby Primary', '100001')
    burbage = await settingWithDevice(store, 'Burbage 100% Academy', '100002')
  })
  afterEach(() => store.close())

  describe('a recorded submission', () => {
    it('is there in full, by id, with its setting’s name', async () => {
      const notice = await submit(store, ashby.device, 'permanent-exclusion', AT, { payload: { pupil: { name: 'Alice Smith' } } })
      const update = await submit(store, ashby.device, 'permanent-exclusion-update', '2026-03-03T09:00:00.000Z', { dependsOn: notice.key, payload: { outcome: 'upheld' } })
      expect(await store.submission(notice.id)).toEqual({
        id: notice.id,
        reference: `IC-${String(notice.id).padStart(6, '0')}`,
        kind: 'permanent-exclusion',
        settingId: ashby.setting.id,
        settingName: 'Ashby Primary',
        receivedAt: AT,
        status: 'received',
        updatedAt: AT,
        deviceId: ashby.device.id,
        idempotencyKey: notice.key,
        payload: { pupil: { name: 'Alice Smith' } },
      })
      expect(await store.submission(update.id)).toMatchObject({ dependsOn: notice.key, payload: { outcome: 'upheld' } })
      expect(await store.submission(update.id + 1000)).toBeUndefined()
    })

    it('is found by device, key and kind only', async () => {
      const notice = await submit(store, ashby.device, 'permanent-exclusion', AT)
      expect(await store.submissionKeyExists(ashby.device.id, notice.key, 'permanent-exclusion')).toBe(true)
      expect(await store.submissionKeyExists(ashby.device.id, notice.key, 'suspension')).toBe(false)
      expect(await store.submissionKeyExists(burbage.device.id, notice.key, 'permanent-exclusion')).toBe(false)
      expect(await store.submissionKeyExists(ashby.device.id, randomUUID(), 'permanent-exclusion')).toBe(false)
    })

    it('gets ids in the order recorded', async () => {
      const first = await submit(store, ashby.device, 'suspension', AT)
      const second = await submit(store, burbage.device, 'suspension', AT)
      expect(second.id).toBeGreaterThan(first.id)
    })
  })

  describe('status updates', () => {
    it('change the status and the updated time, keep a forum date or outcome not given again, and say whether there was such a submission', async () => {
      const { id } = await submit(store, ashby.device, 'forum-case', AT)
      expect(await store.updateSubmissionStatus(id, { status: 'forum-date-set', forumDate: '2026-03-20' }, '2026-03-03T09:00:00.000Z')).toBe(true)
      expect(await store.submission(id)).toMatchObject({ status: 'forum-date-set', forumDate: '2026-03-20', updatedAt: '2026-03-03T09:00:00.000Z' })
      expect(await store.updateSubmissionStatus(id, { status: 'plan-issued', outcome: 'Plan agreed' }, '2026-03-04T09:00:00.000Z')).toBe(true)
      const detail = await store.submission(id)
      expect(detail).toMatchObject({ status: 'plan-issued', forumDate: '2026-03-20', outcome: 'Plan agreed', updatedAt: '2026-03-04T09:00:00.000Z' })
      expect(detail?.closedAt).toBeUndefined()
      expect(await store.updateSubmissionStatus(id + 1000, { status: 'plan-issued' }, AT)).toBe(false)
    })

    it('close the record at the first change that closes it, and keep that moment', async () => {
      const { id } = await submit(store, ashby.device, 'forum-case', AT)
      await store.updateSubmissionStatus(id, { status: 'plan-issued', closes: true }, '2026-03-04T09:00:00.000Z')
      await store.updateSubmissionStatus(id, { status: 'plan-issued', outcome: 'Corrected', closes: true }, '2026-03-05T09:00:00.000Z')
      await store.updateSubmissionStatus(id, { status: 'plan-issued', closes: false }, '2026-03-06T09:00:00.000Z')
      expect(await store.submission(id)).toMatchObject({ closedAt: '2026-03-04T09:00:00.000Z', outcome: 'Corrected', updatedAt: '2026-03-06T09:00:00.000Z' })
    })
  })

  describe('statuses for a device', () => {
    it('are its own submissions, oldest first, with forum dates and outcomes once set', async () => {
      const forum = await submit(store, ashby.device, 'forum-case', '2026-03-05T09:00:00.000Z')
      const suspension = await submit(store, ashby.device, 'suspension', '2026-03-01T09:00:00.000Z')
      await submit(store, burbage.device, 'suspension', AT)
      await store.updateSubmissionStatus(forum.id, { status: 'forum-date-set', forumDate: '2026-03-20' }, '2026-03-06T09:00:00.000Z')
      await store.updateSubmissionStatus(suspension.id, { status: 'outcome-recorded', outcome: 'Noted' }, '2026-03-07T09:00:00.000Z')
      expect(await store.statusesForDevice(ashby.device.id)).toEqual([
        {
          idempotencyKey: forum.key, reference: `IC-${String(forum.id).padStart(6, '0')}`, kind: 'forum-case', status: 'forum-date-set',
          receivedAt: '2026-03-05T09:00:00.000Z', updatedAt: '2026-03-06T09:00:00.000Z', forumDate: '2026-03-20',
        },
        {
          idempotencyKey: suspension.key, reference: `IC-${String(suspension.id).padStart(6, '0')}`, kind: 'suspension', status: 'outcome-recorded',
          receivedAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-07T09:00:00.000Z', outcome: 'Noted',
        },
      ])
      expect(await store.statusesForDevice('no-such-device')).toEqual([])
    })

    it('say where each permanent exclusion’s case has got to, even with nothing recorded', async () => {
      const recorded = await submit(store, ashby.device, 'permanent-exclusion', AT)
      const untouched = await submit(store, ashby.device, 'permanent-exclusion', AT)
      const update = await submit(store, ashby.device, 'permanent-exclusion-update', AT, { dependsOn: recorded.key })
      const other = await submit(store, burbage.device, 'permanent-exclusion', AT)
      await store.cases.recordStep(recorded.id, 'duty-desk-call', { at: '2026-03-02' }, officer, '2026-03-02T10:00:00.000Z')
      await store.cases.recordStep(recorded.id, 'school-decision', { decision: 'continue', on: '2026-03-02' }, officer, '2026-03-02T11:00:00.000Z')
      await store.cases.recordStep(other.id, 'duty-desk-call', { at: '2026-03-02' }, officer, '2026-03-02T10:00:00.000Z')
      const statuses = await store.statusesForDevice(ashby.device.id)
      expect(statuses.map((status) => [status.idempotencyKey, status.progress])).toEqual([
        [recorded.key, ['The Inclusion Service has received your call to the duty desk', 'The Inclusion Service has noted that you are continuing with the permanent exclusion']],
        [untouched.key, []],
        [update.key, undefined],
      ])
      expect('progress' in statuses[2]!).toBe(false)
    })

    it('follow a corrected step: the latest record counts', async () => {
      const notice = await submit(store, ashby.device, 'permanent-exclusion', AT)
      await store.cases.recordStep(notice.id, 'school-decision', { decision: 'continue', on: '2026-03-02' }, officer, '2026-03-02T10:00:00.000Z')
      await store.cases.recordStep(notice.id, 'school-decision', { decision: 'withdraw', on: '2026-03-02' }, officer, '2026-03-02T11:00:00.000Z')
      expect((await store.statusesForDevice(ashby.device.id))[0]!.progress).toEqual(['The Inclusion Service has noted that you withdrew the permanent exclusion'])
    })
  })

  describe('search', () => {
    const ids = async (filter: SubmissionFilter) => (await store.listSubmissions(filter)).map((summary) => summary.id)

    it('lists everything newest first by received time, then by id, with each one’s summary', async () => {
      const early = await submit(store, ashby.device, 'suspension', '2026-03-01T09:00:00.000Z')
      const tiedFirst = await submit(store, burbage.device, 'forum-case', '2026-03-02T09:00:00.000Z')
      const tiedSecond = await submit(store, ashby.device, 'permanent-exclusion', '2026-03-02T09:00:00.000Z')
      const late = await submit(store, ashby.device, 'suspension', '2026-03-03T09:00:00.000Z')
      await store.updateSubmissionStatus(tiedFirst.id, { status: 'forum-date-set', forumDate: '2026-03-20' }, '2026-03-04T09:00:00.000Z')
      expect(await ids({})).toEqual([late.id, tiedSecond.id, tiedFirst.id, early.id])
      const [, , forum] = await store.listSubmissions({})
      expect(forum).toEqual({
        id: tiedFirst.id, reference: `IC-${String(tiedFirst.id).padStart(6, '0')}`, kind: 'forum-case', settingId: burbage.setting.id, settingName: 'Burbage 100% Academy',
        receivedAt: '2026-03-02T09:00:00.000Z', status: 'forum-date-set', forumDate: '2026-03-20', updatedAt: '2026-03-04T09:00:00.000Z',
      })
    })

    it('finds by id, kind, status and setting id', async () => {
      const suspension = await submit(store, ashby.device, 'suspension', '2026-03-01T09:00:00.000Z')
      const forum = await submit(store, ashby.device, 'forum-case', '2026-03-02T09:00:00.000Z')
      const elsewhere = await submit(store, burbage.device, 'suspension', '2026-03-03T09:00:00.000Z')
      await store.updateSubmissionStatus(forum.id, { status: 'plan-issued' }, AT)
      expect(await ids({ id: forum.id })).toEqual([forum.id])
      expect(await ids({ id: forum.id + 1000 })).toEqual([])
      expect(await ids({ kind: 'suspension' })).toEqual([elsewhere.id, suspension.id])
      expect(await ids({ status: 'plan-issued' })).toEqual([forum.id])
      expect(await ids({ status: 'received' })).toEqual([elsewhere.id, suspension.id])
      expect(await ids({ settingId: ashby.setting.id })).toEqual([forum.id, suspension.id])
      expect(await ids({ settingId: ashby.setting.id, kind: 'suspension' })).toEqual([suspension.id])
    })

    it('finds settings by URN exactly, or by part of the name with ASCII case ignored, taking % and _ as themselves', async () => {
      const ashbys = await submit(store, ashby.device, 'suspension', '2026-03-01T09:00:00.000Z')
      const burbages = await submit(store, burbage.device, 'suspension', '2026-03-02T09:00:00.000Z')
      const ecole = await settingWithDevice(store, 'École Saint-Michel', '100003')
      const ecoles = await submit(store, ecole.device, 'suspension', '2026-03-03T09:00:00.000Z')
      expect(await ids({ setting: '100001' })).toEqual([ashbys.id])
      expect(await ids({ setting: '10000' })).toEqual([])
      expect(await ids({ setting: 'ashby' })).toEqual([ashbys.id])
      expect(await ids({ setting: 'BY PRI' })).toEqual([ashbys.id])
      expect(await ids({ setting: '100%' })).toEqual([burbages.id])
      expect(await ids({ setting: '%' })).toEqual([burbages.id])
      expect(await ids({ setting: '_' })).toEqual([])
      expect(await ids({ setting: 'École' })).toEqual([ecoles.id])
      // Beyond ASCII, case counts (SQLite's LIKE; PostgreSQL's ILIKE under COLLATE "C").
      expect(await ids({ setting: 'école' })).toEqual([])
    })

    it('finds by received date as UK days, the whole "to" day included', async () => {
      // 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST); in winter the UK is on UTC.
      const lateJune = await submit(store, ashby.device, 'suspension', '2026-06-30T22:59:59.999Z')
      const firstJuly = await submit(store, ashby.device, 'suspension', '2026-06-30T23:30:00.000Z')
      const endJuly = await submit(store, ashby.device, 'suspension', '2026-07-31T22:59:59.999Z')
      const firstAugust = await submit(store, ashby.device, 'suspension', '2026-07-31T23:00:00.000Z')
      const december = await submit(store, ashby.device, 'suspension', '2026-12-01T00:30:00.000Z')
      expect(await ids({ from: '2026-07-01', to: '2026-07-31' })).toEqual([endJuly.id, firstJuly.id])
      expect(await ids({ to: '2026-06-30' })).toEqual([lateJune.id])
      expect(await ids({ from: '2026-08-01' })).toEqual([december.id, firstAugust.id])
      expect(await ids({ from: '2026-12-01', to: '2026-12-01' })).toEqual([december.id])
      expect(await ids({ dateOn: 'received', from: '2026-11-30', to: '2026-11-30' })).toEqual([])
    })

    it('finds by event date, only among the kinds that have one unless a kind is given', async () => {
      const suspension = await submit(store, ashby.device, 'suspension', '2026-03-10T09:00:00.000Z', { eventDate: '2026-03-02', suspensionDays: 2 })
      const exclusion = await submit(store, ashby.device, 'permanent-exclusion', '2026-03-11T09:00:00.000Z', { eventDate: '2026-03-05' })
      const forum = await submit(store, ashby.device, 'forum-case', '2026-03-12T09:00:00.000Z', { eventDate: '2026-03-03' })
      await submit(store, ashby.device, 'suspension', '2026-03-13T09:00:00.000Z', { eventDate: '2026-04-01', suspensionDays: 1 })
      expect(await ids({ dateOn: 'event', from: '2026-03-02', to: '2026-03-05' })).toEqual([exclusion.id, suspension.id])
      expect(await ids({ dateOn: 'event', to: '2026-03-04' })).toEqual([suspension.id])
      expect(await ids({ dateOn: 'event', kind: 'forum-case', from: '2026-03-01' })).toEqual([forum.id])
      expect(await ids({ dateOn: 'event', kind: 'suspension', from: '2026-03-03' })).toHaveLength(1)
      // Without a range, dateOn says nothing: every kind.
      expect(await ids({ dateOn: 'event' })).toHaveLength(4)
    })

    it('finds by pupil name, whole or by how it starts, and shows the name as sent only then', async () => {
      const alice = await submit(store, ashby.device, 'suspension', '2026-03-01T09:00:00.000Z', { pupilName: 'alice smith', payload: { pupil: { name: 'Alice  Smith' } } })
      const alistair = await submit(store, ashby.device, 'forum-case', '2026-03-02T09:00:00.000Z', { pupilName: 'alistair ng', payload: { child: { name: 'Alistair Ng' } } })
      await submit(store, ashby.device, 'suspension', '2026-03-03T09:00:00.000Z', { pupilName: 'bob ali', payload: { pupil: { name: 'Bob Ali' } } })
      const zoe = await submit(store, ashby.device, 'suspension', '2026-03-04T09:00:00.000Z', { pupilName: 'zoë ålund', payload: { pupil: { name: 'Zoë Ålund' } } })
      await submit(store, ashby.device, 'suspension', '2026-03-05T09:00:00.000Z')
      const exact = await store.listSubmissions({ pupilName: { name: 'alice smith', match: 'exact' } })
      expect(exact.map((summary) => [summary.id, summary.pupilName])).toEqual([[alice.id, 'Alice  Smith']])
      expect(await ids({ pupilName: { name: 'alice', match: 'exact' } })).toEqual([])
      const prefix = await store.listSubmissions({ pupilName: { name: 'ali', match: 'prefix' } })
      expect(prefix.map((summary) => [summary.id, summary.pupilName])).toEqual([[alistair.id, 'Alistair Ng'], [alice.id, 'Alice  Smith']])
      expect(await ids({ pupilName: { name: 'zoë', match: 'prefix' } })).toEqual([zoe.id])
      expect(await ids({ pupilName: { name: 'zo', match: 'prefix' } })).toEqual([zoe.id])
      expect(await ids({ pupilName: { name: 'alice smith ', match: 'prefix' } })).toEqual([])
      expect((await store.listSubmissions({})).every((summary) => !('pupilName' in summary))).toBe(true)
    })

    it('finds open permanent exclusions overdue for education', async () => {
      const overdue = await submit(store, ashby.device, 'permanent-exclusion', '2026-03-01T09:00:00.000Z', { educationFrom: '2026-03-09' })
      await submit(store, ashby.device, 'permanent-exclusion', '2026-03-02T09:00:00.000Z', { educationFrom: '2026-03-10' })
      await submit(store, ashby.device, 'permanent-exclusion', '2026-03-03T09:00:00.000Z')
      const arranged = await submit(store, ashby.device, 'permanent-exclusion', '2026-03-04T09:00:00.000Z', { educationFrom: '2026-03-06' })
      const withdrawn = await submit(store, ashby.device, 'permanent-exclusion', '2026-03-05T09:00:00.000Z', { educationFrom: '2026-03-06' })
      await submit(store, ashby.device, 'suspension', '2026-03-06T09:00:00.000Z', { educationFrom: '2026-03-06' })
      await store.cases.recordStep(arranged.id, 'school-decision', { decision: 'continue', on: '2026-03-04' }, officer, AT)
      await store.cases.recordStep(arranged.id, 'education-in-place', { provider: 'Pupil referral unit', startDate: '2026-03-09' }, officer, AT)
      await store.cases.recordStep(withdrawn.id, 'school-decision', { decision: 'withdraw', on: '2026-03-05' }, officer, AT)
      expect(await ids({ overdueOn: '2026-03-10' })).toEqual([overdue.id])
      expect(await ids({ overdueOn: '2026-03-09' })).toEqual([])
    })

    it('combines filters', async () => {
      const match = await submit(store, ashby.device, 'suspension', '2026-03-02T09:00:00.000Z', { pupilName: 'alice smith', eventDate: '2026-03-01' })
      await submit(store, burbage.device, 'suspension', '2026-03-02T09:00:00.000Z', { pupilName: 'alice smith', eventDate: '2026-03-01' })
      await submit(store, ashby.device, 'forum-case', '2026-03-02T09:00:00.000Z', { pupilName: 'alice smith' })
      await submit(store, ashby.device, 'suspension', '2026-03-09T09:00:00.000Z', { pupilName: 'alice smith', eventDate: '2026-03-01' })
      expect(await ids({ setting: 'ashby', kind: 'suspension', from: '2026-03-01', to: '2026-03-08', pupilName: { name: 'alice', match: 'prefix' }, status: 'received' })).toEqual([match.id])
    })

    it('gives a page at a time, and how many match in all', async () => {
      const all: number[] = []
      for (let day = 1; day <= 7; day++) all.unshift((await submit(store, ashby.device, 'suspension', `2026-03-0${day}T09:00:00.000Z`)).id)
      await submit(store, burbage.device, 'forum-case', AT)
      const page = async (offset: number) => store.findSubmissions({ kind: 'suspension' }, { limit: 3, offset })
      expect(await page(0)).toMatchObject({ total: 7, submissions: all.slice(0, 3).map((id) => ({ id })) })
      expect((await page(3)).submissions.map((summary) => summary.id)).toEqual(all.slice(3, 6))
      expect(await page(6)).toMatchObject({ total: 7, submissions: [{ id: all[6] }] })
      expect(await page(9)).toEqual({ total: 7, submissions: [] })
      expect(await store.findSubmissions({ kind: 'permanent-exclusion' }, { limit: 3, offset: 0 })).toEqual({ total: 0, submissions: [] })
    })

    it('lists the first 1,000 that match', async () => {
      await Promise.all(Array.from({ length: 1001 }, (_, index) => submit(store, ashby.device, 'suspension', new Date(Date.parse(AT) + index * 1000).toISOString())))
      const listed = await store.listSubmissions({})
      expect(listed).toHaveLength(1000)
      expect(listed[0]!.receivedAt).toBe(new Date(Date.parse(AT) + 1000 * 1000).toISOString())
    })
  })
})
