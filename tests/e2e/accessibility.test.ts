import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { headingOf, openApp, waitForHeading, type AppSession } from './browser'
import { ROUTES } from './routes'

let app: AppSession

beforeAll(async () => {
  app = await openApp()
})
afterAll(() => app.close())

async function open(path: string): Promise<void> {
  await app.page.goto(`${app.url}${path}`)
  await app.page.locator('main h1').waitFor()
  await app.page.waitForFunction(() => !document.body.innerText.includes('Loading…'))
  const heading = ROUTES.find(([route]) => route === path)?.[1]
  if (heading) await waitForHeading(app.page, heading)
}

describe('axe finds no violation', () => {
  it.each(ROUTES)('on %s', async (path) => {
    await open(path)
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('on the finder with every error showing', async () => {
    await open('/which-forum')
    await app.page.getByLabel('Day').fill('31')
    await app.page.getByRole('button', { name: 'Find the forum' }).click()
    await app.page.locator('.govuk-error-summary').waitFor()
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('on the finder with an answer', async () => {
    await open('/which-forum')
    await app.page.getByLabel('Sixth form college, further education college or training provider').check()
    await app.page.getByLabel('Year group (optional)').selectOption('year-12')
    await app.page.getByRole('group', { name: /EHCP/ }).getByLabel('Yes').check()
    await app.page.getByRole('button', { name: 'Find the forum' }).click()
    // The whole answer: the forum's details follow its heading a frame later.
    await app.page.getByRole('heading', { name: 'What to bring' }).waitFor()
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('on the directory with no results', async () => {
    await open('/directory')
    await app.page.getByLabel('Search services').fill('zzzz')
    await app.page.getByText('No services match').waitFor()
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('on a narrow phone screen', async () => {
    await app.page.setViewportSize({ width: 360, height: 740 })
    try {
      for (const path of ['/', '/which-forum', '/directory']) {
        await open(path)
        expect(await axeViolations(app.page)).toEqual([])
      }
    } finally {
      await app.page.setViewportSize({ width: 1024, height: 900 })
    }
  })
})

describe('keyboard and focus', () => {
  it('starts with a skip link that moves focus to the main content', async () => {
    await open('/directory')
    await app.page.keyboard.press('Tab')
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')
    const skipLink = await app.page.locator('.govuk-skip-link').boundingBox()
    expect(Math.min(skipLink!.width, skipLink!.height)).toBeGreaterThanOrEqual(24)
    await app.page.keyboard.press('Enter')
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('main-content')
  })

  it('moves focus to the new page’s heading and names the page in the title', async () => {
    await open('/')
    await app.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Support services' }).click()
    await app.page.waitForURL('**/directory')
    expect(await app.page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect(await headingOf(app.page)).toBe('Support services')
    expect(await app.page.title()).toBe('Support services – Inclusion Companion')
  })

  it('marks the current page in the navigation', async () => {
    await open('/exclusions')
    const current = app.page.locator('nav[aria-label="Menu"] [aria-current="page"]')
    expect(await current.innerText()).toBe('Exclusions')
  })

  it('has one h1 on every page', async () => {
    for (const [path] of ROUTES) {
      await open(path)
      expect(await app.page.locator('h1').count()).toBe(1)
    }
  })

  it('gives every link and control a target of at least 24 by 24 pixels', async () => {
    for (const path of ['/', '/directory', '/which-forum', '/exclusions']) {
      await open(path)
      const tooSmall = await app.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('a, button, input, select, label')]
          // The skip link is visually hidden until focused (measured when focused, above).
          .filter((element) => element.offsetParent !== null && !element.classList.contains('govuk-skip-link'))
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          // Inline links in running text are exempt under WCAG 2.5.8.
          .filter(({ element }) => !(element.tagName === 'A' && element.closest('p')))
          .filter(({ box }) => box.width < 24 || box.height < 24)
          .map(({ element, box }) => `${element.tagName} "${element.textContent?.trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`),
      )
      expect(tooSmall, path).toEqual([])
    }
  })

  it('raised no script errors', () => {
    expect(app.errors).toEqual([])
  })
})
