import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { openInstalledApp, waitForHeading, type AppSession } from './browser'
import { fillDate as fillDateParts, setUpDevice, visit } from './cases'

// Each test has a device of its own, set up from nothing: none depends on another's data.
let app: AppSession
const page = () => app.page

beforeEach(async () => {
  app = await openInstalledApp({ service: true })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
}, 120_000)
afterEach(async () => {
  expect(app.errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([])
  await app.close()
})

async function fillDate(target: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-')
  await fillDateParts(target, id, { day: String(Number(day)), month: String(Number(month)), year: year! })
}

async function fillPupil(target: Page, name: string): Promise<void> {
  await target.getByLabel('Full name').fill(name)
  await fillDate(target, 'pupilDateOfBirth', '2013-04-02')
  await target.getByLabel('Year group').selectOption('year-8')
  await target.getByLabel('Physical assault against an adult (PA)').check()
  await target.getByLabel('What happened').fill('An incident in the corridor at break.')
  await target.getByLabel('SEN support').check()
}

/** An autumn term with its half term and an INSET day, entered in Settings. */
async function enterTermDates(): Promise<void> {
  await visit(page(), `${app.url}/settings/term-dates`)
  await fillDate(page(), 'term-0-start', '2026-09-03')
  await fillDate(page(), 'term-0-end', '2026-12-18')
  await fillDate(page(), 'term-0-half-start', '2026-10-19')
  await fillDate(page(), 'term-0-half-end', '2026-10-30')
  for (const index of [2, 1]) await page().getByRole('button', { name: index === 1 ? 'Remove Spring term' : 'Remove Summer term' }).click()
  await page().getByRole('button', { name: 'Add an INSET day' }).click()
  await fillDate(page(), 'inset-0', '2026-11-09')
  expect(await axeViolations(page())).toEqual([])
  await page().getByRole('button', { name: 'Save term dates' }).click()
  await page().getByText('Your term dates are saved.').waitFor()
}

/** A six-day suspension from 5 November 2026, checked on the way, and submitted. */
async function prepareSuspension(): Promise<void> {
  await visit(page(), `${app.url}/exclusions/suspensions/new`)
  await waitForHeading(page(), 'Suspension notice')
  await page().waitForURL(/\/exclusions\/suspensions\/[0-9a-f-]{36}$/)
  await fillPupil(page(), 'Sam Pupil')
  await fillDate(page(), 'startDate', '2026-11-05')
  await page().getByLabel('School days').check()
  await page().getByLabel('How many').fill('6')
  await fillDate(page(), 'parentsNotified', '2026-11-05')
  await page().getByLabel('Parents notified: time').fill('10:30')
  const figures = page().getByTestId('suspension-figures')
  await expect.poll(() => figures.innerText()).toContain('13 November 2026')
  const text = await figures.innerText()
  expect(text).toMatch(/Last day\s+13 November 2026/)
  expect(text).toMatch(/Back in school\s+16 November 2026/)
  expect(text).toMatch(/Full-time education from\s+13 November 2026/)
  expect(text).toContain('If the parents make representations, the board must consider reinstatement')
  expect(text).toContain('Counted in school days from your setting’s term dates')
  expect(await axeViolations(page())).toEqual([])
  await page().getByRole('button', { name: 'Submit the notice' }).click()
  await page().getByText('Notice submitted').waitFor()
}

/** A permanent exclusion walked to upheld, with its deadlines checked on the way. */
async function walkPermanentExclusion(): Promise<void> {
  await visit(page(), `${app.url}/exclusions/permanent/new`)
  await page().waitForURL(/\/exclusions\/permanent\/[0-9a-f-]{36}$/)
  await waitForHeading(page(), 'Permanent exclusion')
  expect(await page().getByTestId('exclusion-step').innerText()).toContain('Step 1 of 4')
  expect(await page().locator('a[href="tel:01163052071"]').count()).toBe(1)
  await page().getByLabel('Who you spoke to at the duty desk').fill('Duty officer')
  await page().getByRole('button', { name: 'Record the call as made now' }).click()
  await page().getByLabel('Who you contacted').fill('Area SEIP lead')
  await page().getByRole('button', { name: 'Record the contact as made now' }).click()
  await page().getByLabel('The nature of the incident').fill('A serious assault on a member of staff.')
  await expect.poll(() => page().getByTestId('exclusion-step').innerText()).toContain('Step 3 of 4')
  await fillPupil(page(), 'Jo Pupil')
  await page().getByLabel('Is a child in need').check()
  await fillDate(page(), 'effectiveDate', '2026-11-05')
  await expect.poll(() => page().getByTestId('exclusion-deadlines').innerText()).toMatch(/provides education from\s+13 November 2026/)
  expect(await page().getByText('Contact the child’s social worker').count()).toBe(1)
  await fillDate(page(), 'parentsNotified', '2026-11-05')
  await page().getByLabel('Parents notified: time').fill('15:00')
  expect(await axeViolations(page())).toEqual([])
  await page().getByLabel('Continue with the permanent exclusion').check()
  await page().getByRole('button', { name: 'Continue and send the notice' }).click()
  await expect.poll(() => page().getByTestId('exclusion-step').innerText()).toContain('Step 4 of 4')

  await page().getByLabel('Upheld').check()
  await fillDate(page(), 'outcomeDecidedOn', '2026-11-20')
  await fillDate(page(), 'boardDecision', '2026-11-25')
  await expect.poll(() => page().getByTestId('exclusion-deadlines').innerText()).toMatch(/independent review by\s+16 December 2026/)
  await page().getByRole('button', { name: 'Send the outcome' }).click()
  await page().getByText('Outcome submitted').waitFor()
  expect(await axeViolations(page())).toEqual([])
}

describe('exclusion notices in Chromium', () => {
  it('takes the setting’s term dates', async () => {
    await enterTermDates()
  })

  it('prepares a suspension offline and shows its dates in the setting’s school days', async () => {
    await enterTermDates()
    await app.goOffline()
    await prepareSuspension()
  })

  it('walks a permanent exclusion through every step to upheld, with the deadlines', async () => {
    await enterTermDates()
    await app.goOffline()
    await walkPermanentExclusion()
  })

  it('sends everything in order once online, and lists the notices', async () => {
    await enterTermDates()
    await app.goOffline()
    await prepareSuspension()
    await walkPermanentExclusion()
    await app.goOnline()
    await visit(page(), `${app.url}/outbox`)
    await expect.poll(() => page().getByTestId('receipt-reference').count(), { timeout: 15_000 }).toBe(3)
    const stored = await app.store!.listSubmissions({})
    expect(stored.map((submission) => submission.kind).reverse()).toEqual(['suspension', 'permanent-exclusion', 'permanent-exclusion-update'])
    const notice = await app.store!.submission(stored[1]!.id)
    // The deadlines travel as the page showed them: the service never recounts them.
    expect(notice?.payload).toMatchObject({ pupil: { name: 'Jo Pupil' }, dutyDeskCall: { spokeTo: 'Duty officer' }, childInNeed: true, deadlines: { educationFrom: '2026-11-13', basis: 'term-dates' } })
    const update = await app.store!.submission(stored[0]!.id)
    expect(update?.dependsOn).toBe(notice?.idempotencyKey)
    expect(update?.payload).toMatchObject({ outcome: 'upheld', deadlines: { boardDecidedOn: '2026-11-25', independentReviewBy: '2026-12-16' } })

    await visit(page(), `${app.url}/exclusions/notices`)
    await page().getByRole('link', { name: 'Jo Pupil' }).waitFor()
    await page().getByRole('link', { name: 'Sam Pupil' }).waitFor()
    expect(await axeViolations(page())).toEqual([])
  })
})
