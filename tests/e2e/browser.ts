import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { buildApp } from '../../server/app'
import type { FastifyInstance } from 'fastify'

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
  context: BrowserContext
  page: Page
  server: FastifyInstance
  /** Page errors and console errors seen so far: a healthy app has none. */
  errors: string[]
  stopServer(): Promise<void>
  close(): Promise<void>
}

/**
 * The built app served by the real intake service on a free port, in Chromium with a
 * persistent profile (as an installed app has), so the service worker and IndexedDB live
 * across reloads.
 */
export async function openApp(options: { appDir?: string } = {}): Promise<AppSession> {
  const server = await buildApp({ appDir: options.appDir ?? 'dist' })
  const url = await server.listen({ port: 0, host: '127.0.0.1' })
  const profile = mkdtempSync(join(tmpdir(), 'e2e-profile-'))
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
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  let serverRunning = true
  const stopServer = async () => {
    server.server.closeAllConnections()
    if (serverRunning) await server.close()
    serverRunning = false
  }
  return {
    url,
    context,
    page,
    server,
    errors,
    stopServer,
    async close() {
      await context.close()
      await stopServer()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Opens the app and waits until its service worker has installed and controls the page. */
export async function openInstalledApp(options: { appDir?: string } = {}): Promise<AppSession> {
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
