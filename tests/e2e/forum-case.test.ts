import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { closeExpectingNoErrors, openInstalledApp, waitForHeading, type AppSession } from './browser'
import { anonymousCase, saveAndReturn, setUpDevice, startCase, submitCase, visit, waitUntilSaved } from './cases'

// Each test has a device of its own, set up from nothing: none depends on another's data.
let app: AppSession

beforeEach(async () => {
  app = await openInstalledApp({ service: true })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
}, 120_000)
afterEach(() => closeExpectingNoErrors(app))

const page = () => app.page
const go = (path: string) => visit(page(), `${app.url}${path}`)

/** A named case with every section but "any other concerns" filled; with `axe`, each step checked. */
async function fillEverySection(axe: boolean): Promise<string> {
  const checkAxe = async () => {
    if (axe) expect(await axeViolations(page())).toEqual([])
  }
  const caseId = await startCase(page(), app.url)
  await checkAxe()
  await page().getByLabel('Primary inclusion forum').check()
  await page().getByLabel('Named', { exact: true }).check()
  await page().getByLabel('Year group').selectOption('year-4')
  await page().getByLabel('Child’s full name').fill('Alex Child')
  await page().getByLabel('Day').fill('5')
  await page().getByLabel('Month').fill('5')
  await page().getByLabel('Year', { exact: true }).fill('2017')
  await saveAndReturn(page())
  await checkAxe()

  await go(`/cases/${caseId}/consent`)
  await page().getByLabel('Who gave consent').fill('Pat Parent')
  await page().getByLabel('Their relationship to the child').fill('Mother')
  await page().getByLabel('Day').fill('10')
  await page().getByLabel('Month').fill('11')
  await page().getByLabel('Year', { exact: true }).fill('2026')
  await page().getByLabel('In person').check()
  await checkAxe()
  await saveAndReturn(page())

  for (const [section, text] of [
    ['behaviour', 'Leaves the classroom several times a day.'],
    ['outside', 'A new sibling at home.'],
    ['send', 'Speech and language assessment pending.'],
    ['medical', 'Asthma: inhaler in the office.'],
    ['suspected', 'Possible ADHD being explored with the GP.'],
    ['environment', 'A house move in the summer.'],
  ] as const) {
    await go(`/cases/${caseId}/${section}`)
    await page().locator('textarea').fill(text)
    await checkAxe()
    await saveAndReturn(page())
  }

  await go(`/cases/${caseId}/attendance`)
  await page().getByLabel('Attendance this school year, as a percentage').fill('91.5')
  await page().getByLabel('What affects the child’s attendance').fill('Medical appointments')
  await saveAndReturn(page())

  await go(`/cases/${caseId}/strategies`)
  await page().getByRole('button', { name: 'Add a strategy' }).click()
  await page().getByLabel('What the strategy or support is').fill('Movement breaks every hour')
  await page().getByLabel('Its impact or outcome').fill('Fewer incidents before lunch')
  await checkAxe()
  await saveAndReturn(page())

  await go(`/cases/${caseId}/advice`)
  await page().getByLabel('Best endeavours and reasonable adjustments').check()
  await page().getByLabel('Training available to support staff').check()
  await saveAndReturn(page())

  await waitForHeading(page(), 'Alex Child')
  return caseId
}

describe('preparing a forum case offline', () => {
  it('fills every section with no connection, every step passing axe', async () => {
    await app.goOffline()
    await fillEverySection(true)
    await waitForHeading(page(), 'Alex Child')
    expect(await page().getByText('You have completed 11 of 12 sections.').count()).toBe(1)
    expect(await axeViolations(page())).toEqual([])
  })

  it('keeps everything typed before the last half second when the browser is killed mid-typing', async () => {
    await app.goOffline()
    const caseId = await anonymousCase(page(), app.url)
    await go(`/cases/${caseId}/strategies`)
    await page().getByRole('button', { name: 'Add a strategy' }).click()
    await page().getByLabel('What the strategy or support is').fill('Movement breaks every hour')
    await saveAndReturn(page())
    await go(`/cases/${caseId}/other`)
    const box = page().locator('textarea')
    await box.pressSequentially('Worried about the move to junior school.', { delay: 5 })
    await waitUntilSaved(page())
    await box.pressSequentially(' And more', { delay: 5 })
    await app.killBrowser()

    await app.relaunch()
    expect(app.server.server.listening).toBe(false)
    await go(`/cases/${caseId}/other`)
    await waitForHeading(page(), 'Any other concerns')
    expect(await page().locator('textarea').inputValue()).toMatch(/^Worried about the move to junior school\./)
    await go(`/cases/${caseId}/strategies`)
    expect(await page().getByLabel('What the strategy or support is').inputValue()).toBe('Movement breaks every hour')
  })

  it('shows the case whole to check, lists what is missing, and prints cleanly', async () => {
    await app.goOffline()
    const caseId = await fillEverySection(false)
    await go(`/cases/${caseId}/check`)
    await waitForHeading(page(), 'Check your answers')
    await page().getByText('Movement breaks every hour. Started: Not given. Impact: Fewer incidents before lunch').waitFor()
    expect(await axeViolations(page())).toEqual([])

    await page().emulateMedia({ media: 'print' })
    expect(await page().locator('.app-header').isVisible()).toBe(false)
    expect(await page().getByRole('button', { name: 'Submit case' }).isVisible()).toBe(false)
    expect(await page().getByText('Leaves the classroom several times a day.').isVisible()).toBe(true)
    const pdf = await page().pdf({ format: 'A4' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    expect(pdf.length).toBeGreaterThan(10_000)
    await page().emulateMedia({ media: 'screen' })
  })

  it('submits while offline, waits in the outbox, and reaches the service exactly once when back online', async () => {
    await app.goOffline()
    const caseId = await fillEverySection(false)
    await go(`/cases/${caseId}/other`)
    await page().locator('textarea').fill('Worried about the move to junior school.')
    await saveAndReturn(page())
    await submitCase(page(), app.url, caseId)
    expect(await axeViolations(page())).toEqual([])
    await go('/outbox')
    await waitForHeading(page(), 'Outbox')
    await page().getByText('Waiting to send').first().waitFor()
    expect(await page().evaluate(() => navigator.onLine)).toBe(false)
    expect(await page().getByTestId('outbox-badge').innerText()).toMatch(/^1/)
    expect(await app.store!.listSubmissions({})).toEqual([])

    await app.goOnline()
    await expect.poll(() => page().getByTestId('receipt-reference').allInnerTexts(), { timeout: 15_000 }).toEqual(['IC-000001'])
    const stored = await app.store!.listSubmissions({})
    expect(stored.map((submission) => submission.kind)).toEqual(['forum-case'])
    expect((await app.store!.submission(stored[0]!.id))?.payload).toMatchObject({
      child: { name: 'Alex Child', dateOfBirth: '2017-05-05' },
      consent: { givenBy: 'Pat Parent' },
      sections: { otherConcerns: expect.stringMatching(/^Worried about the move to junior school\./) },
      referrer: { name: 'Sam SENCO' },
    })
    expect(await axeViolations(page())).toEqual([])
  })

  it('tells a second tab that the case is open elsewhere, and saves nothing from it', async () => {
    const caseId = await anonymousCase(page(), app.url)
    await go(`/cases/${caseId}/plan`)
    await waitForHeading(page(), 'The education plan')
    const second = await app.context.newPage()
    await visit(second, `${app.url}/cases/${caseId}/plan`)
    await second.getByText('This case is open in another tab or window.').waitFor()
    expect(await second.getByRole('button', { name: 'Add an action' }).isDisabled()).toBe(true)
    expect(await axeViolations(second)).toEqual([])
    await second.close()
  })
})
