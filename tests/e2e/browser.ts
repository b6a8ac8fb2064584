import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { createAdministrator, createSetting, openContent, openService } from '../../server/service'
import type { IntakeStore } from '../../server/store/intake-store'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The flags this machine needs: no sandbox as root, and no calls home on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export interface AppSession {
  url: string
  /** Chromium's user data directory: everything the browser keeps on disk for this app. */
  profile: string
  context: BrowserContext
  page: Page
  server: FastifyInstance
  /** With `service`: the intake service's store, and an enrolment code for its setting. */
  store?: IntakeStore
  enrolmentCode?: string
  /** Page errors and console errors seen so far: a healthy app has none. */
  errors: string[]
  stopServer(): Promise<void>
  /** No connection: the browser is offline and the service unreachable, whatever a navigation does. */
  goOffline(): Promise<void>
  /** The connection is back: the service answers again on the same address. */
  goOnline(): Promise<void>
  /** Kills Chromium outright (SIGKILL), as a dying battery or the system would. */
  killBrowser(): Promise<void>
  /** Starts Chromium again on the same profile: what was on disk is there, nothing else. */
  relaunch(): Promise<Page>
  close(): Promise<void>
}

/**
 * The built app served by the real intake service on a free port, in Chromium with a
 * persistent profile (as an installed app has), so the service worker and IndexedDB live
 * across reloads.
 */
export interface AppOptions {
  appDir?: string
  /** With the intake service, a setting and the workspace's administrator (inbox). */
  service?: boolean
  /** The workspace's clock, so its deadlines can be tested on any day. */
  workspaceNow?: () => Date
}

export async function openApp(options: AppOptions = {}): Promise<AppSession> {
  const dataDir = options.service ? mkdtempSync(join(tmpdir(), 'e2e-service-')) : undefined
  const service = dataDir ? await openService({ dataDir }) : undefined
  const enrolment = service ? await createSetting(service.store, { name: 'Ashby Primary', urn: '123456', phase: 'primary' }) : undefined
  if (service) await createAdministrator(service.store, 'inbox', 'a long admin password')
  // The content the workspace publishes, read from the store as in production (every 200 ms here, not 5 s).
  const content = service && dataDir ? await openContent({ dataDir }, service.store, silentLog, 200) : undefined
  const appOptions = {
    appDir: options.appDir ?? 'dist',
    ...(service ?? {}),
    ...(content ? { content: () => content.current() } : {}),
    ...(options.workspaceNow ? { now: options.workspaceNow } : {}),
  }
  let server = await buildApp(appOptions)
  const url = await server.listen({ port: 0, host: '127.0.0.1' })
  const profile = mkdtempSync(join(tmpdir(), 'e2e-profile-'))
  const errors: string[] = []

  const launch = async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1024, height: 900 },
      serviceWorkers: 'allow',
    })
    // A blocked script or style breaks the app silently: report every CSP violation as an error.
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} in ${event.sourceFile}`),
      ),
    )
    context.on('page', watch)
    const page = context.pages()[0] ?? (await context.newPage())
    watch(page)
    return { context, page }
  }
  // Chromium drops the offline emulation for a document loaded after it was set: while offline,
  // set it again on every load, so the page sees itself offline and gets "online" when it ends.
  let offline = false
  const watched = new WeakSet<Page>()
  function watch(page: Page): void {
    if (watched.has(page)) return
    watched.add(page)
    page.on('load', () => {
      if (!offline) return
      void page.context().setOffline(false).then(() => (offline ? page.context().setOffline(true) : undefined)).catch(() => {})
    })
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`)
    })
  }

  let serverRunning = true
  const stopServer = async () => {
    server.server.closeAllConnections()
    if (serverRunning) await server.close()
    serverRunning = false
  }
  const session: AppSession = {
    url,
    profile,
    ...(await launch()),
    server,
    errors,
    stopServer,
    async goOffline() {
      offline = true
      await session.context.setOffline(true)
      await stopServer()
    },
    async goOnline() {
      if (!serverRunning) {
        server = await buildApp(appOptions)
        await server.listen({ port: Number(new URL(url).port), host: '127.0.0.1' })
        session.server = server
        serverRunning = true
      }
      offline = false
      await session.context.setOffline(false)
    },
    async killBrowser() {
      execFileSync('pkill', ['-KILL', '-f', '--', `--user-data-dir=${profile}`])
      await session.context.close().catch(() => {})
    },
    async relaunch() {
      Object.assign(session, await launch())
      if (offline) await session.context.setOffline(true)
      return session.page
    },
    async close() {
      await session.context.close().catch(() => {})
      await stopServer()
      content?.stop()
      await service?.store.close()
      rmSync(profile, { recursive: true, force: true })
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
  if (service) {
    session.store = service.store
    session.enrolmentCode = enrolment!.code
  }
  return session
}

const silentLog = { warn: () => {}, info: () => {} }

/**
 * Closes the app's browser (and an officer's), then fails if either raised a script error:
 * closed first, so that a failed check leaves no browser running. The app's browser goes
 * offline and between versions, where failed loads are expected; the officer's never does.
 */
export async function closeExpectingNoErrors(app: AppSession, officer?: { errors: string[]; close(): Promise<void> }): Promise<void> {
  const errors = [...app.errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error)), ...(officer?.errors ?? [])]
  await officer?.close()
  await app.close()
  expect(errors).toEqual([])
}

/** Opens the app and waits until its service worker has installed and controls the page. */
export async function openInstalledApp(options: AppOptions = {}): Promise<AppSession> {
  const session = await openApp(options)
  await session.page.goto(session.url)
  await session.page.waitForFunction(async () => {
    await navigator.serviceWorker.ready
    return navigator.serviceWorker.controller !== null
  })
  return session
}

export async function headingOf(page: Page): Promise<string> {
  return (await page.locator('main h1').innerText()).trim()
}

/** Some headings name content that loads from IndexedDB a moment after the page: wait for it. */
export async function waitForHeading(page: Page, heading: string): Promise<void> {
  await page.locator('main h1', { hasText: heading }).waitFor({ timeout: 10_000 })
}
