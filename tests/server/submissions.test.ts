import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSetting } from '../../server/service'
import { enrol, namedForumCase, post, sealedBody, startIntake, suspension, type EnrolledDevice, type Intake } from './intake-harness'

let intake: Intake
let device: EnrolledDevice
beforeEach(async () => {
  intake = await startIntake()
  device = await enrol(intake.url, intake.code)
})
afterEach(() => intake.close())

const newKey = () => crypto.randomUUID()

describe('POST /api/submissions: exactly once per Idempotency-Key', () => {
  it('stores a sealed submission and answers 201 with its reference', async () => {
    const key = newKey()
    const response = await post(intake.url, device, key, await sealedBody(device, 'suspension', key, suspension()))
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body).toMatchObject({ reference: 'IC-000001', status: 'received' })
    const [stored] = await intake.store.listSubmissions({})
    expect(stored).toMatchObject({ reference: 'IC-000001', kind: 'suspension', settingName: 'Ashby Primary' })
    expect((await intake.store.submission(stored!.id))?.payload).toMatchObject({ pupil: { name: 'Sam Pupil' } })
  })

  it('refuses a caller that is not enrolled before reading its body', async () => {
    const response = await fetch(`${intake.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer made-up-token-of-enough-length', 'idempotency-key': crypto.randomUUID() },
      body: '{ not json',
    })
    // A body that is not JSON would be 400 had it been read: 401 shows it was not.
    expect(response.status).toBe(401)
  })

  it('replays the stored answer to the same key and bytes, and stores nothing twice', async () => {
    const key = newKey()
    const body = await sealedBody(device, 'suspension', key, suspension())
    const first = await post(intake.url, device, key, body)
    const second = await post(intake.url, device, key, body)
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await second.json()).toEqual(await first.json())
    expect(await intake.store.listSubmissions({})).toHaveLength(1)
  })

  it('answers 422 to the same key with a different body', async () => {
    const key = newKey()
    await post(intake.url, device, key, await sealedBody(device, 'suspension', key, suspension()))
    const reused = await post(intake.url, device, key, await sealedBody(device, 'suspension', key, suspension('Someone Else')))
    expect(reused.status).toBe(422)
    expect(await reused.json()).toMatchObject({ type: 'urn:inclusion-companion:problem:idempotency-key-reused' })
    expect(await intake.store.listSubmissions({})).toHaveLength(1)
  })

  it('answers 409 with Retry-After while a request with the key is still in progress', async () => {
    const key = newKey()
    const body = await sealedBody(device, 'suspension', key, suspension())
    const { id } = (await intake.store.listDevices())[0]!
    const { createHash } = await import('node:crypto')
    const now = Date.now()
    await intake.store.claimIdempotencyKey(id, key, createHash('sha256').update(body).digest('hex'), new Date(now).toISOString(), now + 60_000, now)
    const response = await post(intake.url, device, key, body)
    expect(response.status).toBe(409)
    expect(response.headers.get('retry-after')).toBe('1')
  })

  it('takes over a key whose request died with the service, once its lease has run out', async () => {
    const key = newKey()
    const body = await sealedBody(device, 'suspension', key, suspension())
    const { id } = (await intake.store.listDevices())[0]!
    const { createHash } = await import('node:crypto')
    const past = Date.now() - 60_000
    await intake.store.claimIdempotencyKey(id, key, createHash('sha256').update(body).digest('hex'), new Date(past).toISOString(), past + 30_000, past)
    expect((await post(intake.url, device, key, body)).status).toBe(201)
  })

  it.each([
    ['no key', undefined],
    ['a key that is not a UUID', 'not-a-uuid'],
  ])('answers 400 to %s', async (_name, key) => {
    const response = await post(intake.url, device, key, await sealedBody(device, 'suspension', newKey(), suspension()))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ type: 'urn:inclusion-companion:problem:idempotency-key-missing' })
  })

  it('scopes keys to the device: another device may use the same key', async () => {
    const { code } = await createSetting(intake.store, { name: 'Birstall Academy', urn: '654321', phase: 'secondary', seipArea: 'Area 2' })
    const other = await enrol(intake.url, code)
    const key = newKey()
    expect((await post(intake.url, device, key, await sealedBody(device, 'suspension', key, suspension()))).status).toBe(201)
    expect((await post(intake.url, other, key, await sealedBody(other, 'suspension', key, suspension()))).status).toBe(201)
    expect((await intake.store.listSubmissions({})).map((s) => s.settingName).sort()).toEqual(['Ashby Primary', 'Birstall Academy'])
  })
})

describe('sealed payloads', () => {
  it('refuses a payload changed on the way, or sealed for another submission', async () => {
    const key = newKey()
    const body = JSON.parse(await sealedBody(device, 'suspension', key, suspension()))
    const ct = body.sealed.ct as string
    body.sealed.ct = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1)
    const tampered = await post(intake.url, device, key, JSON.stringify(body))
    expect(tampered.status).toBe(422)
    expect(await tampered.json()).toMatchObject({ type: 'urn:inclusion-companion:problem:payload-unreadable' })

    const otherKey = newKey()
    const sealedForAnother = await sealedBody(device, 'suspension', newKey(), suspension())
    expect((await post(intake.url, device, otherKey, sealedForAnother)).status).toBe(422)
    expect(await intake.store.listSubmissions({})).toEqual([])
  })
})

describe('validation after opening', () => {
  it('answers 422 with field paths, and neither echoes nor logs personal data', async () => {
    const marker = `MARKER-${crypto.randomUUID()}`
    const key = newKey()
    const invalid = namedForumCase({ consent: undefined, child: { name: marker, dateOfBirth: 'yesterday' } })
    const response = await post(intake.url, device, key, await sealedBody(device, 'forum-case', key, invalid))
    expect(response.status).toBe(422)
    const text = await response.text()
    expect(JSON.parse(text).errors).toEqual([
      { path: 'child.dateOfBirth', message: 'A real date as YYYY-MM-DD' },
      { path: 'consent', message: 'A named case needs the parent’s or guardian’s consent' },
    ])
    expect(text).not.toContain(marker)
    expect(intake.logs.join('\n')).not.toContain(marker)
    expect(intake.logs.join('\n')).not.toContain('Sam SENCO')
  })

  it('refuses an anonymous case that names the child', async () => {
    const key = newKey()
    const response = await post(intake.url, device, key, await sealedBody(device, 'forum-case', key, namedForumCase({ caseType: 'anonymous' })))
    expect((await response.json()).errors.map((error: { path: string }) => error.path)).toEqual(['child', 'consent'])
  })

  it('accepts a valid anonymous case and a named one with consent', async () => {
    for (const forumCase of [namedForumCase(), namedForumCase({ caseType: 'anonymous', child: undefined, consent: undefined })]) {
      const key = newKey()
      expect((await post(intake.url, device, key, await sealedBody(device, 'forum-case', key, forumCase))).status).toBe(201)
    }
  })

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await post(intake.url, device, newKey(), JSON.stringify({ padding: 'x'.repeat(1_100_000) }))
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('answers 400 to a body that is not JSON', async () => {
    expect((await post(intake.url, device, newKey(), '{"kind": ')).status).toBe(400)
  })
})

describe('an outcome after its notice', () => {
  const exclusion = {
    ...suspension(),
    effectiveDate: '2026-11-16',
    dutyDeskCall: { at: '2026-11-16T09:15:00+00:00', spokeTo: 'Duty officer' },
    seipContact: { at: '2026-11-16T09:40:00+00:00', who: 'Area SEIP lead' },
    discussion: { incident: 'Nature of the incident' },
  }
  const outcome = { outcome: 'upheld', decidedOn: '2026-11-30' }

  it('is refused until the notice has arrived, and accepted on the retry after it', async () => {
    const noticeKey = newKey()
    const updateKey = newKey()
    const update = await sealedBody(device, 'permanent-exclusion-update', updateKey, outcome, noticeKey)
    const early = await post(intake.url, device, updateKey, update)
    expect(early.status).toBe(422)
    expect(await early.json()).toMatchObject({ type: 'urn:inclusion-companion:problem:dependency-missing' })

    const { startDate: _start, length: _length, ...notice } = exclusion
    expect((await post(intake.url, device, noticeKey, await sealedBody(device, 'permanent-exclusion', noticeKey, notice))).status).toBe(201)
    expect((await post(intake.url, device, updateKey, update)).status).toBe(201)
    expect((await intake.store.listSubmissions({})).map((s) => s.kind)).toEqual(['permanent-exclusion-update', 'permanent-exclusion'])
  })
})
