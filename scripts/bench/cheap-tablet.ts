/**
 * Each prerendered page in Chromium with the CPU slowed down 4 times (the DevTools
 * protocol's throttling), as on a cheap tablet: its largest contentful paint, and the
 * interaction delay (INP, from the browser's own Event Timing entries for a real input
 * event) of the finder's submit and of a keystroke in the directory's search.
 */
import { chromium, type Browser, type Page } from 'playwright-core'
import { PRERENDERED_PATHS } from '../../src/domain/app-pages'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/browser'

export const CPU_SLOWDOWN = 4
const RUNS = 5
/** Long enough for the work the app starts once idle (the database, the outbox, the content check) to end. */
const SETTLE_MS = 3_000

export interface CheapTabletFigures {
  /** Median LCP of each page, in ms. */
  lcp: { path: string; medianMs: number }[]
  finderSubmitMs: number
  /** The same, once the app's start-up work is done, as when someone has taken time over the form. */
  finderSubmitSettledMs: number
  directoryKeystrokeMs: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** A first visit: a context of its own, so nothing is cached from an earlier run. */
async function slowPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  page.on('close', () => void context.close())
  await page.goto(url)
  return page
}

/** The page's largest contentful paint, once the page has loaded and the app has hydrated it. */
async function lcpOf(page: Page): Promise<number> {
  await waitForApp(page)
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({ type: 'largest-contentful-paint', buffered: true })
      }),
  )
}

function waitForApp(page: Page): Promise<unknown> {
  return page.waitForFunction(() => (document.getElementById('app') as { __vue_app__?: unknown } | null)?.__vue_app__ !== undefined)
}

/**
 * The slowest Event Timing entry of the next interaction (input delay, handlers and the
 * next paint): INP for that interaction. Entries under 16 ms are not reported by the
 * browser, so "16" means "under 16 ms".
 */
async function interactionMs(page: Page, interact: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const entries: PerformanceEventTiming[] = []
    ;(window as unknown as { benchEvents: PerformanceEventTiming[] }).benchEvents = entries
    new PerformanceObserver((list) => entries.push(...(list.getEntries() as PerformanceEventTiming[]))).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
  })
  await interact()
  // The entries arrive after the next paint: wait for two frames, then read them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await page.waitForTimeout(200)
  const durations = await page.evaluate(() =>
    (window as unknown as { benchEvents: PerformanceEventTiming[] }).benchEvents.filter((entry) => entry.interactionId > 0).map((entry) => entry.duration),
  )
  return Math.max(16, ...durations)
}

export async function cheapTablet(url: string): Promise<CheapTabletFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    return await measure(browser, url)
  } finally {
    await browser.close()
  }
}

async function measure(browser: Browser, url: string): Promise<CheapTabletFigures> {
  const lcp: CheapTabletFigures['lcp'] = []
  for (const path of PRERENDERED_PATHS) {
    const runs: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const page = await slowPage(browser, `${url}${path}`)
      runs.push(await lcpOf(page))
      await page.close()
    }
    lcp.push({ path, medianMs: median(runs) })
  }

  const finder: number[] = []
  const finderSettled: number[] = []
  const keystroke: number[] = []
  for (let run = 0; run < RUNS; run++) {
    finder.push(await finderSubmitMs(browser, url, 0))
    finderSettled.push(await finderSubmitMs(browser, url, SETTLE_MS))

    const directory = await slowPage(browser, `${url}/directory`)
    await waitForApp(directory)
    const search = directory.getByLabel('Search services')
    await search.focus()
    keystroke.push(await interactionMs(directory, () => directory.keyboard.press('a')))
    await directory.close()
  }
  return { lcp, finderSubmitMs: median(finder), finderSubmitSettledMs: median(finderSettled), directoryKeystrokeMs: median(keystroke) }
}

/** The finder's submit, on a page that hydrated just now or `settleMs` before its answers were given. */
async function finderSubmitMs(browser: Browser, url: string, settleMs: number): Promise<number> {
  const page = await slowPage(browser, `${url}/which-forum`)
  await waitForApp(page)
  await page.getByLabel('School (primary, secondary, all-through or special)').check()
  await page.getByLabel('Day').fill('1')
  await page.getByLabel('Month').fill('9')
  await page.getByLabel('Year', { exact: true }).fill('2014')
  await page.getByRole('group', { name: /EHCP/ }).getByLabel('No').check()
  await page.waitForTimeout(settleMs)
  // A click at the button's place, as a finger would: Playwright's own click() first checks
  // the target from the page's main thread, and that work was counted in the interaction.
  const button = page.getByRole('button', { name: 'Find the forum' })
  await button.scrollIntoViewIfNeeded()
  const box = (await button.boundingBox())!
  const ms = await interactionMs(page, () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2))
  await page.close()
  return ms
}
