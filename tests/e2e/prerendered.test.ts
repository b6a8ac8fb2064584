import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRERENDERED_PATHS } from '../../src/domain/app-pages'
import { CHROMIUM_ARGS, CHROMIUM_PATH, headingOf, openInstalledApp, type AppSession } from './browser'

/** Each prerendered page: its title, its heading, and words from its content (not its chrome). */
const PAGES: [path: string, title: string, heading: string, content: string][] = [
  ['/', 'Inclusion Companion', 'Inclusion Companion', 'Answer four questions to find the inclusion forum for a child'],
  ['/forums', 'Inclusion forums – Inclusion Companion', 'Inclusion forums', 'Twice a month, in the north and the south of the county.'],
  ['/forums/early-years', 'Early years inclusion forum – Inclusion Companion', 'Early years inclusion forum', 'Birth to age 5'],
  ['/forums/primary', 'Primary inclusion forum – Inclusion Companion', 'Primary inclusion forum', 'What to bring'],
  ['/forums/secondary', 'Secondary inclusion forum – Inclusion Companion', 'Secondary inclusion forum', 'What to bring'],
  [
    '/forums/post-16',
    'Post 16 education, employment and training (EET) forum – Inclusion Companion',
    'Post 16 education, employment and training (EET) forum',
    'up to 25 for young people with an EHCP',
  ],
  ['/which-forum', 'Which forum is right for this child? – Inclusion Companion', 'Which forum is right for this child?', 'What type of setting does the child attend?'],
  ['/directory', 'Support services – Inclusion Companion', 'Support services', '22 services'],
  ['/exclusions', 'Exclusions: what to do – Inclusion Companion', 'Exclusions: what to do', 'On the day of a suspension'],
]

let app: AppSession
let browser: Browser
let scriptsOff: BrowserContext

beforeAll(async () => {
  app = await openInstalledApp()
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  scriptsOff = await browser.newContext({ javaScriptEnabled: false })
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

it('prerenders every page whose content is the bundled content, and only those', () => {
  expect(PAGES.map(([path]) => path)).toEqual(PRERENDERED_PATHS)
})

describe('with scripts turned off, each page is already there', () => {
  it.each(PAGES)('%s', async (path, title, heading, content) => {
    const page = await scriptsOff.newPage()
    const response = await page.goto(`${app.url}${path}`)
    expect(response?.status()).toBe(200)
    expect(await page.title()).toBe(title)
    expect(await headingOf(page)).toBe(heading)
    expect(await page.locator('main').innerText()).toContain(content)
    await page.close()
  })
})

it.each(PAGES)('%s asks for its stylesheet first and its code at low priority: it needs only the stylesheet to paint', async (path) => {
  const html = await (await fetch(`${app.url}${path}`)).text()
  const code = [...html.matchAll(/<(?:script|link rel="modulepreload")[^>]*>/g)].map(([tag]) => tag)
  expect(code.length).toBeGreaterThan(1)
  expect(code.filter((tag) => !tag.includes('fetchpriority="low"'))).toEqual([])
  expect(html.indexOf('<link rel="stylesheet"')).toBeGreaterThan(0)
  expect(html.indexOf('<link rel="stylesheet"')).toBeLessThan(html.indexOf('<script'))
})

describe('with scripts on, the app takes each page over as it is', () => {
  it.each(PAGES)('%s hydrates with no mismatch and no error', async (path, title, heading) => {
    const errors: string[] = []
    const page = await app.context.newPage()
    page.on('console', (message) => void (message.type() === 'error' || message.type() === 'warning' ? errors.push(message.text()) : undefined))
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${app.url}${path}`)
    // Hydrated: the app's own handlers are attached (the idle-time outbox starts after it).
    await page.waitForFunction(() => (document.getElementById('app') as { __vue_app__?: unknown } | null)?.__vue_app__ !== undefined)
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)))
    expect(await page.title()).toBe(title)
    expect(await headingOf(page)).toBe(heading)
    expect(errors).toEqual([])
    await page.close()
  })

  it('searches the directory as soon as it is hydrated', async () => {
    const page = await app.context.newPage()
    await page.goto(`${app.url}/directory`)
    await page.getByLabel('Search services').pressSequentially('legal')
    await expect.poll(() => page.locator('main').innerText()).toMatch(/\b1 service\b|\b\d services\b/)
    expect(await page.locator('main').innerText()).not.toContain('22 services')
    await page.close()
  })

  it('draws the directory cards near the screen only, and prints every one', async () => {
    const page = await app.context.newPage()
    await page.goto(`${app.url}/directory`)
    const lastCard = page.locator('#directory-results h2').last()
    const drawn = () => lastCard.evaluate((heading) => heading.checkVisibility({ contentVisibilityAuto: true }))
    expect(await drawn()).toBe(false)
    await lastCard.scrollIntoViewIfNeeded()
    await expect.poll(drawn).toBe(true)
    await page.evaluate(() => window.scrollTo(0, 0))
    await expect.poll(drawn).toBe(false)
    await page.emulateMedia({ media: 'print' })
    expect(await drawn()).toBe(true)
    await page.close()
  })
})

describe('offline, the service worker answers a deep link with that page', () => {
  beforeAll(() => app.goOffline())

  it.each(PAGES)('%s', async (path, title, heading, content) => {
    const response = await app.page.goto(`${app.url}${path}`)
    expect(response?.fromServiceWorker()).toBe(true)
    const html = await response!.text()
    // The page as built, content and all, not the empty shell filled in by script.
    expect(html).toContain(`<title>${title.replace(/&/g, '&amp;')}</title>`)
    expect(html).toMatch(/<div id="app"><!--\[-->/)
    expect(html).toContain(content)
    expect(await headingOf(app.page)).toBe(heading)
  })

  it('answers a page with personal data with the empty shell, which then asks for the passphrase', async () => {
    const response = await app.page.goto(`${app.url}/cases`)
    expect(response?.fromServiceWorker()).toBe(true)
    expect(await response!.text()).toContain('<div id="app"></div>')
    await expect.poll(() => headingOf(app.page)).toMatch(/passphrase/i)
  })
})
