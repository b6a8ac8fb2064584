import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { openInstalledApp, waitForHeading, type AppSession } from './browser'
import { saveAndReturn, setUpDevice, startCase, submitCase, visit, waitUntilSaved } from './cases'

let app: AppSession
let caseId: string

beforeAll(async () => {
  app = await openInstalledApp({ service: true })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
})
afterAll(() => app.close())

const page = () => app.page
const go = (path: string) => visit(page(), `${app.url}${path}`)

describe('preparing a forum case offline', () => {
  it('fills every section with no connection, every step passing axe', async () => {
    await app.goOffline()
    caseId = await startCase(page(), app.url)
    expect(await axeViolations(page())).toEqual([])
    await page().getByLabel('Primary inclusion forum').check()
    await page().getByLabel('Named', { exact: true }).check()
    await page().getByLabel('Year group').selectOption('year-4')
    await page().getByLabel('Child’s full name').fill('Alex Child')
    await page().getByLabel('Day').fill('5')
    await page().getByLabel('Month').fill('5')
    await page().getByLabel('Year', { exact: true }).fill('2017')
    await saveAndReturn(page())
    expect(await axeViolations(page())).toEqual([])

    await go(`/cases/${caseId}/consent`)
    await page().getByLabel('Who gave consent').fill('Pat Parent')
    await page().getByLabel('Their relationship to the child').fill('Mother')
    await page().getByLabel('Day').fill('10')
    await page().getByLabel('Month').fill('11')
    await page().getByLabel('Year', { exact: true }).fill('2026')
    await page().getByLabel('In person').check()
    expect(await axeViolations(page())).toEqual([])
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
      expect(await axeViolations(page())).toEqual([])
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
    expect(await axeViolations(page())).toEqual([])
    await saveAndReturn(page())

    await go(`/cases/${caseId}/advice`)
    await page().getByLabel('Best endeavours and reasonable adjustments').check()
    await page().getByLabel('Training available to support staff').check()
    await saveAndReturn(page())

    await waitForHeading(page(), 'Alex Child')
    expect(await page().getByText('You have completed 11 of 12 sections.').count()).toBe(1)
    expect(await axeViolations(page())).toEqual([])
  })

  it('keeps everything typed before the last half second when the browser is killed mid-typing', async () => {
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

  it('submits while offline: the case waits in the outbox', async () => {
    await submitCase(page(), app.url, caseId)
    expect(await axeViolations(page())).toEqual([])
    await go('/outbox')
    await waitForHeading(page(), 'Outbox')
    await page().getByText('Waiting to send').first().waitFor()
    expect(await page().evaluate(() => navigator.onLine)).toBe(false)
    expect(await page().getByTestId('outbox-badge').innerText()).toMatch(/^1/)
    expect(await app.store!.listSubmissions({})).toEqual([])
  })

  it('reaches the service exactly once when the device is back online', async () => {
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
    await go(`/cases/${caseId}/plan`)
    await waitForHeading(page(), 'The education plan')
    const second = await app.context.newPage()
    await visit(second, `${app.url}/cases/${caseId}/plan`)
    await second.getByText('This case is open in another tab or window.').waitFor()
    expect(await second.getByRole('button', { name: 'Add an action' }).isDisabled()).toBe(true)
    expect(await axeViolations(second)).toEqual([])
    await second.close()
  })

  it('raised no script errors', () => {
    expect(app.errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([])
  })
})
