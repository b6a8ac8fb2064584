import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../server/store/audit-store'
import type { IntakeStore } from '../../server/store/intake-store'
import { STORES } from './stores'

type NewEntry = Omit<AuditEntry, 'id'>

const entry = (at: string, officerUsername: string, action: string, subject?: string, officerId?: string): NewEntry => ({
  at, officerUsername, action, ...(subject ? { subject } : {}), ...(officerId ? { officerId } : {}),
})

describe.each(STORES)('$name store: audit', ({ open, openTwo }) => {
  let store: IntakeStore
  beforeEach(async () => {
    store = await open()
  })
  afterEach(() => store.close())

  const appendAll = async (entries: NewEntry[]) => {
    for (const one of entries) await store.audit.append(one)
  }
  const subjects = (entries: AuditEntry[]) => entries.map((one) => one.subject)

  it('keeps every field of an entry, and leaves out those not given', async () => {
    await store.audit.append(entry('2026-11-17T10:00:00.000Z', 'casey', 'Viewed case', 'IC-000001', 'officer-1'))
    await store.audit.append(entry('2026-11-17T10:01:00.000Z', 'casey', 'Signed in'))
    const { entries, total } = await store.audit.list({}, 10, 0)
    expect(total).toBe(2)
    expect(entries).toEqual([
      { id: expect.any(Number), at: '2026-11-17T10:01:00.000Z', officerUsername: 'casey', action: 'Signed in' },
      { id: expect.any(Number), at: '2026-11-17T10:00:00.000Z', officerId: 'officer-1', officerUsername: 'casey', action: 'Viewed case', subject: 'IC-000001' },
    ])
    expect(entries[0]!.id).toBeGreaterThan(entries[1]!.id)
  })

  it('lists nothing, and a total of 0, when nothing has been written', async () => {
    expect(await store.audit.list({}, 10, 0)).toEqual({ entries: [], total: 0 })
  })

  it('lists newest written first, by the order written rather than the time given', async () => {
    await appendAll([
      entry('2026-11-17T12:00:00.000Z', 'casey', 'Viewed', 'first'),
      entry('2026-11-17T09:00:00.000Z', 'casey', 'Viewed', 'second'),
      entry('2026-11-17T11:00:00.000Z', 'casey', 'Viewed', 'third'),
    ])
    expect(subjects((await store.audit.list({}, 10, 0)).entries)).toEqual(['third', 'second', 'first'])
  })

  it('pages with limit and offset, giving the total that match each time', async () => {
    await appendAll(Array.from({ length: 7 }, (_, i) => entry(`2026-11-17T10:0${i}:00.000Z`, 'casey', 'Viewed', `s${i}`)))
    expect(await store.audit.list({}, 3, 0)).toMatchObject({ total: 7, entries: [{ subject: 's6' }, { subject: 's5' }, { subject: 's4' }] })
    expect(await store.audit.list({}, 3, 3)).toMatchObject({ total: 7, entries: [{ subject: 's3' }, { subject: 's2' }, { subject: 's1' }] })
    expect(await store.audit.list({}, 3, 6)).toMatchObject({ total: 7, entries: [{ subject: 's0' }] })
    expect(await store.audit.list({}, 3, 9)).toEqual({ total: 7, entries: [] })
    const filtered = await store.audit.list({ from: '2026-11-17', subject: 's2' }, 1, 0)
    expect(filtered).toMatchObject({ total: 1, entries: [{ subject: 's2' }] })
  })

  it('filters by officer username and by subject, exactly (case counts), each alone and together', async () => {
    await appendAll([
      entry('2026-11-17T10:00:00.000Z', 'casey', 'Viewed case', 'IC-000001'),
      entry('2026-11-17T10:01:00.000Z', 'Casey', 'Viewed case', 'IC-000001'),
      entry('2026-11-17T10:02:00.000Z', 'robin', 'Viewed case', 'IC-000001'),
      entry('2026-11-17T10:03:00.000Z', 'casey', 'Viewed case', 'IC-000002'),
      entry('2026-11-17T10:04:00.000Z', 'casey', 'Signed in'),
      entry('2026-11-17T10:05:00.000Z', 'casey', 'Viewed case', 'ic-000001'),
    ])
    const byOfficer = await store.audit.list({ officerUsername: 'casey' }, 10, 0)
    expect(byOfficer.total).toBe(4)
    expect(byOfficer.entries.map((one) => one.at.slice(11, 16))).toEqual(['10:05', '10:04', '10:03', '10:00'])
    const bySubject = await store.audit.list({ subject: 'IC-000001' }, 10, 0)
    expect(bySubject.entries.map((one) => one.officerUsername)).toEqual(['robin', 'Casey', 'casey'])
    expect(bySubject.total).toBe(3)
    expect(await store.audit.list({ officerUsername: 'casey', subject: 'IC-000001' }, 10, 0)).toMatchObject({ total: 1, entries: [{ at: '2026-11-17T10:00:00.000Z' }] })
    expect(await store.audit.list({ officerUsername: 'nobody' }, 10, 0)).toEqual({ entries: [], total: 0 })
    // An empty filter value is no filter.
    expect((await store.audit.list({ officerUsername: '', subject: '' }, 10, 0)).total).toBe(6)
  })

  it('reads from and to as whole UK days in summer: 23:30 UTC on 30 June is 1 July', async () => {
    await appendAll([
      entry('2026-06-30T22:59:59.999Z', 'casey', 'Viewed', '30 June, 23:59:59 BST'),
      entry('2026-06-30T23:00:00.000Z', 'casey', 'Viewed', '1 July, midnight BST'),
      entry('2026-06-30T23:30:00.000Z', 'casey', 'Viewed', '1 July, 00:30 BST'),
      entry('2026-07-01T22:59:59.999Z', 'casey', 'Viewed', '1 July, 23:59:59 BST'),
      entry('2026-07-01T23:00:00.000Z', 'casey', 'Viewed', '2 July, midnight BST'),
    ])
    const july1 = ['1 July, 23:59:59 BST', '1 July, 00:30 BST', '1 July, midnight BST']
    expect(subjects((await store.audit.list({ from: '2026-07-01', to: '2026-07-01' }, 10, 0)).entries)).toEqual(july1)
    expect(subjects((await store.audit.list({ from: '2026-07-01' }, 10, 0)).entries)).toEqual(['2 July, midnight BST', ...july1])
    expect(subjects((await store.audit.list({ to: '2026-06-30' }, 10, 0)).entries)).toEqual(['30 June, 23:59:59 BST'])
    expect((await store.audit.list({ from: '2026-07-02', to: '2026-07-01' }, 10, 0)).total).toBe(0)
  })

  it('reads from and to as whole UK days in winter, when the UK keeps UTC', async () => {
    await appendAll([
      entry('2026-12-31T23:59:59.999Z', 'casey', 'Viewed', '31 December'),
      entry('2027-01-01T00:00:00.000Z', 'casey', 'Viewed', '1 January'),
    ])
    expect(subjects((await store.audit.list({ to: '2026-12-31' }, 10, 0)).entries)).toEqual(['31 December'])
    expect(subjects((await store.audit.list({ from: '2027-01-01' }, 10, 0)).entries)).toEqual(['1 January'])
    // Across the change back to GMT (25 October 2026): the day is 25 hours long, all of it in.
    await appendAll([
      entry('2026-10-24T23:00:00.000Z', 'robin', 'Viewed', '25 October, midnight BST'),
      entry('2026-10-25T23:59:59.999Z', 'robin', 'Viewed', '25 October, 23:59:59 GMT'),
      entry('2026-10-26T00:00:00.000Z', 'robin', 'Viewed', '26 October, midnight GMT'),
    ])
    expect(subjects((await store.audit.list({ officerUsername: 'robin', from: '2026-10-25', to: '2026-10-25' }, 10, 0)).entries)).toEqual([
      '25 October, 23:59:59 GMT', '25 October, midnight BST',
    ])
  })

  it('keeps every entry written at once, from two instances', async () => {
    await store.close()
    const [first, second] = await openTwo()
    store = first
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).audit.append(entry('2026-11-17T10:00:00.000Z', 'casey', 'Viewed', `s${i}`))))
      const { entries, total } = await second.audit.list({}, 100, 0)
      expect(total).toBe(20)
      expect(new Set(entries.map((one) => one.id)).size).toBe(20)
      expect(new Set(subjects(entries)).size).toBe(20)
    } finally {
      await second.close()
    }
  })
})
