import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headingOf, openInstalledApp, waitForHeading, type AppSession } from './browser'
import { ROUTES } from './routes'

let app: AppSession

beforeAll(async () => {
  app = await openInstalledApp()
})
afterAll(() => app.close())

describe('installing the app', () => {
  it('is installable: Chromium reports no installability errors', async () => {
    const cdp = await app.context.newCDPSession(app.page)
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
    expect(installabilityErrors).toEqual([])
    const manifest = await cdp.send('Page.getAppManifest')
    expect(manifest.errors).toEqual([])
    const parsed = JSON.parse(manifest.data!)
    expect(parsed).toMatchObject({ id: '/', start_url: '/', scope: '/', display: 'standalone', short_name: 'Inclusion' })
    expect(parsed.icons.map((icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ])
    expect(await app.page.locator('link[rel="apple-touch-icon"]').getAttribute('href')).toBe('/icons/apple-touch-icon.png')
  })

  it('stores the reference content on the device on first run', async () => {
    await app.page.goto(`${app.url}/settings`)
    await expect.poll(() => app.page.getByTestId('content-version').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+, /)
  })

  it('never answers the API from the precache', async () => {
    const cached = await app.page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
      }
      return urls
    })
    expect(cached).toContain('/index.html')
    expect(cached.filter((path) => path.startsWith('/api/'))).toEqual([])
  })
})

describe('with no connection at all', () => {
  beforeAll(async () => {
    await app.stopServer()
    await app.context.setOffline(true)
  })

  it.each(ROUTES)('opens %s offline', async (path, heading) => {
    await app.page.goto(`${app.url}${path}`)
    await waitForHeading(app.page, heading)
    expect(await headingOf(app.page)).toBe(heading)
  })

  it('shows the forums and their criteria from the device', async () => {
    await app.page.goto(`${app.url}/forums`)
    await expect.poll(() => app.page.locator('main').innerText()).toContain('Twice a month, in the north and the south of the county.')
    expect(await app.page.locator('main').innerText()).toContain('Any suspected needs being explored')
  })

  it('finds the forum for a child', async () => {
    await app.page.goto(`${app.url}/which-forum`)
    await app.page.getByLabel('School (primary, secondary, all-through or special)').check()
    await app.page.getByLabel('Day').fill('1')
    await app.page.getByLabel('Month').fill('9')
    await app.page.getByLabel('Year', { exact: true }).fill('2010')
    await app.page.getByRole('group', { name: /EHCP/ }).getByLabel('No').check()
    await app.page.getByRole('button', { name: 'Find the forum' }).click()
    const result = app.page.locator('#finder-result')
    await expect.poll(() => result.innerText()).toMatch(/^(Secondary inclusion forum|Post 16 education, employment and training \(EET\) forum)$/)
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('finder-result')
  })

  it('searches the directory as the user types, with tap-to-call numbers', async () => {
    await app.page.goto(`${app.url}/directory`)
    await app.page.getByLabel('Search services').pressSequentially('legal')
    await expect.poll(() => app.page.locator('#directory-results h2').allInnerTexts()).toEqual(['Legal Service – education and employment'])
    expect(await app.page.locator('#directory-results a[href^="tel:"]').getAttribute('href')).toBe('tel:01163056012')

    await app.page.getByLabel('Search services').fill('')
    await app.page.getByLabel('Governors').check()
    await expect.poll(() => app.page.locator('#directory-results h2').allInnerTexts()).toEqual(['Governor Development Service (GDS)'])
  })

  it('raised no script errors along the way', () => {
    // Offline, the content check and the favicon of a closed server may fail to load: those are network, not script, errors.
    expect(app.errors.filter((error) => !error.includes('Failed to load resource') && !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([])
  })
})
