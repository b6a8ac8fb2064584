import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openInstalledApp, type AppSession } from './browser'

// A release is simulated by changing the served sw.js (and, as the build does, its compressed
// copies): the browser then installs a new service worker, which waits until the user agrees
// to reload.

let appDir: string
let app: AppSession

const updateBanner = () => app.page.getByRole('region', { name: 'Update available' })

type Marked = { previousWaiting?: ServiceWorker | null }

async function releaseNewVersion(): Promise<void> {
  // The worker waiting before this release (one "Not now" left), to tell the new one from it.
  await app.page.evaluate(async () => ((window as Marked).previousWaiting = (await navigator.serviceWorker.getRegistration())?.waiting ?? null))
  const worker = join(appDir, 'sw.js')
  appendFileSync(worker, `\n// release ${Date.now()}\n`)
  writeFileSync(`${worker}.br`, brotliCompressSync(readFileSync(worker)))
  writeFileSync(`${worker}.gz`, gzipSync(readFileSync(worker)))
  // The app checks for an update whenever it becomes visible again: shown again until this
  // release is installed and waiting, with nothing else installing behind it (a page just
  // opened starts listening once the browser is idle).
  await expect
    .poll(() => app.page.evaluate(async () => {
      document.dispatchEvent(new Event('visibilitychange'))
      const registration = await navigator.serviceWorker.getRegistration()
      return registration?.installing === null && registration.waiting !== null && registration.waiting !== (window as Marked).previousWaiting
    }), { timeout: 30_000 })
    .toBe(true)
  await updateBanner().waitFor()
}

async function markPage(): Promise<void> {
  await app.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
}
const wasReloaded = () => app.page.evaluate(() => !(window as unknown as { notReloaded?: boolean }).notReloaded)

beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), 'update-app-'))
  cpSync('dist', appDir, { recursive: true })
  app = await openInstalledApp({ appDir })
})
afterAll(async () => {
  await app.close()
  rmSync(appDir, { recursive: true, force: true })
})

describe('updating the installed app', () => {
  it('asks before reloading, and “Not now” leaves the page alone', async () => {
    await releaseNewVersion()
    await markPage()
    await updateBanner().getByRole('button', { name: 'Not now' }).click()
    await expect.poll(() => updateBanner().count()).toBe(0)
    expect(await wasReloaded()).toBe(false)
  })

  it('never reloads under a form with unsaved input: it waits until the user leaves it', async () => {
    await app.page.goto(`${app.url}/which-forum`)
    await app.page.getByLabel('Day').fill('12')
    await releaseNewVersion()
    await markPage()

    await updateBanner().getByRole('button', { name: 'Reload to update' }).click()
    await updateBanner().getByText('It will install as soon as').waitFor()
    // The new version is still waiting: it has not been told to take over, so nothing can reload the page.
    expect(await app.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed')
    expect(await wasReloaded()).toBe(false)
    expect(await app.page.getByLabel('Day').inputValue()).toBe('12')

    const reloaded = app.page.waitForEvent('load')
    await app.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Support services' }).click()
    await reloaded
    expect(await wasReloaded()).toBe(true)
    await expect.poll(() => app.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      return registration?.waiting === null && navigator.serviceWorker.controller !== null
    })).toBe(true)
    expect(await updateBanner().count()).toBe(0)
  })

  it('reloads at once into the new version when no form holds input', async () => {
    await releaseNewVersion()
    await markPage()
    const reloaded = app.page.waitForEvent('load')
    await updateBanner().getByRole('button', { name: 'Reload to update' }).click()
    await reloaded
    expect(await wasReloaded()).toBe(true)
    expect(await updateBanner().count()).toBe(0)
  })
})
