import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { axeViolations } from './axe'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser'

/** An officer at their own desk: a browser of their own, nothing shared with the school's device. */
export interface OfficerBrowser {
  browser: Browser
  page: Page
  /** Page errors, console errors and CSP violations seen so far: a healthy workspace has none. */
  errors: string[]
  close(): Promise<void>
}

export async function openOfficerBrowser(): Promise<OfficerBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const errors: string[] = []
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)),
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  // A page answered 400 or 404 is a state under test; a stylesheet, script or icon that fails is a defect.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') errors.push(`${response.status()} ${response.url()}`)
  })
  return { browser, page, errors, close: () => browser.close() }
}

/** Moves the focus with Tab until it reaches the element, as someone with only a keyboard does. */
export async function tabTo(page: Page, selector: string, most = 60): Promise<void> {
  for (let presses = 0; presses < most; presses++) {
    if (await page.evaluate((wanted) => document.activeElement === document.querySelector(wanted), selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

/** Signs in with the keyboard alone: Tab to each field, type, Enter. */
export async function signInWithKeyboard(page: Page, url: string, username = 'inbox', password = 'a long admin password'): Promise<void> {
  await page.goto(`${url}/workspace/sign-in`)
  await tabTo(page, '#username')
  await page.keyboard.type(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.waitForURL(`${url}/workspace`)
}

/** Fills a GOV.UK date input (ids <id>-day, -month, -year) from an ISO date. */
export async function fillDateInput(page: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-')
  await page.fill(`#${id}-day`, String(Number(day)))
  await page.fill(`#${id}-month`, String(Number(month)))
  await page.fill(`#${id}-year`, year!)
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page), `${page.url()}`).toEqual([])
}
