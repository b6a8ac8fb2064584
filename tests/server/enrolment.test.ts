import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normaliseEnrolmentCode, sha256 } from '../../server/secrets'
import { enrol, post, sealedBody, startIntake, suspension, type Intake } from './intake-harness'

let intake: Intake
beforeEach(async () => {
  intake = await startIntake()
})
afterEach(() => intake.close())

const enrolWith = (code: unknown) =>
  fetch(`${intake.url}/api/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })

describe('enrolling a device', () => {
  it('exchanges a one-time code for a token, the setting and the sealing key', async () => {
    const response = await enrolWith(intake.code)
    expect(response.status).toBe(201)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(body).toMatchObject({ setting: { name: 'Ashby Primary', urn: '123456', phase: 'primary' }, sealingKey: { kty: 'EC', crv: 'P-256' } })
    expect(body.deviceToken).toMatch(/^[\w-]{43}$/)
    expect(await (await fetch(`${intake.url}/api/sealing-key`)).json()).toEqual(body.sealingKey)
  })

  it('reads a code however it was typed', async () => {
    expect((await enrolWith(` ${intake.code.toLowerCase().replace(/-/g, ' ')} `)).status).toBe(201)
  })

  it('stores tokens and codes hashed only', async () => {
    const { token } = await enrol(intake.url, intake.code)
    const device = await intake.store.deviceByTokenHash(sha256(token))
    expect(device?.settingId).toBe(intake.settingId)
    const { readFileSync } = await import('node:fs')
    const database = readFileSync(`${intake.dataDir}/intake.sqlite`).toString('latin1') + readFileSync(`${intake.dataDir}/intake.sqlite-wal`).toString('latin1')
    expect(database).not.toContain(token)
    expect(database).not.toContain(normaliseEnrolmentCode(intake.code))
  })

  it.each([
    ['used', async () => { await enrolWith(intake.code) }, () => intake.code, 'That enrolment code has already been used. Ask the Inclusion Service for a new one.'],
    ['unknown', async () => {}, () => 'ABCD-EFGH-JKMN', 'That enrolment code is not right. Check it with the Inclusion Service.'],
    ['expired', async () => { await intake.store.addEnrolmentCode(intake.settingId, sha256(normaliseEnrolmentCode('OLDC-0DE0-0000')), '2020-01-01T00:00:00.000Z', '2019-12-01T00:00:00.000Z') }, () => 'OLDC-0DE0-0000', 'That enrolment code has expired. Ask the Inclusion Service for a new one.'],
  ])('refuses a code that is %s, saying what to do', async (outcome, before, code, title) => {
    await before()
    const response = await enrolWith(code())
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await response.json()).toMatchObject({ type: `urn:inclusion-companion:problem:enrolment-code-${outcome}`, title })
  })

  it('refuses a body without a code, with the field path', async () => {
    const response = await enrolWith(42)
    expect(response.status).toBe(400)
    expect((await response.json()).errors).toEqual([{ path: 'code', message: 'An enrolment code' }])
  })

  it('slows down guessing: 429 with Retry-After after ten tries a minute', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await enrolWith('WRNG-C0DE-0000')).status)
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true)
    const limited = await enrolWith('WRNG-C0DE-0000')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})

describe('device authentication', () => {
  it('refuses submissions without a valid token: 401', async () => {
    const response = await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: 'Bearer not-a-real-token-at-all-000' } })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ type: 'urn:inclusion-companion:problem:device-not-enrolled' })
  })

  it('tells a revoked device so: 403, and takes nothing from it', async () => {
    const device = await enrol(intake.url, intake.code)
    const { id } = (await intake.store.listDevices())[0]!
    await intake.store.revokeDevice(id, new Date().toISOString())
    const key = crypto.randomUUID()
    const response = await post(intake.url, device, key, await sealedBody(device, 'suspension', key, suspension()))
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ type: 'urn:inclusion-companion:problem:device-revoked' })
    expect(await intake.store.listSubmissions({})).toEqual([])
  })
})
