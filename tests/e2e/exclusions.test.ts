import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { closeExpectingNoErrors, openInstalledApp, type AppSession } from './browser'
import { setUpDevice, visit } from './cases'
import { enterTermDates, prepareSuspension, walkPermanentExclusion } from './notices'

// Each test has a device of its own, set up from nothing: none depends on another's data.
let app: AppSession
const page = () => app.page

beforeEach(async () => {
  app = await openInstalledApp({ service: true })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
}, 120_000)
afterEach(() => closeExpectingNoErrors(app))

describe('exclusion notices in Chromium', () => {
  it('takes the setting’s term dates', async () => {
    await enterTermDates(page(), app.url)
  })

  it('prepares a suspension offline and shows its dates in the setting’s school days', async () => {
    await enterTermDates(page(), app.url)
    await app.goOffline()
    await prepareSuspension(page(), app.url)
  })

  it('walks a permanent exclusion through every step to upheld, with the deadlines', async () => {
    await enterTermDates(page(), app.url)
    await app.goOffline()
    await walkPermanentExclusion(page(), app.url)
  })

  it('sends everything in order once online, and lists the notices', async () => {
    await enterTermDates(page(), app.url)
    await app.goOffline()
    await prepareSuspension(page(), app.url)
    await walkPermanentExclusion(page(), app.url)
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
