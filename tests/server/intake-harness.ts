import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { sealingAdditionalData, sealJson, type PublicKeyJwk } from '../../src/domain/seal'
import type { SubmissionKind } from '../../src/domain/submissions'
import { buildApp, type AppOptions } from '../../server/app'
import type { DatabaseContent } from '../../server/content-source'
import { createAdministrator, createSetting, openContent, openService } from '../../server/service'
import type { IntakeStore } from '../../server/store/intake-store'

export interface Intake {
  url: string
  /** The running service, e.g. to walk its routes. */
  readonly app: FastifyInstance
  store: IntakeStore
  dataDir: string
  /** Everything the service logged, to check that no personal data reached the log. */
  logs: string[]
  settingId: string
  code: string
  /** Stops the service (as a restart or crash would), keeping its data and port. */
  stop(): Promise<void>
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>
  close(): Promise<void>
}

/**
 * The real intake service on a free port, with a fresh SQLite file, a setting and an
 * administrator. The data goes in a new folder under `dataParent`.
 */
export async function startIntake(options: Partial<AppOptions> = {}, dataParent = tmpdir()): Promise<Intake> {
  const dataDir = mkdtempSync(join(dataParent, 'intake-'))
  let { store, sealing } = await openService({ dataDir })
  const { setting, code } = await createSetting(store, { name: 'Ashby Primary', urn: '123456', phase: 'primary' })
  await createAdministrator(store, 'inbox', 'a long admin password')
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const listen = async (port: number) => {
    const app = await buildApp({ store, sealing, content: () => defaultContent, logger: { level: 'info', stream }, ...options })
    return { app, url: await app.listen({ port, host: '127.0.0.1' }) }
  }
  let running: Awaited<ReturnType<typeof listen>> | undefined = await listen(0)
  const port = Number(new URL(running.url).port)
  const intake: Intake = {
    url: running.url, store, dataDir, logs, settingId: setting.id, code,
    get app() {
      if (!running) throw new Error('the intake service is stopped')
      return running.app
    },
    async stop() {
      if (!running) return
      running.app.server.closeAllConnections()
      await running.app.close()
      await store.close()
      running = undefined
    },
    async start() {
      ;({ store, sealing } = await openService({ dataDir }))
      intake.store = store
      running = await listen(port)
    },
    async close() {
      await intake.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return intake
}

export interface EnrolledDevice {
  token: string
  sealingKey: PublicKeyJwk
}

export async function enrol(url: string, code: string): Promise<EnrolledDevice> {
  const response = await fetch(`${url}/api/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
  if (response.status !== 201) throw new Error(`enrolment failed: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { deviceToken: string; sealingKey: PublicKeyJwk }
  return { token: body.deviceToken, sealingKey: body.sealingKey }
}

/** The exact bytes a device sends for a submission: sealed once, resent unchanged on every retry. */
export async function sealedBody(device: EnrolledDevice, kind: SubmissionKind, key: string, payload: unknown, dependsOn?: string): Promise<string> {
  const sealed = await sealJson(device.sealingKey, payload, sealingAdditionalData(kind, key))
  return JSON.stringify({ kind, ...(dependsOn ? { dependsOn } : {}), sealed })
}

export function post(url: string, device: EnrolledDevice, key: string | undefined, body: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}` }
  if (key) headers['Idempotency-Key'] = key
  return fetch(`${url}/api/submissions`, { method: 'POST', headers, body })
}

/** Sends a submission as the device does (sealed, a fresh Idempotency-Key); it must be accepted. */
export async function sendSubmission(url: string, device: EnrolledDevice, kind: SubmissionKind, payload: unknown, dependsOn?: string) {
  const key = crypto.randomUUID()
  const body = await sealedBody(device, kind, key, payload, dependsOn)
  const response = await post(url, device, key, body)
  if (response.status !== 201) throw new Error(`${kind} not accepted: ${response.status} ${await response.text()}`)
  const { reference } = (await response.json()) as { reference: string }
  return { id: Number(reference.slice(3)), reference, key, body }
}

export const suspension = (name = 'Sam Pupil', startDate = '2026-11-16', days = 2) => ({
  pupil: { name, dateOfBirth: '2015-03-02', yearGroup: 'year-6', upn: 'A12345678901B' },
  startDate,
  length: { unit: 'days', amount: days },
  reasons: { listVersion: 'census-2024', codes: ['PA'] },
  description: 'What happened, in the school’s words.',
  sen: 'sen-support',
  childInNeed: false,
  childProtectionPlan: false,
  lookedAfter: false,
  parentsNotified: { at: '2026-11-16T10:30:00+00:00', how: 'Phone call' },
  referrer: { name: 'Jo Head', jobTitle: 'Head teacher' },
})

/**
 * A permanent exclusion notice as the app sends it, with the deadlines it worked out on the
 * setting's calendar (pass `deadlines: undefined` for a notice from an app older than them).
 */
export const permanentExclusion = (overrides: Record<string, unknown> = {}) => ({
  pupil: { name: 'Riley Pupil', dateOfBirth: '2014-09-12', yearGroup: 'year-7', upn: 'A12345678901C' },
  effectiveDate: '2026-11-16',
  reasons: { listVersion: 'census-2024', codes: ['PA', 'VA'] },
  description: 'What happened, in the school’s words.',
  sen: 'none',
  childInNeed: false,
  childProtectionPlan: false,
  lookedAfter: false,
  dutyDeskCall: { at: '2026-11-16T09:15:00+00:00', spokeTo: 'Duty officer' },
  seipContact: { at: '2026-11-16T09:40:00+00:00', who: 'Area SEIP lead' },
  discussion: { incident: 'Nature of the incident', supportOptions: 'Options the school tried' },
  parentsNotified: { at: '2026-11-16T15:30:00+00:00', how: 'Letter' },
  referrer: { name: 'Jo Head', jobTitle: 'Head teacher' },
  deadlines: {
    educationFrom: '2026-11-23',
    boardConsiderBy: '2026-12-07',
    basis: 'term-dates',
    calendar: 'Your setting’s term dates (Autumn 2026 to Summer 2027) and bank holidays',
  },
  ...overrides,
})

export const namedForumCase = (overrides: Record<string, unknown> = {}) => ({
  forum: 'primary',
  caseType: 'named',
  yearGroup: 'year-4',
  child: { name: 'Alex Child', dateOfBirth: '2017-05-05' },
  consent: { givenBy: 'Pat Parent', relationship: 'Mother', date: '2026-11-10', how: 'in-person' },
  sections: { attendance: { percentageThisYear: 91.5 }, strategies: [{ description: 'Movement breaks', started: '2026-09-08', impact: 'Fewer incidents' }] },
  adviceWanted: ['best-endeavours', 'staff-training'],
  referrer: { name: 'Sam SENCO', jobTitle: 'SENCO' },
  ...overrides,
})

/** Signs in to the inbox and returns the session cookie. */
/** A signed-in officer's cookies (session and CSRF secret) and the CSRF token their forms carry. */
export interface WorkspaceSession {
  cookie: string
  csrfToken: string
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!)

/** Signs in through the sign-in page, as a browser does. */
export async function signIn(url: string, username = 'inbox', password = 'a long admin password'): Promise<WorkspaceSession> {
  const form = await fetch(`${url}/workspace/sign-in`)
  const csrfCookie = cookiesOf(form).join('; ')
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!
  const response = await fetch(`${url}/workspace/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: csrfToken, username, password }).toString(),
  })
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`)
  return { cookie: [csrfCookie, ...cookiesOf(response)].join('; '), csrfToken }
}

/** A workspace page, signed in. */
export function workspaceGet(url: string, session: WorkspaceSession, path: string): Promise<Response> {
  return fetch(`${url}${path}`, { redirect: 'manual', headers: { Cookie: session.cookie } })
}

/** A workspace form sent, signed in, with its CSRF token. */
export function workspacePost(url: string, session: WorkspaceSession, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session.cookie },
    body: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
  })
}

/**
 * The intake service serving the content its store publishes, as main.ts wires it. The
 * source reads the store again only when a test asks (`source.refresh()`); closing the
 * service stops it.
 */
export async function startIntakeWithContent(options: Partial<AppOptions> = {}): Promise<{ intake: Intake; source: DatabaseContent }> {
  let source: DatabaseContent | undefined
  const intake = await startIntake({ content: () => source!.current(), ...options })
  source = (await openContent({ dataDir: intake.dataDir }, intake.store, { info: () => {}, warn: () => {} }, 60_000)) as DatabaseContent
  const close = intake.close.bind(intake)
  intake.close = async () => {
    source!.stop()
    await close()
  }
  return { intake, source }
}

