/**
 * The workspace with a county's worth of records: 1,000 settings and 50,000 submissions (about
 * two school years: suspensions mostly, forum cases, ~2,000 permanent exclusions, a few of them
 * open and overdue). Seeded through the store in one transaction, then Today and Find's
 * results timed over real HTTP, signed in, as an officer's browser asks for them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildApp } from '../../server/app'
import { randomToken, sha256 } from '../../server/secrets'
import { createAdministrator, openService } from '../../server/service'
import type { NewSubmission, SubmissionFilter } from '../../server/store/intake-store'
import { normalisedName, pupilKey } from '../../server/store/pupil-identity'
import type { SqliteStore } from '../../server/store/sqlite-store'
import type { SubmissionKind } from '../../src/domain/submissions'
import { signIn, workspaceGet, workspacePost, type WorkspaceSession } from '../../tests/server/intake-harness'

const SETTINGS = 1000
const SUBMISSIONS = 50_000
const PERMANENT_EXCLUSIONS = 2000
const FORUM_CASES = 6000
const EXCLUSION_UPDATES = 1000
/** Permanent exclusions still open (the newest), of which those whose 6th school day has passed are overdue. */
const OPEN_CASES = 60
const RUNS = 20
const WARM_UP = 3
const DAY_MS = 24 * 60 * 60 * 1000
/** Two school years back from now. */
const SPAN_MS = 800 * DAY_MS

const FIRST_NAMES = ['Sam', 'Alex', 'Jordan', 'Riley', 'Charlie', 'Jamie', 'Morgan', 'Taylor', 'Casey', 'Robin', 'Ali', 'Amira', 'Oliver', 'Olivia', 'Noah', 'Amelia', 'Leo', 'Isla', 'Harry', 'Ava', 'Jack', 'Mia', 'Mohammed', 'Ivy', 'Arthur', 'Freya', 'George', 'Lily', 'Theo', 'Grace', 'Oscar', 'Sophia', 'Archie', 'Rosie', 'Finley', 'Ella', 'Samira', 'Samuel', 'Priya', 'Kacper']
const LAST_NAMES = ['Smith', 'Jones', 'Patel', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Khan', 'Roberts', 'Walker', 'Wright', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Clark', 'Turner', 'Hill', 'Scott', 'Cooper', 'Morris', 'Ward', 'Moore', 'King', 'Watson', 'Baker', 'Harrison', 'Morgan', 'Patterson', 'Kowalski', 'Mistry', 'Begum', 'Ahmed', 'Shah', 'Young', 'Allen', 'Mitchell', 'Anderson', 'Campbell']
const TOWNS = ['Ashby', 'Birstall', 'Coalville', 'Hinckley', 'Loughborough', 'Lutterworth', 'Market Harborough', 'Melton', 'Oadby', 'Wigston', 'Syston', 'Shepshed', 'Earl Shilton', 'Ibstock', 'Broughton Astley', 'Countesthorpe', 'Enderby', 'Groby', 'Markfield', 'Quorn']
const KINDS_OF_SCHOOL = ['Primary School', 'Church of England Primary School', 'Academy', 'Community College', 'Infant School', 'Junior School', 'High School', 'Special School']

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10)
/** A fixed sequence, so that every run seeds the same county. */
function seeded(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const TEXT = 'What happened, in the school’s words: a description of the incident, what led up to it, who was involved and what the school did at the time. '.repeat(4)

function payloadFor(kind: SubmissionKind, name: string, eventDate: string, educationFrom: string) {
  const pupil = { name, dateOfBirth: '2014-03-02', yearGroup: 'year-7' }
  const common = { reasons: { listVersion: 'census-2024', codes: ['PA'] }, description: TEXT, sen: 'sen-support', childInNeed: false, childProtectionPlan: false, lookedAfter: false,
    parentsNotified: { at: `${eventDate}T10:30:00+00:00`, how: 'Phone call' }, referrer: { name: 'Jo Head', jobTitle: 'Head teacher' } }
  if (kind === 'suspension') return { pupil, startDate: eventDate, length: { unit: 'days', amount: 2 }, ...common }
  if (kind === 'permanent-exclusion') {
    return { pupil, effectiveDate: eventDate, ...common, dutyDeskCall: { at: `${eventDate}T09:00:00+00:00`, spokeTo: 'Duty officer' }, seipContact: { at: `${eventDate}T09:30:00+00:00`, who: 'Area SEIP' },
      discussion: { incident: TEXT }, deadlines: { educationFrom, boardConsiderBy: educationFrom, basis: 'term-dates', calendar: 'Setting term dates' } }
  }
  if (kind === 'permanent-exclusion-update') return { outcome: 'upheld', decidedOn: eventDate }
  return { forum: 'secondary', caseType: 'named', yearGroup: 'year-7', child: { name, dateOfBirth: '2014-03-02' }, consent: { givenBy: 'A Parent', relationship: 'Mother', date: eventDate, how: 'in-person' },
    sections: { behaviourInSetting: TEXT, outsideFactors: TEXT, attendance: { percentageThisYear: 88 }, strategies: [{ description: TEXT, impact: TEXT }] }, adviceWanted: ['best-endeavours'], referrer: common.referrer }
}

interface Seeded {
  store: SqliteStore
  settingUrn: string
  reference: string
}

async function seed(dataDir: string, now: number): Promise<Seeded & { sealing: Awaited<ReturnType<typeof openService>>['sealing'] }> {
  const { store: intakeStore, sealing } = await openService({ dataDir })
  const store = intakeStore as SqliteStore
  await createAdministrator(store, 'bench', 'a long bench password')
  const random = seeded(20_261_202)
  const at = new Date(now).toISOString()
  const settings = Array.from({ length: SETTINGS }, (_, index) => ({
    id: crypto.randomUUID(),
    name: `${TOWNS[index % TOWNS.length]} ${KINDS_OF_SCHOOL[Math.floor(index / TOWNS.length) % KINDS_OF_SCHOOL.length]} ${Math.floor(index / (TOWNS.length * KINDS_OF_SCHOOL.length)) + 1}`,
    urn: String(100_000 + index),
    phase: index % 5 === 0 ? ('secondary' as const) : ('primary' as const),
    device: crypto.randomUUID(),
  }))
  // Kinds in a fixed shuffle: which rows are exclusions, forum cases and updates.
  const kinds: SubmissionKind[] = Array.from({ length: SUBMISSIONS }, (_, index) =>
    index < PERMANENT_EXCLUSIONS ? 'permanent-exclusion' : index < PERMANENT_EXCLUSIONS + FORUM_CASES ? 'forum-case' : index < PERMANENT_EXCLUSIONS + FORUM_CASES + EXCLUSION_UPDATES ? 'permanent-exclusion-update' : 'suspension',
  )
  for (let index = kinds.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[kinds[index], kinds[other]] = [kinds[other]!, kinds[index]!]
  }
  const pending: Promise<unknown>[] = []
  const exclusionIds: number[] = []
  store.inOneTransaction(() => {
    for (const setting of settings) {
      pending.push(store.createSetting({ id: setting.id, name: setting.name, urn: setting.urn, phase: setting.phase }, at))
      const codeHash = sha256(randomToken())
      pending.push(store.addEnrolmentCode(setting.id, codeHash, '2999-01-01T00:00:00.000Z', at))
      pending.push(store.redeemEnrolmentCode(codeHash, { id: setting.device, tokenHash: sha256(randomToken()) }, at))
    }
    for (let index = 0; index < SUBMISSIONS; index++) {
      // Oldest first, as they would have arrived.
      const received = now - SPAN_MS + Math.floor((index * SPAN_MS) / SUBMISSIONS)
      const kind = kinds[index]!
      const setting = settings[Math.floor(random() * SETTINGS)]!
      const name = `${FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]}`
      const eventDate = isoDate(received - Math.floor(random() * 3) * DAY_MS)
      const educationFrom = isoDate(received + 7 * DAY_MS)
      const submission: NewSubmission = {
        deviceId: setting.device, settingId: setting.id, idempotencyKey: crypto.randomUUID(), kind,
        payload: payloadFor(kind, name, eventDate, educationFrom), receivedAt: new Date(received).toISOString(),
        ...(kind !== 'permanent-exclusion-update' ? { pupilName: normalisedName(name), pupilKey: pupilKey({ name, dateOfBirth: '2014-03-02' }) } : {}),
        ...(kind === 'suspension' ? { eventDate, suspensionDays: 2 } : {}),
        ...(kind === 'permanent-exclusion' ? { eventDate, educationFrom } : {}),
      }
      pending.push(
        store.recordSubmission(submission, () => ({ status: 201, body: '{}' })).then((id) => {
          if (kind === 'permanent-exclusion') exclusionIds.push(id)
        }),
      )
      // Older work done: outcomes recorded, plans issued, forum dates set; each closes as the workspace closes it.
      const age = now - received
      const id = index + 1
      const closedAt = new Date(received + 14 * DAY_MS).toISOString()
      if ((kind === 'suspension' || kind === 'permanent-exclusion-update') && age > 14 * DAY_MS && random() < 0.8) {
        pending.push(store.updateSubmissionStatus(id, { status: 'outcome-recorded', outcome: 'Noted' }, closedAt), store.retention.closeSubmission(id, closedAt))
      } else if (kind === 'forum-case' && age > 60 * DAY_MS) {
        pending.push(store.updateSubmissionStatus(id, { status: 'plan-issued', forumDate: eventDate }, closedAt), store.retention.closeSubmission(id, closedAt))
      } else if (kind === 'forum-case' && age > 14 * DAY_MS) {
        pending.push(store.updateSubmissionStatus(id, { status: 'forum-date-set', forumDate: isoDate(now + 10 * DAY_MS) }, closedAt))
      }
    }
  })
  await Promise.all(pending)
  // A permanent exclusion's state is written by its case's steps; a county's older cases are
  // long complete. Set straight in the file (the steps themselves are not what is measured).
  const db = new Database(join(dataDir, 'intake.sqlite'))
  const stillOpen = exclusionIds.slice(-OPEN_CASES)
  db.prepare(`UPDATE submissions SET case_state = 'complete', education_arranged = 1, closed_at = received_at WHERE kind = 'permanent-exclusion' AND id < ?`).run(Math.min(...stillOpen))
  db.close()
  const sample = settings[SETTINGS / 2]!
  return { store, sealing, settingUrn: sample.urn, reference: `IC-${String(Math.floor(SUBMISSIONS / 3)).padStart(6, '0')}` }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function timed(request: () => Promise<Response>): Promise<{ medianMs: number; slowestMs: number; status: number }> {
  let status = 0
  for (let run = 0; run < WARM_UP; run++) await (await request()).text()
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const response = await request()
    await response.text()
    times.push(performance.now() - started)
    status = response.status
  }
  return { medianMs: median(times), slowestMs: Math.max(...times), status }
}

export interface WorkspaceTiming {
  label: string
  medianMs: number
  slowestMs: number
  status: number
}

export async function workspaceSearch(): Promise<{ seedMs: number; runs: number; timings: WorkspaceTiming[]; plans: { label: string; plan: string[] }[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-workspace-'))
  try {
    const started = performance.now()
    const { store, sealing, settingUrn, reference } = await seed(dataDir, Date.now())
    const seedMs = performance.now() - started
    const app = await buildApp({ store, sealing, rateLimitPerMinute: 1_000_000 })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const session: WorkspaceSession = await signIn(url, 'bench', 'a long bench password')
      const page = (path: string) => () => workspaceGet(url, session, path)
      const cases: [string, () => Promise<Response>, SubmissionFilter][] = [
        ['Today (GET /workspace)', page('/workspace'), {}],
        ['Find, newest first (no filter)', page('/workspace/submissions'), {}],
        ['Find by setting (URN)', page(`/workspace/submissions?setting=${settingUrn}`), { setting: settingUrn }],
        ['Find by setting (part of its name)', page('/workspace/submissions?setting=Quorn%20Academy'), { setting: 'Quorn Academy' }],
        ['Find by reference', page(`/workspace/submissions?reference=${reference}`), { id: Number(reference.slice(3)) }],
        ['Find by pupil name, starts with (POST)', () => workspacePost(url, session, '/workspace/submissions', { pupilName: 'sam', nameMatch: 'prefix' }), { pupilName: { name: 'sam', match: 'prefix' } }],
        ['Find by pupil name, exact (POST)', () => workspacePost(url, session, '/workspace/submissions', { pupilName: 'Samira Khan', nameMatch: 'exact' }), { pupilName: { name: 'samira khan', match: 'exact' } }],
        ['Find suspensions, page 100', page('/workspace/submissions?kind=suspension&page=100'), { kind: 'suspension' }],
        ['Find by event date (one month)', page('/workspace/submissions?dateOn=event&from-day=1&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026'), { dateOn: 'event', from: '2026-10-01', to: '2026-10-31' }],
        ['Find overdue exclusions', page('/workspace/submissions?overdue=yes'), { overdueOn: isoDate(Date.now()) }],
        ['Find by status (plan issued)', page('/workspace/submissions?status=plan-issued'), { status: 'plan-issued' }],
      ]
      const timings: WorkspaceTiming[] = []
      const plans: { label: string; plan: string[] }[] = []
      for (const [label, request, filter] of cases) {
        timings.push({ label, ...(await timed(request)) })
        if (label !== cases[0]![0]) plans.push({ label, plan: store.findSubmissionsPlan(filter) })
      }
      return { seedMs, runs: RUNS, timings, plans }
    } finally {
      await app.close()
      await store.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
