import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RecordingOfficer } from '../../server/store/cases-store'
import type { Device, IntakeStore } from '../../server/store/intake-store'
import type { MeetingSlots } from '../../server/store/meetings-store'
import { settingWithDevice, submit } from './store-contract-fixtures'
import { STORES } from './stores'

const CASEY: RecordingOfficer = { id: 'officer-1', displayName: 'Casey Officer' }
const ROBIN: RecordingOfficer = { id: 'officer-2', displayName: 'Robin Officer' }

// Test meetings: ids as the content names them, plausible dates and slots.
const DECEMBER: MeetingSlots = { id: 'primary-2026-12-03', date: '2026-12-03', slots: 2 }
const JANUARY: MeetingSlots = { id: 'primary-2027-01-14', date: '2027-01-14', slots: 3 }

/** `minutes` after 09:00 on 20 November 2026: each write later than the one before. */
const at = (minutes: number) => new Date(Date.parse('2026-11-20T09:00:00.000Z') + minutes * 60_000).toISOString()

const forumCase = (forum = 'primary', caseType = 'anonymous', preferredMeeting?: string) => ({ forum, caseType, yearGroup: 'year-4', ...(preferredMeeting ? { preferredMeeting } : {}) })

describe.each(STORES)('$name store: forum meetings', ({ open, openTwo }) => {
  let store: IntakeStore
  let device: Device
  let otherDevice: Device

  beforeEach(async () => {
    store = await open()
    device = (await settingWithDevice(store, 'Ashby Primary', '200001', at(0))).device
    otherDevice = (await settingWithDevice(store, 'Burbage Infants', '200002', at(0))).device
  })
  afterEach(() => store.close())

  const newCase = async (receivedAt = at(1), payload: unknown = forumCase(), from = device) => (await submit(store, from, 'forum-case', receivedAt, { payload })).id
  const assign = (id: number, meeting: MeetingSlots, when: string, officer = CASEY) => store.meetings.assign(id, meeting, officer, when)
  const statusOf = async (id: number) => {
    const { status, forumDate, updatedAt } = (await store.submission(id))!
    return { status, forumDate, updatedAt }
  }
  const idsAt = async (meetingId: string) => (await store.meetings.casesAt(meetingId)).map((item) => item.id)
  const waitingIds = async () => (await store.meetings.waiting()).map((item) => item.id)

  it('assigns a forum case: the assignment with who and when, and the case’s forum date, status and updated time for its device', async () => {
    const id = await newCase(at(1), forumCase('primary', 'named', 'next'))
    expect(await assign(id, DECEMBER, at(5))).toEqual({ outcome: 'assigned' })

    expect(await store.meetings.assignment(id)).toEqual({ submissionId: id, meetingId: 'primary-2026-12-03', assignedAt: at(5), assignedById: 'officer-1', assignedByName: 'Casey Officer' })
    expect(await statusOf(id)).toEqual({ status: 'forum-date-set', forumDate: '2026-12-03', updatedAt: at(5) })
    expect(await store.meetings.casesAt('primary-2026-12-03')).toEqual([
      {
        id, reference: `IC-${String(id).padStart(6, '0')}`, settingName: 'Ashby Primary', receivedAt: at(1), status: 'forum-date-set',
        forum: 'primary', caseType: 'named', preferredMeeting: 'next', meetingId: 'primary-2026-12-03',
      },
    ])
    expect(await store.meetings.caseCounts()).toEqual(new Map([['primary-2026-12-03', 1]]))
    expect(await waitingIds()).toEqual([])
    const [status] = await store.statusesForDevice(device.id)
    expect(status).toMatchObject({ status: 'forum-date-set', forumDate: '2026-12-03', updatedAt: at(5), meetingId: 'primary-2026-12-03' })
  })

  it('moves the forum date of a meeting’s cases to the meeting’s new date, touching only those that differ', async () => {
    const [first, second, elsewhere] = [await newCase(), await newCase(), await newCase()]
    await assign(first, DECEMBER, at(2))
    await assign(second, DECEMBER, at(3))
    await assign(elsewhere, JANUARY, at(4))
    // December's meeting moves to 10 December; January's stays as it is.
    expect(await store.meetings.followDates([{ id: DECEMBER.id, date: '2026-12-10' }, { id: JANUARY.id, date: '2027-01-14' }], at(9))).toBe(2)
    expect(await statusOf(first)).toEqual({ status: 'forum-date-set', forumDate: '2026-12-10', updatedAt: at(9) })
    expect(await statusOf(second)).toEqual({ status: 'forum-date-set', forumDate: '2026-12-10', updatedAt: at(9) })
    expect(await statusOf(elsewhere)).toEqual({ status: 'forum-date-set', forumDate: '2027-01-14', updatedAt: at(4) })
    expect(await store.meetings.followDates([{ id: DECEMBER.id, date: '2026-12-10' }], at(10))).toBe(0)
    expect(await store.meetings.followDates([], at(11))).toBe(0)
  })

  it('tells only the device that sent the case of its meeting', async () => {
    const ours = await newCase()
    const theirs = await newCase(at(2), forumCase(), otherDevice)
    await assign(ours, DECEMBER, at(5))
    expect((await store.statusesForDevice(otherDevice.id)).map((status) => [status.reference, status.meetingId])).toEqual([[`IC-${String(theirs).padStart(6, '0')}`, undefined]])
    expect('meetingId' in (await store.statusesForDevice(otherDevice.id))[0]!).toBe(false)
  })

  it('refuses a case when the meeting’s slots are all taken, and leaves that case as it was', async () => {
    const [first, second, third] = [await newCase(at(1)), await newCase(at(2)), await newCase(at(3))]
    expect(await assign(first, DECEMBER, at(5))).toEqual({ outcome: 'assigned' })
    expect(await assign(second, DECEMBER, at(6))).toEqual({ outcome: 'assigned' })
    expect(await assign(third, DECEMBER, at(7))).toEqual({ refused: 'full' })
    expect(await store.meetings.assignment(third)).toBeUndefined()
    expect(await statusOf(third)).toEqual({ status: 'received', forumDate: undefined, updatedAt: at(3) })
    expect(await idsAt('primary-2026-12-03')).toEqual([first, second])
    expect(await waitingIds()).toEqual([third])
  })

  it('moves a case to another meeting: its new date reaches the device; the old meeting has a slot again', async () => {
    const [moved, staying] = [await newCase(at(1)), await newCase(at(2))]
    await assign(moved, DECEMBER, at(5))
    await assign(staying, DECEMBER, at(6))
    expect(await assign(moved, JANUARY, at(7), ROBIN)).toEqual({ outcome: 'moved', from: 'primary-2026-12-03' })
    expect(await store.meetings.assignment(moved)).toMatchObject({ meetingId: 'primary-2027-01-14', assignedAt: at(7), assignedById: 'officer-2', assignedByName: 'Robin Officer' })
    expect(await statusOf(moved)).toEqual({ status: 'forum-date-set', forumDate: '2027-01-14', updatedAt: at(7) })
    expect(await store.meetings.caseCounts()).toEqual(new Map([['primary-2026-12-03', 1], ['primary-2027-01-14', 1]]))
    expect((await store.statusesForDevice(device.id)).map((status) => status.meetingId)).toEqual(['primary-2027-01-14', 'primary-2026-12-03'])
  })

  it('refuses a move into a full meeting, and the case stays where it was', async () => {
    const [first, second, third] = [await newCase(at(1)), await newCase(at(2)), await newCase(at(3))]
    await assign(first, DECEMBER, at(5))
    await assign(second, DECEMBER, at(6))
    await assign(third, JANUARY, at(7))
    expect(await assign(third, DECEMBER, at(8))).toEqual({ refused: 'full' })
    expect(await store.meetings.assignment(third)).toMatchObject({ meetingId: 'primary-2027-01-14', assignedAt: at(7) })
    expect(await statusOf(third)).toEqual({ status: 'forum-date-set', forumDate: '2027-01-14', updatedAt: at(7) })
  })

  it('changes nothing when a case is assigned to the meeting it is at, even a full one', async () => {
    const [first, second] = [await newCase(at(1)), await newCase(at(2))]
    await assign(first, DECEMBER, at(5))
    await assign(second, DECEMBER, at(6))
    expect(await assign(second, DECEMBER, at(9), ROBIN)).toEqual({ outcome: 'unchanged' })
    expect(await store.meetings.assignment(second)).toMatchObject({ assignedAt: at(6), assignedById: 'officer-1' })
    expect(await statusOf(second)).toEqual({ status: 'forum-date-set', forumDate: '2026-12-03', updatedAt: at(6) })
  })

  it('takes a case off its meeting: received again, its forum date cleared, waiting again', async () => {
    const id = await newCase()
    await assign(id, DECEMBER, at(5))
    expect(await store.meetings.unassign(id, DECEMBER.id, at(6))).toEqual({ outcome: 'removed', from: 'primary-2026-12-03' })
    expect(await store.meetings.assignment(id)).toBeUndefined()
    expect(await statusOf(id)).toEqual({ status: 'received', forumDate: undefined, updatedAt: at(6) })
    expect(await store.meetings.caseCounts()).toEqual(new Map())
    expect(await waitingIds()).toEqual([id])
    expect(await store.meetings.unassign(id, DECEMBER.id, at(7))).toEqual({ refused: 'not-assigned' })
    expect((await statusOf(id)).updatedAt).toBe(at(6))
  })

  it('takes a case off only the meeting named: one moved meanwhile stays at its new meeting', async () => {
    const id = await newCase()
    await assign(id, DECEMBER, at(5))
    await assign(id, JANUARY, at(6), ROBIN)
    expect(await store.meetings.unassign(id, DECEMBER.id, at(7))).toEqual({ refused: 'not-assigned' })
    expect(await store.meetings.assignment(id)).toMatchObject({ meetingId: 'primary-2027-01-14' })
    expect(await statusOf(id)).toEqual({ status: 'forum-date-set', forumDate: '2027-01-14', updatedAt: at(6) })
  })

  it('refuses a case that is not there, is not a forum case, or is closed, and changes none of them', async () => {
    const suspension = (await submit(store, device, 'suspension', at(1))).id
    const closed = await newCase(at(2))
    await assign(closed, JANUARY, at(3))
    await store.updateSubmissionStatus(closed, { status: 'plan-issued', closes: true }, at(4))
    const closedNever = await newCase(at(5))
    await store.updateSubmissionStatus(closedNever, { status: 'plan-issued', closes: true }, at(6))

    expect(await assign(999_999, DECEMBER, at(9))).toEqual({ refused: 'not-found' })
    expect(await assign(suspension, DECEMBER, at(9))).toEqual({ refused: 'not-a-forum-case' })
    expect(await assign(closed, DECEMBER, at(9))).toEqual({ refused: 'closed' })
    expect(await assign(closedNever, DECEMBER, at(9))).toEqual({ refused: 'closed' })
    expect(await store.meetings.unassign(999_999, DECEMBER.id, at(9))).toEqual({ refused: 'not-found' })
    expect(await store.meetings.unassign(suspension, DECEMBER.id, at(9))).toEqual({ refused: 'not-a-forum-case' })
    expect(await store.meetings.unassign(closed, JANUARY.id, at(9))).toEqual({ refused: 'closed' })

    expect(await store.meetings.caseCounts()).toEqual(new Map([['primary-2027-01-14', 1]]))
    expect(await statusOf(closed)).toEqual({ status: 'plan-issued', forumDate: '2027-01-14', updatedAt: at(4) })
    expect(await statusOf(suspension)).toEqual({ status: 'received', forumDate: undefined, updatedAt: at(1) })
  })

  it('lists the cases waiting: open forum cases of every setting with no meeting, oldest first, with what the setting chose', async () => {
    const late = await newCase(at(30), forumCase('secondary', 'named', 'secondary-2026-12-10'))
    const early = await newCase(at(10), forumCase('early-years', 'anonymous'), otherDevice)
    const assigned = await newCase(at(5))
    await assign(assigned, DECEMBER, at(40))
    const closed = await newCase(at(1))
    await store.updateSubmissionStatus(closed, { status: 'plan-issued', closes: true }, at(41))
    await submit(store, device, 'suspension', at(2))

    expect(await store.meetings.waiting()).toEqual([
      { id: early, reference: `IC-${String(early).padStart(6, '0')}`, settingName: 'Burbage Infants', receivedAt: at(10), status: 'received', forum: 'early-years', caseType: 'anonymous' },
      {
        id: late, reference: `IC-${String(late).padStart(6, '0')}`, settingName: 'Ashby Primary', receivedAt: at(30), status: 'received',
        forum: 'secondary', caseType: 'named', preferredMeeting: 'secondary-2026-12-10',
      },
    ])
  })

  it('lists a meeting’s cases oldest first, and none for a meeting with none', async () => {
    const later = await newCase(at(20))
    const earlier = await newCase(at(10))
    await assign(later, JANUARY, at(30))
    await assign(earlier, JANUARY, at(31))
    expect(await idsAt('primary-2027-01-14')).toEqual([earlier, later])
    expect(await idsAt('no-such-meeting')).toEqual([])
  })

  it('deletes a case’s assignment with the case under retention', async () => {
    const id = await newCase()
    await assign(id, DECEMBER, at(5))
    await store.updateSubmissionStatus(id, { status: 'plan-issued', closes: true }, at(6))
    expect(await store.retention.deleteClosedBefore(at(7), at(8))).toEqual([`IC-${String(id).padStart(6, '0')}`])
    expect(await store.meetings.assignment(id)).toBeUndefined()
    expect(await store.meetings.caseCounts()).toEqual(new Map())
  })

  describe('two instances at once', () => {
    const opened: IntakeStore[] = []
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((each) => each.close()))
    })

    it('give a meeting’s last slot to one case only', async () => {
      const [first, second] = await openTwo()
      opened.push(first, second)
      const { device: from } = await settingWithDevice(first, 'Coalville Primary', '200003', at(0))
      const cases = await Promise.all([1, 2, 3, 4, 5, 6].map(async (minute) => (await submit(first, from, 'forum-case', at(minute), { payload: forumCase() })).id))
      // Three slots, six cases, each instance assigning three of them at the same moment.
      const results = await Promise.all(cases.map((id, index) => (index % 2 ? second : first).meetings.assign(id, JANUARY, index % 2 ? ROBIN : CASEY, at(10))))
      expect(results.filter((result) => 'outcome' in result)).toHaveLength(3)
      expect(results.filter((result) => 'refused' in result && result.refused === 'full')).toHaveLength(3)
      expect(await first.meetings.caseCounts()).toEqual(new Map([['primary-2027-01-14', 3]]))
      expect(await second.meetings.casesAt('primary-2027-01-14')).toHaveLength(3)
    })

    it('leave a case assigned to one meeting only, with that meeting’s date, when both assign it at once', async () => {
      const [first, second] = await openTwo()
      opened.push(first, second)
      const { device: from } = await settingWithDevice(first, 'Coalville Primary', '200003', at(0))
      const { id } = await submit(first, from, 'forum-case', at(1), { payload: forumCase() })
      const results = await Promise.all([first.meetings.assign(id, DECEMBER, CASEY, at(10)), second.meetings.assign(id, JANUARY, ROBIN, at(10))])
      expect(results.map((result) => ('outcome' in result ? result.outcome : result.refused)).sort()).toEqual(['assigned', 'moved'])
      const { meetingId } = (await second.meetings.assignment(id))!
      const dates: Record<string, string> = { [DECEMBER.id]: DECEMBER.date, [JANUARY.id]: JANUARY.date }
      expect((await first.submission(id))!.forumDate).toBe(dates[meetingId])
      expect([...(await first.meetings.caseCounts()).values()]).toEqual([1])
    })
  })
})
