import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { axeViolations } from './axe'
import { waitForHeading } from './browser'
import { fillDate as fillDateParts, visit } from './cases'

/** What a setting's staff do in the app for exclusions, shared by the tests that need a notice sent. */

export async function fillIsoDate(target: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-')
  await fillDateParts(target, id, { day: String(Number(day)), month: String(Number(month)), year: year! })
}

export async function fillPupil(target: Page, name: string): Promise<void> {
  await target.getByLabel('Full name').fill(name)
  await fillIsoDate(target, 'pupilDateOfBirth', '2013-04-02')
  await target.getByLabel('Year group').selectOption('year-8')
  await target.getByLabel('Physical assault against an adult (PA)').check()
  await target.getByLabel('What happened').fill('An incident in the corridor at break.')
  await target.getByLabel('SEN support').check()
}

/** The setting's own autumn term with its half term and an INSET day, entered in Settings. */
export async function enterTermDates(page: Page, url: string): Promise<void> {
  await visit(page, `${url}/settings/term-dates`)
  await page.getByLabel('Your setting’s own term dates').check()
  await fillIsoDate(page, 'term-0-start', '2026-09-03')
  await fillIsoDate(page, 'term-0-end', '2026-12-18')
  await fillIsoDate(page, 'term-0-half-start', '2026-10-19')
  await fillIsoDate(page, 'term-0-half-end', '2026-10-30')
  for (const index of [2, 1]) await page.getByRole('button', { name: index === 1 ? 'Remove Spring term' : 'Remove Summer term' }).click()
  await page.getByRole('button', { name: 'Add an INSET day' }).click()
  await fillIsoDate(page, 'inset-0', '2026-11-09')
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Save term dates' }).click()
  await page.getByText('Your term dates are saved.').waitFor()
}

/** A six-day suspension from 5 November 2026, checked on the way, and submitted. */
export async function prepareSuspension(page: Page, url: string): Promise<void> {
  await visit(page, `${url}/exclusions/suspensions/new`)
  await waitForHeading(page, 'Suspension notice')
  await page.waitForURL(/\/exclusions\/suspensions\/[0-9a-f-]{36}$/)
  await fillPupil(page, 'Sam Pupil')
  await fillIsoDate(page, 'startDate', '2026-11-05')
  await page.getByLabel('School days').check()
  await page.getByLabel('How many').fill('6')
  await fillIsoDate(page, 'parentsNotified', '2026-11-05')
  await page.getByLabel('Parents notified: time').fill('10:30')
  const figures = page.getByTestId('suspension-figures')
  await expect.poll(() => figures.innerText()).toContain('13 November 2026')
  const text = await figures.innerText()
  expect(text).toMatch(/Last day\s+13 November 2026/)
  expect(text).toMatch(/Back in school\s+16 November 2026/)
  expect(text).toMatch(/Full-time education from\s+13 November 2026/)
  expect(text).toContain('If the parents make representations, the board must consider reinstatement')
  expect(text).toContain('Counted in school days from your setting’s term dates')
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Submit the notice' }).click()
  await page.getByText('Notice submitted').waitFor()
}

/** A permanent exclusion walked to upheld, with its deadlines checked on the way. */
export async function walkPermanentExclusion(page: Page, url: string): Promise<void> {
  await sendPermanentExclusion(page, url)
  await recordUpheld(page)
}

/** A permanent exclusion from 5 November 2026 taken to the school's decision to continue: the notice is sent. */
export async function sendPermanentExclusion(page: Page, url: string): Promise<void> {
  await visit(page, `${url}/exclusions/permanent/new`)
  await page.waitForURL(/\/exclusions\/permanent\/[0-9a-f-]{36}$/)
  await waitForHeading(page, 'Permanent exclusion')
  expect(await page.getByTestId('exclusion-step').innerText()).toContain('Step 1 of 4')
  // The duty desk's number comes with the content, a moment after the page.
  await page.locator('a[href="tel:01163052071"]').waitFor()
  expect(await page.locator('a[href="tel:01163052071"]').count()).toBe(1)
  await page.getByLabel('Who you spoke to at the duty desk').fill('Duty officer')
  await page.getByRole('button', { name: 'Record the call as made now' }).click()
  await page.getByLabel('Who you contacted').fill('Area SEIP lead')
  await page.getByRole('button', { name: 'Record the contact as made now' }).click()
  await page.getByLabel('The nature of the incident').fill('A serious assault on a member of staff.')
  await expect.poll(() => page.getByTestId('exclusion-step').innerText()).toContain('Step 3 of 4')
  await fillPupil(page, 'Jo Pupil')
  await page.getByLabel('Is a child in need').check()
  await fillIsoDate(page, 'effectiveDate', '2026-11-05')
  await expect.poll(() => page.getByTestId('exclusion-deadlines').innerText()).toMatch(/provides education from\s+13 November 2026/)
  expect(await page.getByText('Contact the child’s social worker').count()).toBe(1)
  await fillIsoDate(page, 'parentsNotified', '2026-11-05')
  await page.getByLabel('Parents notified: time').fill('15:00')
  expect(await axeViolations(page)).toEqual([])
  await page.getByLabel('Continue with the permanent exclusion').check()
  await page.getByRole('button', { name: 'Continue and send the notice' }).click()
  await expect.poll(() => page.getByTestId('exclusion-step').innerText()).toContain('Step 4 of 4')
}

/** Step 4: upheld on 20 November, the board deciding on 25 November; the outcome is sent. */
export async function recordUpheld(page: Page): Promise<void> {
  await page.getByLabel('Upheld').check()
  await fillIsoDate(page, 'outcomeDecidedOn', '2026-11-20')
  await fillIsoDate(page, 'boardDecision', '2026-11-25')
  await expect.poll(() => page.getByTestId('exclusion-deadlines').innerText()).toMatch(/independent review by\s+16 December 2026/)
  await page.getByRole('button', { name: 'Send the outcome' }).click()
  await page.getByText('Outcome submitted').waitFor()
  expect(await axeViolations(page)).toEqual([])
}
