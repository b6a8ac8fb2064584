import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer } from '../../server/service'
import { enrol, permanentExclusion, sendSubmission, signIn, startIntake, suspension, workspaceGet, workspacePost, type EnrolledDevice, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let device: EnrolledDevice
let officer: WorkspaceSession
/** The workspace's clock, moved on a minute before each step so that each record is later than the one before. */
let clock: Date
const tick = () => (clock = new Date(clock.getTime() + 60_000))

beforeEach(async () => {
  clock = new Date('2026-11-17T10:00:00Z')
  intake = await startIntake({ now: () => clock })
  device = await enrol(intake.url, intake.code)
  await createOfficer(intake.store, { username: 'casey', displayName: 'Casey Officer', role: 'officer', password: 'a long officer password' })
  officer = await signIn(intake.url, 'casey', 'a long officer password')
})
afterEach(() => intake.close())

/** Sends a submission as the device does; returns its id (from its reference) and its key. */
const send = (kind: 'permanent-exclusion' | 'permanent-exclusion-update' | 'suspension', payload: unknown, dependsOn?: string) =>
  sendSubmission(intake.url, device, kind, payload, dependsOn)

const page = async (path: string, session = officer) => {
  const response = await workspaceGet(intake.url, session, path)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}

const record = async (caseId: number, step: string, fields: Record<string, string>, session = officer) => {
  const response = await workspacePost(intake.url, session, `/workspace/cases/${caseId}/steps/${step}`, fields)
  return { status: response.status, text: await response.text(), location: response.headers.get('location') }
}

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! }
}

/** The submission's case columns, read from the SQLite file as another reader would. */
function caseColumns(id: number): { case_state: string; education_arranged: number; closed_at: string | null; updated_at: string } {
  const db = new Database(join(intake.dataDir, 'intake.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT case_state, education_arranged, closed_at, updated_at FROM submissions WHERE id = ?').get(id) as never
  } finally {
    db.close()
  }
}

async function deviceStatus(key: string): Promise<{ updatedAt: string; progress?: string[] }> {
  const response = await fetch(`${intake.url}/api/submissions/status`, { headers: { Authorization: `Bearer ${device.token}` } })
  const { submissions } = (await response.json()) as { submissions: { idempotencyKey: string; updatedAt: string; progress?: string[] }[] }
  return submissions.find((submission) => submission.idempotencyKey === key)!
}

const recordedActions = async (reference: string) =>
  (await intake.store.audit.list({ subject: reference }, 100, 0)).entries.map((entry) => entry.action).reverse()

/** Every step of an upheld exclusion, in order, as an officer fills in each form. */
const UPHELD_STEPS: [string, Record<string, string>, string][] = [
  ['duty-desk-call', date('at', '2026-11-16'), 'The Inclusion Service has received your call to the duty desk'],
  ['seip-involved', { ...date('on', '2026-11-16'), who: 'Pat SEIP' }, 'Your area SEIP is involved'],
  ['school-decision', { decision: 'continue', ...date('on', '2026-11-16') }, 'The Inclusion Service has noted that you are continuing with the permanent exclusion'],
  ['decision-confirmed', date('on', '2026-11-16'), 'Your decision was confirmed by secure email on 16 November 2026'],
  ['outcome', { outcome: 'upheld', ...date('on', '2026-11-17') }, 'The Inclusion Service has recorded the permanent exclusion as upheld'],
  ['education-in-place', { provider: 'Oakfield short stay school', ...date('startDate', '2026-11-23') }, 'Education is arranged from 23 November 2026'],
  ['chair-notified', date('on', '2026-11-17'), 'The chair of governors has been formally notified on 17 November 2026'],
  ['gds-told', date('on', '2026-11-17'), 'The Governor Development Service has been told'],
]

describe('the case page', () => {
  it('shows the deadlines as the app sent them, with the calendar they were counted on, and audits the view', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const { status, text } = await page(`/workspace/cases/${notice.id}`)
    expect(status).toBe(200)
    expect(text).toContain('Education from (the 6th school day)')
    expect(text).toContain('Monday 23 November 2026')
    expect(text).toContain('Governing board to consider reinstatement by')
    expect(text).toContain('Monday 7 December 2026')
    expect(text).toContain('The setting’s own term dates, INSET days and bank holidays')
    expect(text).toContain('Your setting’s term dates (Autumn 2026 to Summer 2027) and bank holidays')
    // The school's own records, and the pupil.
    expect(text).toContain('Riley Pupil')
    expect(text).toContain('Year 7')
    expect(text).toContain('spoke to Duty officer')
    expect(text).toContain('Area SEIP lead')
    expect(text).toContain('Options the school tried')
    expect(text).toContain('The school has not sent an outcome yet.')
    expect(text).toContain('Not yet started')
    expect(await recordedActions(notice.reference)).toEqual(['Viewed case'])
  })

  it('marks the 6th school day overdue once it has passed without education', async () => {
    clock = new Date('2026-11-24T09:00:00Z')
    const notice = await send('permanent-exclusion', permanentExclusion())
    expect((await page(`/workspace/cases/${notice.id}`)).text).toMatch(/Monday 23 November 2026\s*<strong class="govuk-tag govuk-tag--red">\s*Overdue/)
  })

  it('says a deadline the setting’s term dates did not reach is not known yet, and never works one out itself', async () => {
    const deadlines = { educationFrom: '2026-11-23', boardConsiderBy: 'outside-term-dates', basis: 'weekdays-and-bank-holidays', calendar: 'Weekdays less bank holidays' }
    const notice = await send('permanent-exclusion', permanentExclusion({ deadlines }))
    const { text } = await page(`/workspace/cases/${notice.id}`)
    expect(text).toContain('Not known yet: the setting’s term dates do not reach it')
    expect(text).toContain('Weekdays less bank holidays: the setting had not added its term dates, so school holidays were not taken off')
  })

  it('says plainly when a notice from an older app came without deadlines', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion({ deadlines: undefined }))
    const { text } = await page(`/workspace/cases/${notice.id}`)
    expect(text).toContain('This notice came without its deadlines: it was sent by an older version of the app.')
    expect(text).not.toContain('Education from (the 6th school day)')
  })

  it('shows the school’s outcome and the independent review deadline it sent', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const update = {
      outcome: 'upheld',
      decidedOn: '2026-11-30',
      deadlines: { boardDecidedOn: '2026-12-03', independentReviewBy: '2026-12-17', basis: 'term-dates', calendar: 'Your setting’s term dates (Autumn 2026 to Summer 2027) and bank holidays' },
    }
    const sent = await send('permanent-exclusion-update', update, notice.key)
    const { text } = await page(`/workspace/cases/${notice.id}`)
    expect(text).toContain('Parents may ask for an independent review by')
    expect(text).toContain('Thursday 17 December 2026')
    expect(text).toContain('Governing board decided on')
    expect(text).toContain(sent.reference)
    expect(text).toContain('Outcomes sent by the school (1)')
  })

  it('answers 404 for an unknown id, another kind of submission, or an unknown step', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const other = await send('suspension', suspension())
    for (const path of ['/workspace/cases/999', '/workspace/cases/abc', `/workspace/cases/${other.id}`, `/workspace/cases/${notice.id}/steps/nonsense`, `/workspace/cases/${other.id}/steps/outcome`]) {
      const { status, text } = await page(path)
      expect(status, path).toBe(404)
      expect(text).toContain('Page not found')
    }
    expect((await record(notice.id, 'nonsense', {})).status).toBe(404)
    expect((await record(999, 'outcome', {})).status).toBe(404)
  })
})

describe('recording the steps', () => {
  it('records every step in order, audits each, and the device sees each one in its status', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const lines: string[] = []
    let updatedAt = (await deviceStatus(notice.key)).updatedAt
    expect((await deviceStatus(notice.key)).progress).toEqual([])
    for (const [step, fields, line] of UPHELD_STEPS) {
      tick()
      const response = await record(notice.id, step, fields)
      expect(response.status, step).toBe(303)
      expect(response.location).toBe(`/workspace/cases/${notice.id}?recorded=${step}`)
      lines.push(line)
      const status = await deviceStatus(notice.key)
      expect(status.progress).toEqual(lines)
      expect(status.updatedAt).not.toBe(updatedAt)
      updatedAt = status.updatedAt
    }
    expect(updatedAt).toBe('2026-11-17T10:08:00.000Z')

    const { text } = await page(`/workspace/cases/${notice.id}?recorded=gds-told`)
    expect(text).toContain('Recorded: Governor Development Service told')
    expect(text).toContain('Complete')
    expect(text).toContain('Recorded by Casey Officer')
    expect(text).toContain('Oakfield short stay school, from Monday 23 November 2026')
    expect(caseColumns(notice.id)).toMatchObject({ case_state: 'complete', education_arranged: 1, closed_at: '2026-11-17T10:08:00.000Z' })

    expect(await recordedActions(notice.reference)).toEqual([
      'Recorded step: Duty desk call received',
      'Recorded step: Area SEIP involved',
      'Recorded step: School’s decision by the end of the day',
      'Recorded step: Decision confirmed by secure email',
      'Recorded step: Outcome: upheld or rescinded',
      'Recorded step: Education in place from the 6th school day',
      'Recorded step: Chair of governors formally notified',
      'Recorded step: Governor Development Service told',
      'Viewed case',
    ])
    const steps = await intake.store.cases.steps(notice.id)
    expect(steps.map((step) => step.step)).toEqual(UPHELD_STEPS.map(([step]) => step))
    expect(steps[1]).toMatchObject({ details: { on: '2026-11-16', who: 'Pat SEIP' }, recordedBy: 'Casey Officer' })
  })

  it('prefills the duty desk call from the school’s own record', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const { status, text } = await page(`/workspace/cases/${notice.id}/steps/duty-desk-call`)
    expect(status).toBe(200)
    expect(text).toMatch(/id="at-day" name="at-day" type="text" value="16"/)
    expect(text).toMatch(/id="at-month" name="at-month" type="text" value="11"/)
    expect(text).toMatch(/id="at-year" name="at-year" type="text" value="2026"/)
  })

  it('refuses a step out of order with its message, keeping what was typed', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const refused = await record(notice.id, 'outcome', { outcome: 'rescinded', alternativeOutcome: 'A managed move to Coalville Academy', ...date('on', '2026-11-17') })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('There is a problem')
    expect(refused.text).toContain('Record the school’s decision first')
    expect(refused.text).toContain('A managed move to Coalville Academy')
    expect(await intake.store.cases.steps(notice.id)).toEqual([])

    const blocked = await page(`/workspace/cases/${notice.id}/steps/chair-notified`)
    expect(blocked.status).toBe(409)
    expect(blocked.text).toContain('This step cannot be recorded now. Record the school’s decision first.')
    // No link to a step that cannot be recorded yet.
    expect((await page(`/workspace/cases/${notice.id}`)).text).not.toContain(`/workspace/cases/${notice.id}/steps/chair-notified`)
  })

  it('refuses, in the write itself, a step another officer’s change has just put out of order', async () => {
    const { id } = await send('permanent-exclusion', permanentExclusion())
    const officerRef = { id: 'officer-2', displayName: 'Other Officer' }
    // The other officer records the school's withdrawal between this officer's check and write.
    expect(await intake.store.cases.recordStep(id, 'school-decision', { decision: 'withdraw', on: '2026-11-16' }, officerRef, '2026-11-17T10:00:00.000Z')).toEqual({ status: 'withdrawn' })
    expect(await intake.store.cases.recordStep(id, 'education-in-place', { provider: 'The short stay school', startDate: '2026-11-23' }, officerRef, '2026-11-17T10:01:00.000Z')).toEqual({
      refused: expect.stringContaining('withdrew'),
    })
    expect((await intake.store.cases.steps(id)).map((record) => record.step)).toEqual(['school-decision'])
  })

  it('answers a bad date with the message beside it and the summary, keeping the typed values', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    const impossible = await record(notice.id, 'seip-involved', { 'on-day': '31', 'on-month': '2', 'on-year': '2026', who: 'Pat SEIP' })
    expect(impossible.status).toBe(400)
    expect(impossible.text).toContain('<title>Error: Area SEIP involved')
    expect(impossible.text).toContain('href="#on-day">Date the SEIP was involved must be a real date</a>')
    expect(impossible.text).toContain('id="on-error"')
    expect(impossible.text).toMatch(/id="on-day" name="on-day" type="text" value="31"/)
    expect(impossible.text).toContain('value="Pat SEIP"')

    const future = await record(notice.id, 'seip-involved', { ...date('on', '2026-11-18'), who: '' })
    expect(future.status).toBe(400)
    expect(future.text).toContain('Date the SEIP was involved must be today or in the past')
    expect(future.text).toContain('href="#who">Enter who was involved at the SEIP</a>')

    const missingPart = await record(notice.id, 'duty-desk-call', { 'at-day': '16', 'at-month': '', 'at-year': '2026' })
    expect(missingPart.status).toBe(400)
    expect(missingPart.text).toContain('href="#at-month">Date the call was received must include a month</a>')

    const rescindedAlone = await record(notice.id, 'school-decision', {})
    expect(rescindedAlone.text).toContain('href="#decision">Select whether the school is continuing with the exclusion or withdrawing it</a>')
    expect(await intake.store.cases.steps(notice.id)).toEqual([])
  })

  it('closes the case when the school withdraws, refuses further steps, and reopens it when the decision is corrected', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    tick()
    expect((await record(notice.id, 'school-decision', { decision: 'withdraw', ...date('on', '2026-11-16') })).status).toBe(303)
    expect(caseColumns(notice.id)).toMatchObject({ case_state: 'withdrawn', closed_at: '2026-11-17T10:01:00.000Z' })
    expect((await page(`/workspace/cases/${notice.id}`)).text).toContain('Withdrawn by the school')
    expect((await deviceStatus(notice.key)).progress).toEqual(['The Inclusion Service has noted that you withdrew the permanent exclusion'])

    const refused = await record(notice.id, 'education-in-place', { provider: 'Oakfield', ...date('startDate', '2026-11-23') })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('The school withdrew this exclusion: no further steps')
    // The withdrawal is still confirmed by secure email: the case stays closed from when it closed.
    tick()
    expect((await record(notice.id, 'decision-confirmed', date('on', '2026-11-17'))).status).toBe(303)
    expect(caseColumns(notice.id)).toMatchObject({ case_state: 'withdrawn', closed_at: '2026-11-17T10:01:00.000Z' })

    tick()
    expect((await record(notice.id, 'school-decision', { decision: 'continue', ...date('on', '2026-11-16') })).status).toBe(303)
    expect(caseColumns(notice.id)).toMatchObject({ case_state: 'open', closed_at: null })
  })

  it('closes a rescinded exclusion with its alternative outcome', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    tick()
    await record(notice.id, 'school-decision', { decision: 'continue', ...date('on', '2026-11-16') })
    tick()
    const missing = await record(notice.id, 'outcome', { outcome: 'rescinded', ...date('on', '2026-11-17') })
    expect(missing.status).toBe(400)
    expect(missing.text).toContain('href="#alternativeOutcome">Enter the alternative outcome</a>')
    expect((await record(notice.id, 'outcome', { outcome: 'rescinded', alternativeOutcome: 'A fixed-term suspension instead', ...date('on', '2026-11-17') })).status).toBe(303)
    expect(caseColumns(notice.id)).toMatchObject({ case_state: 'rescinded', closed_at: '2026-11-17T10:02:00.000Z' })
    const { text } = await page(`/workspace/cases/${notice.id}`)
    expect(text).toContain('Rescinded. Alternative outcome: A fixed-term suspension instead')
    expect(text).toContain('Not needed')
  })

  it('corrects a step: the form opens with the latest record, and the new record wins', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    tick()
    await record(notice.id, 'seip-involved', { ...date('on', '2026-11-16'), who: 'Pat SEIP' })
    const form = await page(`/workspace/cases/${notice.id}/steps/seip-involved`)
    expect(form.text).toContain('This step is already recorded.')
    expect(form.text).toContain('value="Pat SEIP"')
    expect(form.text).toMatch(/id="on-day" name="on-day" type="text" value="16"/)
    tick()
    expect((await record(notice.id, 'seip-involved', { ...date('on', '2026-11-17'), who: 'Sam SEIP' })).status).toBe(303)
    const { text } = await page(`/workspace/cases/${notice.id}`)
    expect(text).toContain('Sam SEIP, Tuesday 17 November 2026')
    expect(text).toContain('Corrected.')
    expect(text).not.toContain('Pat SEIP')
    expect((await intake.store.cases.steps(notice.id)).map((step) => step.step)).toEqual(['seip-involved', 'seip-involved'])
    expect(await recordedActions(notice.reference)).toEqual([
      'Recorded step: Area SEIP involved',
      'Viewed step: Area SEIP involved',
      'Recorded step: Area SEIP involved',
      'Viewed case',
    ])
  })
})

describe('a viewer', () => {
  it('reads the case without step links, and may not open or send a step', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    await createOfficer(intake.store, { username: 'vic', displayName: 'Vic Viewer', role: 'viewer', password: 'a long viewer password' })
    const viewer = await signIn(intake.url, 'vic', 'a long viewer password')
    const casePage = await page(`/workspace/cases/${notice.id}`, viewer)
    expect(casePage.status).toBe(200)
    expect(casePage.text).toContain('Duty desk call received')
    expect(casePage.text).not.toContain('/steps/')
    expect((await page(`/workspace/cases/${notice.id}/steps/duty-desk-call`, viewer)).status).toBe(403)
    const refused = await record(notice.id, 'duty-desk-call', date('at', '2026-11-16'), viewer)
    expect(refused.status).toBe(403)
    expect(refused.text).toContain('You cannot do that')
    expect(await intake.store.cases.steps(notice.id)).toEqual([])
  })
})
