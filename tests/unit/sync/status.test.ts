import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDatabase, type Receipt } from '../../../src/db/database'
import type { SubmissionStatusReport } from '../../../src/domain/submissions'
import type { Connection } from '../../../src/sync/api-client'
import { purgeSentPayloads, refreshStatuses } from '../../../src/sync/status'

// refreshStatuses against a service that answers with the reports given (the real service is in tests/server/outbox.test.ts).

let db: AppDatabase
let asked: string[]

const CALLED = 'The Inclusion Service has received your call to the duty desk'
const CONTINUING = 'The Inclusion Service has noted that you are continuing with the permanent exclusion'
const EDUCATION = 'Education is arranged from 9 December 2026'

const receipt: Receipt = {
  id: 'notice-key', kind: 'permanent-exclusion', label: 'Permanent exclusion notice', reference: 'IC-000007',
  sentAt: Date.UTC(2026, 11, 2, 16), profileId: 'profile-1', draftId: 'notice-1', status: 'received', statusUpdatedAt: '2026-12-02T16:00:00.000Z', purgeAt: 0, purged: false,
}

const report = (changes: Partial<SubmissionStatusReport>): SubmissionStatusReport => ({
  idempotencyKey: 'notice-key', reference: 'IC-000007', kind: 'permanent-exclusion', status: 'received',
  receivedAt: '2026-12-02T16:00:00.000Z', updatedAt: '2026-12-03T10:00:00.000Z', ...changes,
})

/** A service whose status answer is `body` (or this HTTP status). */
function service(body: unknown, status = 200): Connection {
  return {
    baseUrl: 'https://intake.test',
    fetch: async (input) => {
      asked.push(String(input))
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    },
  }
}

beforeEach(async () => {
  db = new AppDatabase(`status-${crypto.randomUUID()}`)
  asked = []
  await db.enrolment.put({
    key: 'device', token: 'token', deviceId: 'device-1', enrolledAt: 0,
    setting: { id: 'setting-1', name: 'Ashby Primary', urn: '123456', phase: 'primary' },
    sealingKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
  })
  await db.receipts.put(receipt)
})
afterEach(() => db.delete())

describe('refreshStatuses: the Inclusion Service’s steps', () => {
  it.each<[string, Partial<Receipt>, unknown, string[] | undefined]>([
    ['copies the lines onto the receipt', {}, [CALLED, CONTINUING], [CALLED, CONTINUING]],
    ['replaces the lines with the newer list', { progress: [CALLED] }, [CALLED, CONTINUING, EDUCATION], [CALLED, CONTINUING, EDUCATION]],
    ['lets a correction take a line away', { progress: [CALLED, CONTINUING, EDUCATION] }, [CALLED, CONTINUING], [CALLED, CONTINUING]],
    ['empties the list when the service says so', { progress: [CALLED] }, [], []],
    ['keeps the lines when the service says nothing of progress', { progress: [CALLED] }, undefined, [CALLED]],
    ['keeps only lines of text', {}, [CALLED, 7, { html: '<b>' }, null, CONTINUING], [CALLED, CONTINUING]],
    ['ignores progress that is not a list', { progress: [CALLED] }, 'Education is arranged', [CALLED]],
  ])('%s', async (_name, before, progress, after) => {
    await db.receipts.update(receipt.id, before)
    expect(await refreshStatuses(db, service({ submissions: [report({ progress: progress as string[] })] }))).toBe(true)
    expect(asked).toEqual(['https://intake.test/api/submissions/status'])
    expect((await db.receipts.get(receipt.id))?.progress).toEqual(after)
  })

  it('takes the new status with the lines, and notes when the service changed it', async () => {
    await refreshStatuses(db, service({ submissions: [report({ status: 'outcome-recorded', progress: [CALLED] })] }))
    expect(await db.receipts.get(receipt.id)).toMatchObject({ status: 'outcome-recorded', statusUpdatedAt: '2026-12-03T10:00:00.000Z', progress: [CALLED] })
  })

  it('changes nothing for a report no newer than the receipt', async () => {
    await refreshStatuses(db, service({ submissions: [report({ updatedAt: receipt.statusUpdatedAt!, progress: [CALLED] })] }))
    expect((await db.receipts.get(receipt.id))?.progress).toBeUndefined()
  })

  it('changes nothing when the service cannot answer, or the device is revoked', async () => {
    expect(await refreshStatuses(db, service({ title: 'Unavailable' }, 503))).toBe(false)
    await db.enrolment.update('device', { revokedAt: 1 })
    expect(await refreshStatuses(db, service({ submissions: [report({ progress: [CALLED] })] }))).toBe(false)
    expect(asked).toEqual(['https://intake.test/api/submissions/status'])
    expect((await db.receipts.get(receipt.id))?.progress).toBeUndefined()
  })
})

describe('refreshStatuses: the forum meeting a case is assigned to', () => {
  // Test data only: a made-up meeting.
  const MEETING = { id: 'primary-2027-01-12', forum: 'primary', area: 'North', date: '2027-01-12', start: '13:30', end: '15:00', place: 'Room 2, County Hall', online: false } as const
  const ONLINE = { id: 'primary-2027-02-09', forum: 'primary', date: '2027-02-09', start: '09:30', online: true } as const

  it.each<[string, Partial<Receipt>, unknown, Receipt['meeting']]>([
    ['keeps the meeting on the receipt', {}, MEETING, MEETING],
    ['keeps a meeting online, with no area, place or end', {}, ONLINE, ONLINE],
    ['takes the meeting a case was moved to', { meeting: MEETING }, ONLINE, ONLINE],
    ['drops the meeting when the case is taken off it', { meeting: MEETING }, undefined, undefined],
    ['keeps only when and where', {}, { ...ONLINE, reference: 'IC-000007', childName: 'Alex Child', slots: 6 }, ONLINE],
    ['keeps no meeting it could not show: no date', {}, { ...ONLINE, date: '12/01/2027' }, undefined],
    ['keeps no meeting it could not show: no time', {}, { ...ONLINE, start: '1.30pm' }, undefined],
    ['keeps no meeting it could not show: another forum', {}, { ...ONLINE, forum: 'college' }, undefined],
    ['keeps no meeting it could not show: neither a place nor online', {}, { ...ONLINE, online: false }, undefined],
    ['keeps no meeting it could not show: not an object', {}, 'primary-2027-01-12', undefined],
  ])('%s', async (_name, before, meeting, after) => {
    await db.receipts.update(receipt.id, before)
    const sent = report({ status: 'forum-date-set', forumDate: '2027-01-12', meeting: meeting as SubmissionStatusReport['meeting'] })
    expect(await refreshStatuses(db, service({ submissions: [sent] }))).toBe(true)
    const kept = await db.receipts.get(receipt.id)
    expect(kept?.meeting).toEqual(after)
    expect(kept).toMatchObject({ status: 'forum-date-set', forumDate: '2027-01-12' })
  })

  it('takes a meeting moved to another time or place while the status stays as it was', async () => {
    await db.receipts.update(receipt.id, { meeting: MEETING })
    const moved = { ...MEETING, start: '14:00', end: '15:30', place: 'Room 5, County Hall' }
    await refreshStatuses(db, service({ submissions: [report({ updatedAt: receipt.statusUpdatedAt!, status: 'plan-issued', meeting: moved })] }))
    expect(await db.receipts.get(receipt.id)).toMatchObject({ status: 'received', statusUpdatedAt: '2026-12-02T16:00:00.000Z', meeting: moved })
  })

  it('drops a meeting no longer published while the status stays as it was', async () => {
    await db.receipts.update(receipt.id, { meeting: MEETING })
    await refreshStatuses(db, service({ submissions: [report({ updatedAt: receipt.statusUpdatedAt! })] }))
    const kept = await db.receipts.get(receipt.id)
    expect(kept?.meeting).toBeUndefined()
    expect(kept?.status).toBe('received')
  })
})

describe('refreshStatuses: only what changed since it last asked', () => {
  const CURSOR = '2026-12-03T09:55:00.000Z~4'

  it('asks for every status the first time, then from the cursor the service gave, kept for this enrolment', async () => {
    expect(await refreshStatuses(db, service({ submissions: [report({})], cursor: CURSOR }))).toBe(true)
    expect(await refreshStatuses(db, service({ submissions: [], cursor: '2026-12-03T10:05:00.000Z~4' }))).toBe(true)
    expect(await refreshStatuses(db, service({ submissions: [] }))).toBe(true)
    expect(asked).toEqual([
      'https://intake.test/api/submissions/status',
      'https://intake.test/api/submissions/status?since=2026-12-03T09%3A55%3A00.000Z~4',
      // An answer without a cursor leaves the last one.
      'https://intake.test/api/submissions/status?since=2026-12-03T10%3A05%3A00.000Z~4',
    ])
  })

  it('asks for every status again once the device is enrolled anew', async () => {
    await refreshStatuses(db, service({ submissions: [], cursor: CURSOR }))
    await db.enrolment.update('device', { deviceId: 'device-2', token: 'token-2' })
    await refreshStatuses(db, service({ submissions: [], cursor: CURSOR }))
    expect(asked[1]).toBe('https://intake.test/api/submissions/status')
  })

  it('keeps the cursor where it was when the answer cannot be read', async () => {
    await refreshStatuses(db, service({ submissions: [], cursor: CURSOR }))
    expect(await refreshStatuses(db, service({ problem: 'unavailable' }, 503))).toBe(false)
    await refreshStatuses(db, service({ submissions: [] }))
    expect(asked[2]).toBe('https://intake.test/api/submissions/status?since=2026-12-03T09%3A55%3A00.000Z~4')
  })

  it('keeps the cursor while a submission the service reports is still in this device’s outbox, so its report comes again', async () => {
    await refreshStatuses(db, service({ submissions: [], cursor: CURSOR }))
    // The service stored it and changed its status; the device has not yet written its answer.
    await db.outbox.put({ id: 'in-flight', kind: 'forum-case', label: 'Forum case', profileId: 'profile-1', state: 'sending', attempts: 1, nextAttemptAt: 0, createdAt: 1, updatedAt: 1 })
    await refreshStatuses(db, service({ submissions: [report({ idempotencyKey: 'in-flight' })], cursor: '2026-12-03T10:05:00.000Z~4' }))
    // Another device's or an erased submission does not hold it back.
    await db.outbox.delete('in-flight')
    await refreshStatuses(db, service({ submissions: [report({ idempotencyKey: 'not-here' })], cursor: '2026-12-03T10:10:00.000Z~4' }))
    await refreshStatuses(db, service({ submissions: [] }))
    expect(asked.slice(1)).toEqual([
      'https://intake.test/api/submissions/status?since=2026-12-03T09%3A55%3A00.000Z~4',
      'https://intake.test/api/submissions/status?since=2026-12-03T09%3A55%3A00.000Z~4',
      'https://intake.test/api/submissions/status?since=2026-12-03T10%3A10%3A00.000Z~4',
    ])
  })

  it('takes the forum date away from a case the service took off its meeting', async () => {
    await db.receipts.update(receipt.id, { kind: 'forum-case', status: 'forum-date-set', forumDate: '2027-01-12' })
    await refreshStatuses(db, service({ submissions: [report({ kind: 'forum-case', status: 'received' })], cursor: CURSOR }))
    const after = await db.receipts.get(receipt.id)
    expect(after?.status).toBe('received')
    expect(after?.forumDate).toBeUndefined()
  })
})

describe('refreshStatuses: when the education plan was recorded', () => {
  // Test data only: made-up times.
  const ISSUED = '2027-01-13T15:20:00.000Z'
  const CORRECTED = '2027-01-14T09:05:00.000Z'

  it.each<[string, Partial<Receipt>, Partial<SubmissionStatusReport>, string | undefined]>([
    ['keeps the time with the new status', {}, { status: 'plan-issued', planRecordedAt: ISSUED }, ISSUED],
    ['takes a plan corrected while the status stays as it was', { planRecordedAt: ISSUED }, { updatedAt: receipt.statusUpdatedAt!, planRecordedAt: CORRECTED }, CORRECTED],
    ['drops the time of a plan taken back', { planRecordedAt: ISSUED }, { updatedAt: receipt.statusUpdatedAt! }, undefined],
    ['keeps nothing that is not a time', {}, { status: 'plan-issued', planRecordedAt: 'Visual timetable for Alex' }, undefined],
    ['keeps nothing that is not a time: a number', {}, { status: 'plan-issued', planRecordedAt: 1_768_317_600_000 as unknown as string }, undefined],
  ])('%s', async (_name, before, sent, after) => {
    await db.receipts.update(receipt.id, { kind: 'forum-case', ...before })
    expect(await refreshStatuses(db, service({ submissions: [report({ kind: 'forum-case', ...sent })] }))).toBe(true)
    expect((await db.receipts.get(receipt.id))?.planRecordedAt).toBe(after)
  })

  it('leaves what the vault holds to the page', async () => {
    await db.receipts.update(receipt.id, { kind: 'forum-case', planRecordedAt: ISSUED, planStoredAt: ISSUED })
    await refreshStatuses(db, service({ submissions: [report({ kind: 'forum-case', status: 'plan-issued', planRecordedAt: CORRECTED })] }))
    expect(await db.receipts.get(receipt.id)).toMatchObject({ status: 'plan-issued', planRecordedAt: CORRECTED, planStoredAt: ISSUED })
  })
})

describe('purgeSentPayloads: whose payload it deletes', () => {
  it('deletes the sent draft of the profile the receipt belongs to, not another profile’s draft with the same id', async () => {
    // Only what is in clear matters here.
    const draft = (profileId: string) => ({
      id: 'notice-1', profileId, kind: 'permanent-exclusion', status: 'sent', createdAt: 0, updatedAt: 0, formatVersion: 1 as const,
      iv: new Uint8Array(12), ciphertext: new ArrayBuffer(16),
    })
    await db.records.bulkAdd([draft('profile-1'), draft('profile-2')])
    expect(await purgeSentPayloads(db, receipt.purgeAt)).toBe(1)
    expect(await db.records.toCollection().primaryKeys()).toEqual([['profile-2', 'notice-1']])
    expect(await db.receipts.get(receipt.id)).toMatchObject({ profileId: 'profile-1', purged: true })
  })
})
