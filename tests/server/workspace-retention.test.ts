import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyRetention, monthsBefore } from '../../server/workspace/retention'
import { enrol, namedForumCase, permanentExclusion, post, sendSubmission, signIn, startIntake, suspension, workspaceGet, workspacePost, type EnrolledDevice, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let device: EnrolledDevice
let admin: WorkspaceSession
const clock = new Date('2026-11-17T10:00:00.000Z')

beforeEach(async () => {
  intake = await startIntake({ now: () => clock })
  device = await enrol(intake.url, intake.code)
  admin = await signIn(intake.url)
})
afterEach(() => intake.close())

type Kind = 'forum-case' | 'suspension' | 'permanent-exclusion' | 'permanent-exclusion-update'
const send = (kind: Kind, payload: unknown, dependsOn?: string) => sendSubmission(intake.url, device, kind, payload, dependsOn)

const page = async (path: string) => {
  const response = await workspaceGet(intake.url, admin, path)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}
const submit = async (path: string, fields: Record<string, string>) => {
  const response = await workspacePost(intake.url, admin, path, fields)
  return { status: response.status, text: await response.text(), location: response.headers.get('location'), headers: response.headers }
}
const auditOf = async (action: string) => (await intake.store.audit.list({}, 1000, 0)).entries.filter((entry) => entry.action === action)
const stored = async (id: number) => (await intake.store.submission(id)) !== undefined

describe('the retention period', () => {
  it('is 6 years until an administrator sets it, and is checked as a whole number of months', async () => {
    const first = await page('/workspace/retention')
    expect(first.status).toBe(200)
    expect(first.text).toContain('Records are now kept for 72 months (6 years) after they close.')
    expect(first.text).toContain('The Inclusion Service sets this period in line with its retention schedule.')

    for (const [months, message] of [
      ['', 'Enter the retention period in months'],
      ['six', 'Retention period must be a whole number of months, like 72'],
      ['0', 'Retention period must be between 1 and 1200 months'],
    ]) {
      const refused = await submit('/workspace/retention', { months: months! })
      expect(refused.status).toBe(400)
      expect(refused.text).toContain(`<a href="#months">${message}</a>`)
      expect(refused.text).toContain(`value="${months}"`)
    }
    expect((await intake.store.retention.setting()).months).toBe(72)

    const saved = await submit('/workspace/retention', { months: '24' })
    expect(saved.location).toBe('/workspace/retention?changed=period')
    const after = await page(saved.location!)
    expect(after.text).toContain('Retention period changed')
    expect(after.text).toContain('Records are now kept for 24 months (2 years) after they close. Set by inbox on 17 November 2026 at 10:00.')
    expect(await auditOf('Changed retention period')).toMatchObject([{ officerUsername: 'inbox', subject: '24 months' }])
  })

  it('counts a period in calendar months, the 31st becoming the shorter month’s last day', () => {
    expect(monthsBefore(new Date('2026-11-17T10:00:00.000Z'), 24).toISOString()).toBe('2024-11-17T10:00:00.000Z')
    expect(monthsBefore(new Date('2026-03-31T23:30:00.000Z'), 1).toISOString()).toBe('2026-02-28T23:30:00.000Z')
    expect(monthsBefore(new Date('2024-02-29T00:00:00.000Z'), 12).toISOString()).toBe('2023-02-28T00:00:00.000Z')
    expect(monthsBefore(new Date('2026-01-15T12:00:00.000Z'), 72).toISOString()).toBe('2020-01-15T12:00:00.000Z')
  })
})

describe('applying retention', () => {
  it('deletes only records closed longer ago than the period, with their steps and outcomes, one audit entry each by the system', async () => {
    await intake.store.retention.setMonths(24, clock.toISOString(), 'inbox')
    const justPast = await send('suspension', suspension('Alex One'))
    const justInside = await send('suspension', suspension('Alex Two'))
    const open = await send('suspension', suspension('Alex Three'))
    const notice = await send('permanent-exclusion', permanentExclusion())
    const outcome = await send('permanent-exclusion-update', { outcome: 'upheld', decidedOn: '2024-01-10' }, notice.key)
    await intake.store.cases.recordStep(notice.id, 'duty-desk-call', { at: '2024-01-02' }, { id: 'officer-1', displayName: 'Casey Officer' }, '2024-01-02T10:00:00.000Z')
    expect(await intake.store.cases.steps(notice.id)).toHaveLength(1)

    // The period ends at 2024-11-17T10:00Z for "now", 2026-11-17T10:00Z.
    await intake.store.retention.closeSubmission(justPast.id, '2024-11-17T09:59:59.999Z')
    await intake.store.retention.closeSubmission(justInside.id, '2024-11-17T10:00:00.000Z')
    await intake.store.retention.closeSubmission(notice.id, '2024-01-31T16:00:00.000Z')

    const deleted = await applyRetention(intake.store, clock)
    expect(deleted).toEqual([justPast.reference, notice.reference, outcome.reference])
    expect(await stored(justPast.id)).toBe(false)
    expect(await stored(notice.id)).toBe(false)
    expect(await stored(outcome.id)).toBe(false)
    expect(await intake.store.cases.steps(notice.id)).toEqual([])
    expect(await stored(justInside.id)).toBe(true)
    expect(await stored(open.id)).toBe(true)

    expect((await auditOf('Deleted under retention')).reverse()).toEqual([
      { id: expect.any(Number), at: clock.toISOString(), officerUsername: 'system', action: 'Deleted under retention', subject: justPast.reference },
      { id: expect.any(Number), at: clock.toISOString(), officerUsername: 'system', action: 'Deleted under retention', subject: notice.reference },
      { id: expect.any(Number), at: clock.toISOString(), officerUsername: 'system', action: 'Deleted under retention', subject: outcome.reference },
    ])

    // Run again: nothing more to delete.
    expect(await applyRetention(intake.store, clock)).toEqual([])
    // A device's late retry of a deleted record replays its answer rather than bringing it back.
    const retry = await post(intake.url, device, justPast.key, justPast.body)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await stored(justPast.id)).toBe(false)
    expect((await intake.store.listSubmissions({})).map((submission) => submission.reference).sort()).toEqual([justInside.reference, open.reference])
  })

  it('shows what is due and when, and applies it now from the page', async () => {
    const a = await send('suspension', suspension('Alex One'))
    const b = await send('suspension', suspension('Alex Two'))
    const c = await send('forum-case', namedForumCase())
    await intake.store.retention.closeSubmission(a.id, '2020-10-05T12:00:00.000Z')
    await intake.store.retention.closeSubmission(b.id, '2020-10-20T12:00:00.000Z')
    await intake.store.retention.closeSubmission(c.id, '2021-03-01T12:00:00.000Z')

    const before = await page('/workspace/retention')
    expect(before.text).toContain('2 closed records are due for deletion now (closed before Tuesday 17 November 2020).')
    expect(before.text).toMatch(/October 2020\s*<\/td>\s*<td class="govuk-table__cell">\s*October 2026\s*<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">\s*2/)
    expect(before.text).toMatch(/March 2021\s*<\/td>\s*<td class="govuk-table__cell">\s*March 2027\s*<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">\s*1/)

    const applied = await submit('/workspace/retention/apply', {})
    expect(applied.location).toBe('/workspace/retention?deleted=2')
    const after = await page(applied.location!)
    expect(after.text).toContain('Retention applied: 2 records deleted')
    expect(after.text).toContain('0 closed records are due for deletion now')
    expect(await stored(a.id)).toBe(false)
    expect(await stored(b.id)).toBe(false)
    expect(await stored(c.id)).toBe(true)
    expect(await auditOf('Applied retention')).toMatchObject([{ officerUsername: 'inbox' }])
    expect((await auditOf('Deleted under retention')).map((entry) => entry.subject).sort()).toEqual([a.reference, b.reference])
  })
})

describe('subject access requests', () => {
  async function sendAll() {
    const first = await send('suspension', suspension('Sam Pupil', '2026-10-05'))
    const second = await send('suspension', suspension('Sam  Pupil', '2026-11-16'))
    const namesake = await send('suspension', { ...suspension('Sam Pupil'), pupil: { name: 'Sam Pupil', dateOfBirth: '2016-01-01', yearGroup: 'year-5' } })
    const other = await send('suspension', suspension('Sam Pupilson'))
    const notice = await send('permanent-exclusion', permanentExclusion({ pupil: { name: 'Sam Pupil', dateOfBirth: '2015-03-02', yearGroup: 'year-6' } }))
    const outcome = await send('permanent-exclusion-update', { outcome: 'rescinded', alternativeOutcome: 'A managed move', decidedOn: '2026-11-18' }, notice.key)
    await intake.store.cases.recordStep(notice.id, 'duty-desk-call', { at: '2026-11-16' }, { id: 'officer-1', displayName: 'Casey Officer' }, '2026-11-16T10:00:00.000Z')
    await intake.store.audit.append({ at: '2026-11-16T11:00:00.000Z', officerUsername: 'casey', action: 'Viewed case', subject: notice.reference })
    return { first, second, namesake, other, notice, outcome }
  }

  it('asks for the name again, with GOV.UK messages, when it is missing or the date is wrong', async () => {
    const form = await page('/workspace/subject-access')
    expect(form.status).toBe(200)
    expect(form.text).toContain('<form method="post" action="/workspace/subject-access" novalidate>')
    const missing = await submit('/workspace/subject-access', {})
    expect(missing.status).toBe(400)
    expect(missing.text).toContain('<a href="#name">Enter the pupil’s full name</a>')
    const wrongDate = await submit('/workspace/subject-access', { name: 'Sam Pupil', 'dateOfBirth-day': '30', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2015' })
    expect(wrongDate.status).toBe(400)
    expect(wrongDate.text).toContain('<a href="#dateOfBirth-day">Date of birth must be a real date</a>')
    expect(wrongDate.text).toContain('value="Sam Pupil"')
  })

  it('finds the pupil’s records by their exact name and, if given, date of birth', async () => {
    const sent = await sendAll()
    const byName = await submit('/workspace/subject-access', { name: '  sam PUPIL ' })
    expect(byName.status).toBe(200)
    expect(byName.headers.get('cache-control')).toBe('no-store')
    expect(byName.text).toContain('4 records found')
    for (const { reference } of [sent.first, sent.second, sent.namesake, sent.notice]) expect(byName.text).toContain(`${reference}</td>`)
    expect(byName.text).not.toContain(`${sent.other.reference}</td>`)
    expect(byName.text).toContain('Permanent exclusion notice (and 1 later submission)')

    const byBirth = await submit('/workspace/subject-access', { name: 'Sam Pupil', 'dateOfBirth-day': '2', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015' })
    expect(byBirth.text).toContain('3 records found')
    expect(byBirth.text).not.toContain(`${sent.namesake.reference}</td>`)
    // The download is a form posted again, never an address with the name in it.
    expect(byBirth.text).toContain('<form method="post" action="/workspace/subject-access/export" novalidate>')
    expect(byBirth.text).not.toMatch(/href="[^"]*Sam/i)

    const nobody = await submit('/workspace/subject-access', { name: 'Nobody Known' })
    expect(nobody.text).toContain('No records are held for a pupil with that name.')
  })

  it('downloads everything held about the pupil as one JSON file, audited by reference, naming them nowhere else', async () => {
    const sent = await sendAll()
    const response = await submit('/workspace/subject-access/export', { name: 'Sam Pupil', 'dateOfBirth-day': '2', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="subject-access-2026-11-17.json"')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const file = JSON.parse(response.text)
    expect(file).toMatchObject({ exportedAt: '2026-11-17T10:00:00.000Z', exportedBy: 'inbox', about: { name: 'Sam Pupil', dateOfBirth: '2015-03-02' } })
    expect(file.records.map((record: { reference: string }) => record.reference)).toEqual([sent.first.reference, sent.second.reference, sent.notice.reference])
    const [first, , notice] = file.records
    expect(first).toMatchObject({
      kind: 'Suspension notice',
      setting: { name: 'Ashby Primary', urn: '123456' },
      status: 'received',
      sentBySetting: { pupil: { name: 'Sam Pupil', dateOfBirth: '2015-03-02' }, startDate: '2026-10-05', description: 'What happened, in the school’s words.' },
      laterSubmissions: [],
    })
    expect(notice.sentBySetting.pupil.name).toBe('Sam Pupil')
    expect(notice.recordedByTheInclusionService.case_steps).toMatchObject([{ step: 'duty-desk-call', details: { at: '2026-11-16' }, recorded_by_name: 'Casey Officer' }])
    expect(notice.auditEntries).toEqual([{ at: '2026-11-16T11:00:00.000Z', officer: 'casey', action: 'Viewed case' }])
    expect(notice.laterSubmissions).toMatchObject([
      { reference: sent.outcome.reference, kind: 'Permanent exclusion outcome', sentBySetting: { outcome: 'rescinded', alternativeOutcome: 'A managed move' } },
    ])

    const exported = (await auditOf('Exported subject access')).map((entry) => entry.subject).sort()
    expect(exported).toEqual([sent.first.reference, sent.second.reference, sent.notice.reference, sent.outcome.reference].sort())
    // Nothing in the audit log or the service's log names the pupil.
    expect(JSON.stringify((await intake.store.audit.list({}, 1000, 0)).entries)).not.toMatch(/Sam|Pupil/i)
    expect(intake.logs.join('\n')).not.toMatch(/Sam|Pupil/i)
  })
})
