import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeExpectingNoErrors, openInstalledApp, type AppSession } from './browser'
import { setUpDevice, visit } from './cases'
import { enterTermDates, sendPermanentExclusion } from './notices'
import { expectNoAxeViolations, fillDateInput, openOfficerBrowser, signInWithKeyboard, tabTo, type OfficerBrowser } from './workspace'

// Monday 16 November 2026 at the Inclusion Service: the permanent exclusion from Thursday
// 5 November has passed its 6th school day (Friday 13 November, on the setting's term dates).
// The clock ticks from there, as a real one does (each recorded step is a later change).
const WORKSPACE_START = Date.parse('2026-11-16T09:00:00Z')

let app: AppSession
let officer: OfficerBrowser

beforeEach(async () => {
  const started = Date.now()
  app = await openInstalledApp({ service: true, workspaceNow: () => new Date(WORKSPACE_START + Date.now() - started) })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
  officer = await openOfficerBrowser()
}, 120_000)

afterEach(() => closeExpectingNoErrors(app, officer))

/** Reloads the school's notice page until the Inclusion Service's latest word has reached it. */
async function deviceShows(noticeAddress: string, line: string): Promise<void> {
  await visit(app.page, noticeAddress)
  await app.page.getByText(line).waitFor({ timeout: 15_000 })
}

describe('the Inclusion Service’s workspace in Chromium', () => {
  // The longest journey in the suite (59 s beside one other file, 78 s beside two): twice the usual limit.
  it('takes a permanent exclusion sent offline from Today through every step, and the device shows each', { timeout: 120_000 }, async () => {
    const device = app.page
    await enterTermDates(device, app.url)
    await app.goOffline()
    await sendPermanentExclusion(device, app.url)
    const noticeAddress = device.url()
    await app.goOnline()
    await visit(device, `${app.url}/outbox`)
    await expect.poll(() => device.getByTestId('receipt-reference').count(), { timeout: 15_000 }).toBe(1)

    // The officer signs in with the keyboard alone and finds it on Today, with the 6th school day the app sent.
    const page = officer.page
    await signInWithKeyboard(page, app.url)
    const education = page.locator('table', { has: page.getByRole('columnheader', { name: 'Education from' }) })
    await expect.poll(() => education.innerText()).toContain('IC-000001')
    expect(await education.innerText()).toMatch(/Friday 13 November 2026\s+Overdue/)
    await expectNoAxeViolations(page)

    // To the case by keyboard: Tab to its link on Today and press Enter.
    await tabTo(page, '#education ~ table a[href="/workspace/cases/1"]')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${app.url}/workspace/cases/1`)
    expect(await page.locator('#deadlines ~ dl').first().innerText()).toContain('Friday 13 November 2026')
    await expectNoAxeViolations(page)

    const record = async (label: string, fill: () => Promise<void>, deviceLine: string) => {
      await page.goto(`${app.url}/workspace/cases/1`)
      await page.getByRole('link', { name: label }).click()
      await fill()
      await page.getByRole('button', { name: 'Save' }).click()
      await page.waitForLoadState()
      expect(await page.locator('.govuk-error-summary').count(), await page.locator('main').innerText()).toBe(0)
      await page.waitForURL(/\/workspace\/cases\/1\?recorded=/)
      await page.locator('.govuk-notification-banner--success').waitFor()
      await expectNoAxeViolations(page)
      await deviceShows(noticeAddress, deviceLine)
    }

    // A step sent with a date that cannot be: the error summary and the message beside the field, what was typed kept.
    await page.getByRole('link', { name: 'Duty desk call received' }).click()
    await page.fill('#at-day', '31')
    await page.fill('#at-month', '2')
    await page.fill('#at-year', '2026')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('.govuk-error-message').count()).toBeGreaterThan(0)
    expect(await page.inputValue('#at-day')).toBe('31')
    await expectNoAxeViolations(page)

    await record('Duty desk call received', () => fillDateInput(page, 'at', '2026-11-05'), 'The Inclusion Service has received your call to the duty desk')
    // Prefilled from the school's record (who it contacted); the date is the officer's to give.
    await record('Area SEIP involved', () => fillDateInput(page, 'on', '2026-11-05'), 'Your area SEIP is involved')
    await record(
      'School’s decision by the end of the day',
      async () => {
        await page.getByLabel('Yes, it is continuing').check()
        await fillDateInput(page, 'on', '2026-11-05')
      },
      'The Inclusion Service has noted that you are continuing with the permanent exclusion',
    )
    await record('Decision confirmed by secure email', () => fillDateInput(page, 'on', '2026-11-05'), 'Your decision was confirmed by secure email on 5 November 2026')
    await record(
      'Outcome: upheld or rescinded',
      async () => {
        await page.getByLabel('Upheld').check()
        await fillDateInput(page, 'on', '2026-11-16')
      },
      'The Inclusion Service has recorded the permanent exclusion as upheld',
    )
    await record(
      'Education in place from the 6th school day',
      async () => {
        await page.getByLabel('Who provides the education').fill('The short stay school')
        await fillDateInput(page, 'startDate', '2026-11-13')
      },
      'Education is arranged from 13 November 2026',
    )
    await record('Chair of governors formally notified', () => fillDateInput(page, 'on', '2026-11-16'), 'The chair of governors has been formally notified on 16 November 2026')
    await record('Governor Development Service told', () => fillDateInput(page, 'on', '2026-11-16'), 'The Governor Development Service has been told')

    // Nothing is left to do for it on Today.
    await page.goto(`${app.url}/workspace`)
    const today = await page.locator('main').innerText()
    for (const heading of ['Education from the 6th school day not arranged (0)', 'No end-of-day decision from the school (0)', 'Upheld: chair of governors or Governor Development Service not told (0)']) {
      expect(today).toContain(heading)
    }
    const audit = await app.store!.audit.list({ subject: 'IC-000001' }, 100, 0)
    expect(audit.entries.filter((entry) => entry.action.startsWith('Recorded step')).length).toBe(8)
  })
})
