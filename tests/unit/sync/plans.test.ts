import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDatabase, type Receipt } from '../../../src/db/database'
import { Vault } from '../../../src/db/vault'
import { emptyForumCase, type ForumCaseDraft } from '../../../src/domain/forum-case'
import type { EducationPlanRecord } from '../../../src/domain/submissions'
import type { Connection } from '../../../src/sync/api-client'
import { fetchPlans, pageCaseWriter, receivePlansWhileOpen, vaultCaseWriter, type CaseWriter } from '../../../src/sync/plans'

// fetchPlans against a service that answers with the body given (the real service is in tests/server).
// Test data only: a made-up plan, times and references.

const CASE_ID = 'case-1'
const ISSUED = '2027-01-13T15:20:00.000Z'
const CORRECTED = '2027-01-14T09:05:00.000Z'

const PLAN: EducationPlanRecord = {
  advice: ['best-endeavours', 'staff-training'],
  adviceNotes: 'Try the visual timetable for half a term before the review.',
  actions: [
    { id: 'visual-timetable', action: 'Visual timetable in class', who: 'Class teacher', byWhen: '2027-02-12' },
    { id: 'movement-breaks', action: 'Movement breaks twice a morning', who: 'Teaching assistant', byWhen: '2027-03-05' },
  ],
  reviewDate: '2027-03-19',
  recordedAt: ISSUED,
}

const PASSPHRASE = 'long enough passphrase'

/** The receipt of the case sent from the profile the tests open (its id is only known once created). */
const sentCase: Omit<Receipt, 'profileId'> = {
  id: 'case-key', kind: 'forum-case', label: 'Forum case: Primary inclusion forum, named', reference: 'IC-000001',
  sentAt: Date.UTC(2027, 0, 4, 16), draftId: CASE_ID, status: 'plan-issued', planRecordedAt: ISSUED, purgeAt: Date.UTC(2027, 1, 3), purged: false,
}

let db: AppDatabase
let vault: Vault
let profileId: string
let receipt: Receipt
let asked: { url: string; authorization: string | null }[]

/** A service whose plan answer is `body` (or this HTTP status); `undefined` for a network failure. */
function service(body: unknown, status = 200): Connection {
  return {
    baseUrl: 'https://intake.test',
    fetch: async (input, init) => {
      asked.push({ url: String(input), authorization: new Headers(init?.headers).get('Authorization') })
      if (body === undefined) throw new TypeError('Failed to fetch')
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    },
  }
}

const storedCase = async () => (await vault.get<ForumCaseDraft>(CASE_ID))?.data
const storedAt = async () => (await db.receipts.get(receipt.id))?.planStoredAt

beforeEach(async () => {
  db = new AppDatabase(`plans-${crypto.randomUUID()}`)
  vault = new Vault(db, 1_000)
  asked = []
  profileId = await vault.create('Alex', PASSPHRASE)
  receipt = { ...sentCase, profileId }
  await vault.put({ id: CASE_ID, kind: 'forum-case', status: 'sent' }, emptyForumCase('primary'))
  await db.enrolment.put({
    key: 'device', token: 'token', deviceId: 'device-1', enrolledAt: 0,
    setting: { id: 'setting-1', name: 'Ashby Primary', urn: '123456', phase: 'primary' },
    sealingKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
  })
  await db.receipts.put(receipt)
})
afterEach(() => db.delete())

describe('fetchPlans', () => {
  it('fetches a plan recorded since the one the vault holds into the case, and notes which it holds', async () => {
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(1)
    expect(asked).toEqual([{ url: 'https://intake.test/api/submissions/case-key/plan', authorization: 'Bearer token' }])
    const draft = await storedCase()
    expect(draft?.issuedPlan).toEqual(PLAN)
    expect(draft?.planProgress).toEqual({})
    expect(draft?.forum).toBe('primary')
    expect(await storedAt()).toBe(ISSUED)
    // The case keeps the status the outbox gave it.
    expect((await db.records.get([profileId, CASE_ID]))?.status).toBe('sent')

    // Held now: nothing more to ask.
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(0)
    expect(asked).toHaveLength(1)
  })

  it('keeps the plan only in the vault: the receipt and the row in clear hold none of it', async () => {
    await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)
    const inClear = JSON.stringify([await db.receipts.get(receipt.id), await db.records.get([profileId, CASE_ID])])
    expect(inClear).not.toContain('timetable')
    expect(Buffer.from((await db.records.get([profileId, CASE_ID]))!.ciphertext).toString('latin1')).not.toContain('timetable')
  })

  it.each<[string, Partial<Receipt>]>([
    ['no plan recorded', { planRecordedAt: undefined }],
    ['the plan already held', { planStoredAt: ISSUED }],
    ['a receipt that is not a forum case', { kind: 'suspension' }],
    ['a case whose payload was deleted after the retention period', { purged: true }],
    ['a receipt with no case on the device', { draftId: undefined }],
  ])('asks nothing for %s', async (_name, changes) => {
    await db.receipts.put({ ...receipt, ...changes })
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(0)
    expect(asked).toEqual([])
  })

  it('asks nothing for a case no longer on the device', async () => {
    await vault.delete(CASE_ID)
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(0)
    expect(asked).toEqual([])
    expect(await storedAt()).toBeUndefined()
  })

  it('asks nothing once the device is revoked', async () => {
    await db.enrolment.update('device', { revokedAt: 1 })
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(0)
    expect(asked).toEqual([])
  })

  it.each<[string, Connection]>([
    ['an answer that is not a plan: no review date', service({ ...PLAN, reviewDate: undefined })],
    ['an answer that is not a plan: an action without its id', service({ ...PLAN, actions: [{ action: 'Visual timetable in class', who: 'Class teacher', byWhen: '2027-02-12' }] })],
    ['an answer that is not a plan: advice of a kind there is not', service({ ...PLAN, advice: ['detention'] })],
    ['an answer that is not a plan: a problem', service({ title: 'Not Found', status: 404 })],
    ['a plan the service no longer has', service({ title: 'Not Found' }, 404)],
    ['a service that is down', service({ title: 'Unavailable' }, 503)],
    ['no connection', service(undefined)],
  ])('stores nothing from %s, and asks again next pass', async (_name, failing) => {
    expect(await fetchPlans(db, failing, vaultCaseWriter(vault), profileId)).toBe(0)
    expect((await storedCase())?.issuedPlan).toBeUndefined()
    expect(await storedAt()).toBeUndefined()

    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(1)
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)
    expect(await storedAt()).toBe(ISSUED)
  })

  it('keeps no more than the plan: fields the schema does not know are left out', async () => {
    await fetchPlans(db, service({ ...PLAN, childName: 'Alex Child', officerNotes: 'internal' }), vaultCaseWriter(vault), profileId)
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)
  })

  it('takes a corrected plan, keeping the progress recorded on each action still in it', async () => {
    await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)
    const draft = (await storedCase())!
    draft.planProgress = {
      'visual-timetable': { status: 'done', notes: 'In use every day since February.' },
      'movement-breaks': { status: 'in-progress', notes: '' },
    }
    await vault.put({ id: CASE_ID, kind: 'forum-case' }, draft)
    await db.receipts.update(receipt.id, { planRecordedAt: CORRECTED })

    const corrected: EducationPlanRecord = {
      ...PLAN,
      actions: [
        { id: 'visual-timetable', action: 'Visual timetable in class and at lunch', who: 'Class teacher', byWhen: '2027-02-19' },
        { id: 'quiet-space', action: 'A quiet space to go to', who: 'SENCO', byWhen: '2027-02-26' },
      ],
      recordedAt: CORRECTED,
    }
    expect(await fetchPlans(db, service(corrected), vaultCaseWriter(vault), profileId)).toBe(1)
    const after = await storedCase()
    expect(after?.issuedPlan).toEqual(corrected)
    expect(after?.planProgress).toEqual({ 'visual-timetable': { status: 'done', notes: 'In use every day since February.' } })
    expect(await storedAt()).toBe(CORRECTED)
  })

  it.each<[string, CaseWriter]>([
    ['open in another tab', async () => 'busy'],
    ['gone by the time it is written', async () => 'missing'],
  ])('leaves the receipt as it was for a case %s, to try again next pass', async (_name, writer) => {
    expect(await fetchPlans(db, service(PLAN), writer, profileId)).toBe(0)
    expect(asked).toHaveLength(1)
    expect(await storedAt()).toBeUndefined()
  })

  it('stores nothing when the app locks, and fetches it once unlocked', async () => {
    await vault.lock()
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(0)
    expect(await storedAt()).toBeUndefined()
    await vault.unlock(profileId, PASSPHRASE)
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(1)
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)
  })

  it('fetches only the given profile’s plans: another profile’s receipt waits for that profile', async () => {
    // Sam, on the same device, sent a case with the same id from Sam's own vault.
    const sam = await vault.create('Sam', 'Sam’s own passphrase')
    await vault.put({ id: CASE_ID, kind: 'forum-case', status: 'sent' }, emptyForumCase('secondary'))
    await db.receipts.put({ ...sentCase, id: 'sam-case-key', profileId: sam })
    await vault.unlock(profileId, PASSPHRASE)

    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), profileId)).toBe(1)
    expect(asked.map(({ url }) => url)).toEqual(['https://intake.test/api/submissions/case-key/plan'])
    expect(await storedAt()).toBe(ISSUED)
    expect((await db.receipts.get('sam-case-key'))?.planStoredAt).toBeUndefined()

    await vault.unlock(sam, 'Sam’s own passphrase')
    expect((await storedCase())?.issuedPlan).toBeUndefined()
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault), sam)).toBe(1)
    expect(asked.map(({ url }) => url)).toEqual([
      'https://intake.test/api/submissions/case-key/plan',
      'https://intake.test/api/submissions/sam-case-key/plan',
    ])
    expect(await storedCase()).toMatchObject({ forum: 'secondary', issuedPlan: PLAN })
    expect((await db.receipts.get('sam-case-key'))?.planStoredAt).toBe(ISSUED)
  })
})

describe('where a plan is written', () => {
  /** Web Locks that grant `record:<id>` unless it is in `held`, recording what was asked. */
  function locks(held: string[] = []) {
    const requested: string[] = []
    const manager = {
      request: (name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown) => {
        requested.push(name)
        return Promise.resolve(callback(held.includes(name) ? null : ({ name, mode: 'exclusive' } as Lock)))
      },
    } as unknown as LockManager
    return { manager, requested }
  }

  it('writes through the vault under the case’s edit lock', async () => {
    const web = locks()
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault, web.manager), profileId)).toBe(1)
    expect(web.requested).toEqual(['record:case-1'])
    expect((await storedCase())?.issuedPlan).toEqual(PLAN)
  })

  it('leaves a case being edited in another tab until the next pass', async () => {
    const web = locks(['record:case-1'])
    expect(await fetchPlans(db, service(PLAN), vaultCaseWriter(vault, web.manager), profileId)).toBe(0)
    expect((await storedCase())?.issuedPlan).toBeUndefined()
    expect(await storedAt()).toBeUndefined()
  })

  it('gives a case open in this tab’s page to the page, and to the vault once it is closed', async () => {
    // The page holds the edit lock while the case is open: the vault writer would find it busy.
    const web = locks(['record:case-1'])
    const taken: ForumCaseDraft[] = []
    const stop = receivePlansWhileOpen(CASE_ID, async (_id, change) => {
      taken.push(change(emptyForumCase('primary')))
      return 'written'
    })
    expect(await fetchPlans(db, service(PLAN), pageCaseWriter(vault, web.manager), profileId)).toBe(1)
    expect(taken.map((draft) => draft.issuedPlan)).toEqual([PLAN])
    expect(await storedAt()).toBe(ISSUED)

    stop()
    await db.receipts.update(receipt.id, { planRecordedAt: CORRECTED })
    expect(await fetchPlans(db, service({ ...PLAN, recordedAt: CORRECTED }), pageCaseWriter(vault, locks().manager), profileId)).toBe(1)
    expect(taken).toHaveLength(1)
    expect((await storedCase())?.issuedPlan?.recordedAt).toBe(CORRECTED)
  })
})
