import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDatabase, type Receipt } from '../../../src/db/database'
import type { SubmissionStatusReport } from '../../../src/domain/submissions'
import type { Connection } from '../../../src/sync/api-client'
import { refreshStatuses } from '../../../src/sync/status'

// refreshStatuses against a service that answers with the reports given (the real service is in tests/server/outbox.test.ts).

let db: AppDatabase
let asked: string[]

const CALLED = 'The Inclusion Service has received your call to the duty desk'
const CONTINUING = 'The Inclusion Service has noted that you are continuing with the permanent exclusion'
const EDUCATION = 'Education is arranged from 9 December 2026'

const receipt: Receipt = {
  id: 'notice-key', kind: 'permanent-exclusion', label: 'Permanent exclusion notice', reference: 'IC-000007',
  sentAt: Date.UTC(2026, 11, 2, 16), draftId: 'notice-1', status: 'received', statusUpdatedAt: '2026-12-02T16:00:00.000Z', purgeAt: 0, purged: false,
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
