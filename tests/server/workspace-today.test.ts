import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOfficer } from '../../server/service'
import { enrol, permanentExclusion, sendSubmission, signIn, startIntake, suspension, workspaceGet, workspacePost, type EnrolledDevice, type Intake, type WorkspaceSession } from './intake-harness'

let intake: Intake
let device: EnrolledDevice
let officer: WorkspaceSession
/** The workspace's clock: Today works out what is overdue against it. */
let clock: Date

beforeEach(async () => {
  clock = new Date('2026-11-17T10:00:00Z')
  intake = await startIntake({ now: () => clock })
  device = await enrol(intake.url, intake.code)
  await createOfficer(intake.store, { username: 'casey', displayName: 'Casey Officer', role: 'officer', password: 'a long officer password' })
  officer = await signIn(intake.url, 'casey', 'a long officer password')
})
afterEach(() => intake.close())

const send = (kind: 'permanent-exclusion' | 'permanent-exclusion-update' | 'suspension', payload: unknown, dependsOn?: string) =>
  sendSubmission(intake.url, device, kind, payload, dependsOn)

async function today(): Promise<string> {
  const response = await workspaceGet(intake.url, officer, '/workspace')
  expect(response.status).toBe(200)
  return response.text()
}

/** One section of Today: from its heading to the next. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`)
  expect(start, id).toBeGreaterThan(-1)
  const end = html.indexOf('<h2', start)
  return html.slice(start, end === -1 ? undefined : end)
}

async function record(caseId: number, step: string, fields: Record<string, string>) {
  clock = new Date(clock.getTime() + 60_000)
  const response = await workspacePost(intake.url, officer, `/workspace/cases/${caseId}/steps/${step}`, fields)
  expect(response.status, step).toBe(303)
}

const on = (name: string, day: string, month: string) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: '2026' })

describe('Today', () => {
  it('shows the date in the UK at the top, whatever the hour in UTC', async () => {
    clock = new Date('2026-12-02T10:00:00Z')
    expect(await today()).toContain('Wednesday 2 December 2026')
    // 23:30 UTC on 30 June is already 1 July in British Summer Time.
    clock = new Date('2026-06-30T23:30:00Z')
    expect(await today()).toContain('Wednesday 1 July 2026')
  })

  it('lists a case whose 6th school day has passed as overdue, and stops once education is recorded', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    clock = new Date('2026-11-24T09:00:00Z')
    let education = section(await today(), 'education')
    expect(education).toContain('Education from the 6th school day not arranged (1)')
    expect(education).toContain(`href="/workspace/cases/${notice.id}">${notice.reference}</a>`)
    expect(education).toContain('Ashby Primary')
    expect(education).toContain('Monday 23 November 2026')
    expect(education).toMatch(/govuk-tag--red">\s*Overdue/)
    expect(section(await today(), 'decision')).toContain(notice.reference)

    await record(notice.id, 'school-decision', { decision: 'continue', ...on('on', '16', '11') })
    await record(notice.id, 'education-in-place', { provider: 'Oakfield short stay school', ...on('startDate', '23', '11') })
    const page = await today()
    education = section(page, 'education')
    expect(education).toContain('not arranged (0)')
    expect(education).toContain('No permanent exclusion needs education arranged: none is overdue or due in the next 3 days.')
    expect(section(page, 'decision')).not.toContain(notice.reference)
  })

  it('lists a 6th school day within 3 days as due soon, and not one further off', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    clock = new Date('2026-11-19T12:00:00Z')
    expect(section(await today(), 'education')).not.toContain(notice.reference)
    clock = new Date('2026-11-20T12:00:00Z')
    const soon = section(await today(), 'education')
    expect(soon).toContain(notice.reference)
    expect(soon).toMatch(/govuk-tag--yellow">\s*Due soon/)
    clock = new Date('2026-11-23T08:00:00Z')
    expect(section(await today(), 'education')).toMatch(/govuk-tag--orange">\s*Due today/)
  })

  it('lists a notice the app sent without a 6th school day, so that it is not missed', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion({ deadlines: undefined }))
    const education = section(await today(), 'education')
    expect(education).toContain(notice.reference)
    expect(education).toContain('Not known: see the case')
    expect(education).toMatch(/govuk-tag--grey">\s*Date not known/)
  })

  it('lists an upheld exclusion until its chair of governors and the Governor Development Service are told', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    expect(section(await today(), 'upheld')).toContain('Every upheld permanent exclusion has its chair of governors and the Governor Development Service told.')
    await record(notice.id, 'school-decision', { decision: 'continue', ...on('on', '16', '11') })
    await record(notice.id, 'outcome', { outcome: 'upheld', ...on('on', '17', '11') })
    let upheld = section(await today(), 'upheld')
    expect(upheld).toContain('(1)')
    expect(upheld).toContain('Chair of governors and Governor Development Service')
    await record(notice.id, 'chair-notified', on('on', '17', '11'))
    upheld = section(await today(), 'upheld')
    expect(upheld).not.toContain('Chair of governors and')
    expect(upheld).toContain('Governor Development Service')
    await record(notice.id, 'gds-told', on('on', '17', '11'))
    expect(section(await today(), 'upheld')).not.toContain(notice.reference)
  })

  it('lists an exclusion the school says was rescinded until an officer records the alternative outcome', async () => {
    const notice = await send('permanent-exclusion', permanentExclusion())
    await send('permanent-exclusion-update', { outcome: 'rescinded', alternativeOutcome: 'A managed move', decidedOn: '2026-11-17' }, notice.key)
    expect(section(await today(), 'rescinded')).toContain(`href="/workspace/cases/${notice.id}">${notice.reference}</a>`)
    await record(notice.id, 'school-decision', { decision: 'continue', ...on('on', '16', '11') })
    await record(notice.id, 'outcome', { outcome: 'rescinded', alternativeOutcome: 'A managed move', ...on('on', '17', '11') })
    const rescinded = section(await today(), 'rescinded')
    expect(rescinded).not.toContain(notice.reference)
    expect(rescinded).toContain('No rescinded permanent exclusion is waiting for its alternative outcome.')
  })

  it('lists everything received in the last day, newest first, and nothing older', async () => {
    clock = new Date()
    const notice = await send('permanent-exclusion', permanentExclusion())
    const update = await send('permanent-exclusion-update', { outcome: 'upheld', decidedOn: '2026-11-17' }, notice.key)
    const other = await send('suspension', suspension())
    const received = section(await today(), 'received')
    expect(received).toContain('Received in the last day (3)')
    expect(received).toContain('Suspension notice')
    expect(received).toContain('Permanent exclusion notice')
    expect(received).toContain('Permanent exclusion outcome')
    // An outcome opens as its exclusion's case; the suspension as itself.
    expect(received).toContain(`href="/workspace/cases/${notice.id}">${update.reference}</a>`)
    expect(received).toContain(`href="/workspace/submissions/${other.id}">${other.reference}</a>`)
    expect(received.indexOf(other.reference)).toBeLessThan(received.indexOf(notice.reference))

    clock = new Date(clock.getTime() + 25 * 60 * 60 * 1000)
    expect(section(await today(), 'received')).toContain('Nothing has been received in the last 24 hours.')
  })

  it('shows no pupil’s name, writes no audit entry, and says so when nothing needs doing', async () => {
    await send('permanent-exclusion', permanentExclusion())
    const page = await today()
    expect(page).not.toContain('Riley Pupil')
    expect((await intake.store.audit.list({ officerUsername: 'casey' }, 10, 0)).entries.map((entry) => entry.action)).toEqual(['Signed in'])
    expect(section(page, 'suspension-levels')).toContain('High suspension levels: school not contacted this term')
  })

  it('is the same for a viewer', async () => {
    await createOfficer(intake.store, { username: 'vic', displayName: 'Vic Viewer', role: 'viewer', password: 'a long viewer password' })
    const viewer = await signIn(intake.url, 'vic', 'a long viewer password')
    const response = await workspaceGet(intake.url, viewer, '/workspace')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<h1 class="govuk-heading-l">Today</h1>')
  })
})
