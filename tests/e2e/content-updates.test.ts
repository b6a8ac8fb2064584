import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUNDLED_COUNTY_CALENDAR } from '../../src/domain/default-content/county-calendar'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { REFRESH_SYNC_TAG } from '../../src/sync/background-sync'
import { axeViolations } from './axe'
import { closeExpectingNoErrors, openInstalledApp, waitForHeading, type AppSession } from './browser'
import { setUpDevice, visit } from './cases'
import { fillIsoDate, fillPupil } from './notices'
import { expectNoAxeViolations, fillDateInput, openOfficerBrowser, signInWithKeyboard, type OfficerBrowser } from './workspace'

// Test data, not the county's real dates (DOMAIN.md: they are unconfirmed): a 2026 to 2027
// county year already published, and its next year's autumn term published during the test.
const YEAR_2026_TO_2027 = [
  { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } },
  { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' } },
  { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21', halfTerm: { start: '2027-05-31', end: '2027-06-04' } },
]
const NEW_SERVICE = 'Attendance support test entry'

let app: AppSession
let officer: OfficerBrowser

beforeEach(async () => {
  app = await openInstalledApp({ service: true })
  // The county's 2026 to 2027 year, as the Inclusion Service published it before today.
  const countyCalendar = { ...BUNDLED_COUNTY_CALENDAR, terms: YEAR_2026_TO_2027 }
  await app.store!.content.publishContent(JSON.stringify({ ...defaultContent, countyCalendar }), new Date().toISOString(), { note: 'County term dates 2026 to 2027' })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
  officer = await openOfficerBrowser()
}, 120_000)

afterEach(() => closeExpectingNoErrors(app, officer))

/** The newest version the service has published, as its devices will hold it. */
async function publishedVersion(): Promise<string> {
  const latest = await app.store!.content.latestContent()
  return (JSON.parse(latest!.body) as { version: string }).version
}

/** Until the service answers GET /api/content with `version`: it reads its store every 200 ms here. */
async function serviceServes(version: string): Promise<void> {
  await expect.poll(async () => ((await (await fetch(`${app.url}/api/content`)).json()) as { version: string }).version, { timeout: 10_000 }).toBe(version)
}

/** Opens Settings, a start of the app, which asks the service for newer content: the device takes `version` with nothing more done. */
async function deviceHolds(version: string): Promise<void> {
  await serviceServes(version)
  await visit(app.page, `${app.url}/settings`)
  await expect.poll(() => app.page.getByTestId('content-version').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`^${version.replace('.', '\\.')},`))
}

describe('what the Inclusion Service publishes reaches the device', () => {
  it('takes next year’s county term dates and a new directory entry to a device, which works out a waiting deadline and keeps both offline', async () => {
    const device = app.page
    await deviceHolds(await publishedVersion())

    // A new device counts with the county calendar, and shows the county's terms.
    await visit(device, `${app.url}/settings/term-dates`)
    expect(await device.getByLabel('The county calendar').isChecked()).toBe(true)
    await device.getByText('Summer 2027').first().waitFor()
    expect(await axeViolations(device)).toEqual([])

    // A suspension from Monday 19 July 2027 for 5 school days: 3 fall in the summer term
    // (19 to 21 July), 2 after the last county term published, so its last day waits.
    await visit(device, `${app.url}/exclusions/suspensions/new`)
    await waitForHeading(device, 'Suspension notice')
    await device.waitForURL(/\/exclusions\/suspensions\/[0-9a-f-]{36}$/)
    const suspensionAddress = device.url()
    await fillPupil(device, 'Sam Pupil')
    await fillIsoDate(device, 'startDate', '2027-07-19')
    await device.getByLabel('School days').check()
    await device.getByLabel('How many').fill('5')
    await fillIsoDate(device, 'parentsNotified', '2027-07-19')
    await device.getByLabel('Parents notified: time').fill('10:30')
    const figures = device.getByTestId('suspension-figures')
    await expect.poll(() => figures.innerText()).toMatch(/Last day\s+Not known yet: it falls after the county term dates published so far/)
    expect(await figures.innerText()).toMatch(/Suspended in Summer 2027\s+3 school days/)
    expect(await device.getByTestId('calendar-basis').innerText()).toContain('Counted in school days from the county calendar')
    expect(await axeViolations(device)).toEqual([])
    await device.getByText(/^Saved/).waitFor()

    // The officer adds the autumn term of 2027 to 2028 and a directory entry, and publishes both.
    const page = officer.page
    await signInWithKeyboard(page, app.url)
    await page.goto(`${app.url}/workspace/content/county-calendar`)
    await page.getByLabel('Name of the term').fill('Autumn 2027')
    await fillDateInput(page, 'start', '2027-09-02')
    await fillDateInput(page, 'end', '2027-12-17')
    await page.getByRole('button', { name: 'Add term' }).click()
    await page.getByText('Autumn 2027').first().waitFor()
    await expectNoAxeViolations(page)

    await page.goto(`${app.url}/workspace/content/services/new`)
    await page.getByLabel('Name', { exact: true }).fill(NEW_SERVICE)
    await page.getByLabel('What it offers').fill('Test entry: support with attendance, added in the workspace.')
    await page.getByRole('button', { name: 'Save in the draft' }).click()
    await page.waitForURL(`${app.url}/workspace/content/services?done=saved`)

    await page.goto(`${app.url}/workspace/content`)
    await page.getByLabel('What changed').fill('County term dates for autumn 2027; a new directory entry')
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.waitForURL(`${app.url}/workspace/content?done=published`)
    const version = await publishedVersion()

    // The device, online, takes the new version when it next starts, and says so on the next page.
    await deviceHolds(version)
    await device.getByRole('link', { name: 'Support services', exact: true }).click()
    const published = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date())
    await expect.poll(() => device.getByTestId('content-updated').innerText()).toBe(`Information updated on ${published}`)
    expect(await axeViolations(device)).toEqual([])

    // The suspension's last day is now worked out: Thursday 2 and Friday 3 September 2027 are its 4th and 5th days.
    await visit(device, suspensionAddress)
    await expect.poll(() => figures.innerText()).toMatch(/Last day\s+3 September 2027/)
    expect(await figures.innerText()).toMatch(/Back in school\s+6 September 2027/)
    expect(await figures.innerText()).toMatch(/Suspended in Autumn 2027\s+2 school days/)

    // Offline, the device still has both.
    await app.goOffline()
    await visit(device, suspensionAddress)
    await expect.poll(() => figures.innerText()).toMatch(/Last day\s+3 September 2027/)
    await visit(device, `${app.url}/directory`)
    await device.getByLabel('Search services').fill('attendance support test')
    await device.getByRole('heading', { name: NEW_SERVICE }).waitFor()
  })

  it('fetches new content with the app in the background, on the browser’s periodic sync', async () => {
    const device = app.page
    await deviceHolds(await publishedVersion())
    const cdp = await app.context.newCDPSession(device)
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((candidate) => candidate.scopeURL === `${app.url}/`)
        if (ours) resolve(ours.registrationId)
      }),
    )
    await cdp.send('ServiceWorker.enable')
    const registrationId = await registration

    await app.store!.content.publishContent(JSON.stringify({ ...defaultContent, whatToBring: [...defaultContent.whatToBring, 'Test item added by the service'] }), new Date().toISOString(), { note: 'A new item' })
    const version = await publishedVersion()
    await serviceServes(version)
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin: app.url, registrationId, tag: REFRESH_SYNC_TAG })

    // The page does nothing meanwhile (it checked a moment ago): what the device stores is the service worker's doing.
    const stored = () =>
      device.evaluate(
        () =>
          new Promise<string | undefined>((resolve) => {
            const open = indexedDB.open('inclusion-companion')
            open.onsuccess = () => {
              const read = open.result.transaction('content').objectStore('content').get('current')
              read.onsuccess = () => resolve((read.result as { version?: string } | undefined)?.version)
              read.onerror = () => resolve(undefined)
            }
            open.onerror = () => resolve(undefined)
          }),
      )
    await expect.poll(stored, { timeout: 15_000 }).toBe(version)

    // Offline from here: the device opens with what the service worker fetched.
    await app.goOffline()
    await visit(device, `${app.url}/settings`)
    expect(await device.getByTestId('content-version').innerText()).toMatch(new RegExp(`^${version.replace('.', '\\.')},`))
  })
})

