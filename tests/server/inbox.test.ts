import { writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSetting } from '../../server/service'
import { ContentFile } from '../../server/content-file'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { enrol, namedForumCase, post, sealedBody, signIn, startIntake, suspension, type EnrolledDevice, type Intake } from './intake-harness'

let intake: Intake
let device: EnrolledDevice
beforeEach(async () => {
  intake = await startIntake()
  device = await enrol(intake.url, intake.code)
})
afterEach(() => intake.close())

async function submit(kind: 'forum-case' | 'suspension', payload: unknown): Promise<string> {
  const key = crypto.randomUUID()
  const response = await post(intake.url, device, key, await sealedBody(device, kind, key, payload))
  expect(response.status).toBe(201)
  return key
}

const page = async (path: string, cookie: string) => {
  const response = await fetch(`${intake.url}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })
  return { status: response.status, text: await response.text(), headers: response.headers }
}

const form = (path: string, cookie: string, fields: Record<string, string>, origin = intake.url) =>
  fetch(`${intake.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })

describe('signing in to the inbox', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const response = await fetch(`${intake.url}/admin`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/admin/login')
  })

  it('refuses a wrong password with an error summary', async () => {
    const response = await fetch(`${intake.url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=inbox&password=wrong',
    })
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('The username or password is not right')
  })

  it('gives an HttpOnly, SameSite=Strict session cookie, and ends it on sign-out', async () => {
    const response = await fetch(`${intake.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=inbox&password=a+long+admin+password',
    })
    const cookieHeader = response.headers.get('set-cookie')!
    expect(cookieHeader).toMatch(/HttpOnly/)
    expect(cookieHeader).toMatch(/SameSite=Strict/)
    expect(cookieHeader).toMatch(/Path=\/admin/)
    const cookie = cookieHeader.split(';')[0]!
    expect((await page('/admin', cookie)).status).toBe(200)
    await form('/admin/logout', cookie, {})
    expect((await page('/admin', cookie)).status).toBe(303)
  })

  it('refuses a form posted from another site', async () => {
    const cookie = await signIn(intake.url)
    expect((await form('/admin/submissions/1/plan-issued', cookie, {}, 'https://evil.example')).status).toBe(403)
  })
})

describe('working the inbox', () => {
  it('lists and filters submissions, opens one, and sets a forum date that the device then sees', async () => {
    const caseKey = await submit('forum-case', namedForumCase())
    await submit('suspension', suspension())
    const cookie = await signIn(intake.url)

    const all = await page('/admin', cookie)
    expect(all.text).toContain('IC-000001')
    expect(all.text).toContain('IC-000002')
    const casesOnly = await page('/admin?kind=forum-case', cookie)
    expect(casesOnly.text).toContain('IC-000001')
    expect(casesOnly.text).not.toContain('IC-000002')

    const detail = await page('/admin/submissions/1', cookie)
    expect(detail.text).toContain('Alex Child')
    expect(detail.text).toContain('Pat Parent')
    // The consent method in the words the setting chose it by, not the value sent.
    expect(detail.text).toContain('<dt>How</dt><dd>In person</dd>')
    expect(detail.text).not.toContain('in-person')

    const set = await form('/admin/submissions/1/forum-date', cookie, { forumDate: '2026-12-03' })
    expect(set.status).toBe(303)
    const status = await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: `Bearer ${device.token}` } })
    const reports = (await status.json()).submissions
    expect(reports.find((report: { idempotencyKey: string }) => report.idempotencyKey === caseKey)).toMatchObject({
      reference: 'IC-000001',
      status: 'forum-date-set',
      forumDate: '2026-12-03',
    })

    await form('/admin/submissions/1/plan-issued', cookie, {})
    // A forum date and an education plan belong to forum cases, never to a notice.
    expect((await form('/admin/submissions/2/forum-date', cookie, { forumDate: '2026-12-03' })).status).toBe(400)
    expect((await form('/admin/submissions/2/plan-issued', cookie, {})).status).toBe(400)
    expect((await form('/admin/submissions/2/outcome', cookie, { outcome: 'Alex was moved to another school' })).status).toBe(400)
    await form('/admin/submissions/2/outcome', cookie, { outcome: 'Contact made to discuss support' })
    const after = (await (await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: `Bearer ${device.token}` } })).json()).submissions
    expect(after.map((report: { status: string }) => report.status)).toEqual(['plan-issued', 'outcome-recorded'])
    expect(after[1].outcome).toBe('Contact made to discuss support')
  })

  it('escapes what settings sent when showing it', async () => {
    await submit('forum-case', namedForumCase({ child: { name: '<script>alert(1)</script>', dateOfBirth: '2017-05-05' } }))
    const detail = await page('/admin/submissions/1', await signIn(intake.url))
    expect(detail.text).not.toContain('<script>alert(1)</script>')
    expect(detail.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('exports CSV of the listed submissions, with formulas made inert', async () => {
    const { code } = await createSetting(intake.store, { name: '=HYPERLINK("x")', urn: '222222', phase: 'primary' })
    const other = await enrol(intake.url, code)
    const key = crypto.randomUUID()
    await post(intake.url, other, key, await sealedBody(other, 'suspension', key, suspension()))
    const csv = await page('/admin/export.csv', await signIn(intake.url))
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="submissions-\d{4}-\d{2}-\d{2}\.csv"$/)
    const lines = csv.text.trim().split('\r\n')
    expect(lines[0]).toBe('"Reference","Kind","Setting","Received","Status","Forum date","Outcome"')
    expect(lines[1]).toMatch(/^"IC-000001","Suspension notice","'=HYPERLINK\(""x""\)",/)
  })

  it('counts suspension days per setting and marks the highest', async () => {
    const today = new Date().toISOString().slice(0, 10)
    await submit('suspension', suspension('A', today, 3))
    await submit('suspension', suspension('B', today, 1))
    const { code } = await createSetting(intake.store, { name: 'Quiet School', urn: '333333', phase: 'primary' })
    await enrol(intake.url, code)
    const counts = await page('/admin/suspensions', await signIn(intake.url))
    expect(counts.text).toMatch(/<tr class="highest"><td>Ashby Primary <strong class="tag">Highest<\/strong><\/td><td>2<\/td><td>4<\/td><\/tr>/)
    expect(counts.text).toMatch(/<tr class=""><td>Quiet School<\/td><td>0<\/td><td>0<\/td><\/tr>/)
    expect(counts.text).toContain('Terms here are calendar months')
  })

  it('counts two sessions as one school day', async () => {
    const today = new Date().toISOString().slice(0, 10)
    await submit('suspension', { ...suspension('A', today), length: { unit: 'sessions', amount: 3 } })
    await submit('suspension', suspension('B', today, 1))
    const counts = await page('/admin/suspensions', await signIn(intake.url))
    expect(counts.text).toMatch(/<td>Ashby Primary <strong class="tag">Highest<\/strong><\/td><td>2<\/td><td>2\.5<\/td><\/tr>/)
  })
})

describe('the content file', () => {
  it('publishes an edited, valid file, and keeps the last good content when an edit is invalid', async () => {
    const path = `${intake.dataDir}/edited-content.json`
    const warnings: string[] = []
    const file = new ContentFile(path, { info: () => {}, warn: (_details, message) => warnings.push(message) }, 0)
    expect(file.current().version).toBe(defaultContent.version)

    writeFileSync(path, JSON.stringify({ ...defaultContent, version: '2099-01-01.1' }))
    expect(file.current().version).toBe('2099-01-01.1')

    writeFileSync(path, JSON.stringify({ ...defaultContent, version: '2099-01-02.1', forums: [] }))
    expect(file.current().version).toBe('2099-01-01.1')
    writeFileSync(path, '{ not json')
    expect(file.current().version).toBe('2099-01-01.1')
    expect(warnings).toEqual([
      'content file failed validation: keeping the current content',
      'content file is not valid JSON: keeping the current content',
    ])
  })
})

describe('rate limits', () => {
  it('counts requests with made-up tokens against the IP, so they cannot dodge the limit', async () => {
    const limited = await startIntake({ rateLimitPerMinute: 3 })
    try {
      const statuses = []
      for (let request = 0; request < 4; request++) {
        const response = await fetch(`${limited.url}/api/submissions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer made-up-token-number-${request}-padding`, 'Idempotency-Key': crypto.randomUUID() },
          body: '{}',
        })
        statuses.push(response.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    } finally {
      await limited.close()
    }
  })

  it('counts submissions per device once it has proved who it is: one device sending fast does not hold up another', async () => {
    const limited = await startIntake({ submissionsPerDevicePerMinute: 2 })
    try {
      const fast = await enrol(limited.url, limited.code)
      const { code } = await createSetting(limited.store, { name: 'Birstall Academy', urn: '654321', phase: 'secondary' })
      const other = await enrol(limited.url, code)
      const send = async (sender: EnrolledDevice) => {
        const key = crypto.randomUUID()
        return post(limited.url, sender, key, await sealedBody(sender, 'suspension', key, suspension()))
      }
      const statuses = []
      for (let request = 0; request < 3; request++) statuses.push((await send(fast)).status)
      expect(statuses).toEqual([201, 201, 429])
      const refused = await send(fast)
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await refused.json()).toMatchObject({ status: 429, title: 'Too many requests', detail: 'This device is sending too fast. It will try again.' })
      expect((await send(other)).status).toBe(201)
    } finally {
      await limited.close()
    }
  })

  it('counts signed-out requests to the inbox’s pages against the per-IP limit, made-up session or not', async () => {
    const limited = await startIntake({ rateLimitPerMinute: 3 })
    try {
      const statuses = []
      for (let request = 0; request < 4; request++) {
        statuses.push((await fetch(`${limited.url}/admin`, { redirect: 'manual', headers: { cookie: 'ic_admin=made-up' } })).status)
      }
      expect(statuses).toEqual([303, 303, 303, 429])
    } finally {
      await limited.close()
    }
  })

  it('answers 429 with Retry-After past the per-IP limit', async () => {
    const limited = await startIntake({ rateLimitPerMinute: 3 })
    try {
      const statuses = []
      for (let request = 0; request < 4; request++) statuses.push((await fetch(`${limited.url}/api/health`)).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      const response = await fetch(`${limited.url}/api/health`)
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await response.json()).toMatchObject({ status: 429, title: 'Too many requests' })
    } finally {
      await limited.close()
    }
  })
})
