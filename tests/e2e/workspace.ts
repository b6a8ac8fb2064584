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

/**
 * Tabs through the whole page: every link, button and field in it must take the focus, in
 * turn, and show that it has it (GOV.UK's focus style is an outline or a box shadow).
 */
export async function expectKeyboardReachable(page: Page): Promise<void> {
  const total = await page.evaluate(() => {
    const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary')].filter(
      (element) => element.getClientRects().length > 0 && !element.closest('[hidden], [inert]') && !(element as HTMLButtonElement).disabled,
    )
    // Radios share one tab stop per group: only the checked one (or the first) is reached by Tab.
    const stops = focusable.filter((element) => {
      if (!(element instanceof HTMLInputElement) || element.type !== 'radio') return true
      const group = [...document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(element.name)}"]`)]
      return element === (group.find((radio) => radio.checked) ?? group[0])
    })
    stops.forEach((element, index) => (element.dataset.tabStop = String(index)))
    return stops.length
  })
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  const reached = new Set<string>()
  const unseen: string[] = []
  for (let presses = 0; presses < total + 20 && reached.size < total; presses++) {
    await page.keyboard.press('Tab')
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      if (!element?.dataset.tabStop) return undefined
      const style = getComputedStyle(element)
      return { stop: element.dataset.tabStop, shown: style.outlineStyle !== 'none' || style.boxShadow !== 'none', name: element.outerHTML.slice(0, 80) }
    })
    if (!focus) continue
    reached.add(focus.stop)
    if (!focus.shown) unseen.push(focus.name)
  }
  expect(reached.size, `${page.url()}: Tab reached ${reached.size} of ${total}`).toBe(total)
  expect(unseen, `${page.url()}: focus not shown`).toEqual([])
}
