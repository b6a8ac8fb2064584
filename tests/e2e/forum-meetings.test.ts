import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ForumMeeting } from '../../src/domain/content-schema'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { axeViolations } from './axe'
import { scanDirectory } from './disk-scan'
import { closeExpectingNoErrors, openInstalledApp, waitForHeading, type AppSession } from './browser'
import { anonymousCase, setUpDevice, submitCase, visit, waitUntilSaved } from './cases'
import { expectNoAxeViolations, fillDateInput, openOfficerBrowser, signInWithKeyboard, type OfficerBrowser } from './workspace'

// Test data: two secondary forum meetings the Inclusion Service has published, far enough
// ahead to stay upcoming (Tuesdays 15 and 22 January 2030).
const FIRST: ForumMeeting = { id: 'secondary-2030-01-15', forum: 'secondary', area: 'Test area', date: '2030-01-15', start: '13:30', end: '15:00', place: 'Test room', online: false, slots: 4 }
const SECOND: ForumMeeting = { ...FIRST, id: 'secondary-2030-01-22', date: '2030-01-22' }

let app: AppSession
let officer: OfficerBrowser

beforeEach(async () => {
  app = await openInstalledApp({ service: true })
  await app.store!.content.publishContent(JSON.stringify({ ...defaultContent, forumMeetings: [FIRST, SECOND] }), new Date().toISOString(), { note: 'Secondary forum meetings' })
  await setUpDevice(app.page, app.url, app.enrolmentCode!)
  officer = await openOfficerBrowser()
}, 120_000)

afterEach(() => closeExpectingNoErrors(app, officer))

describe('forum meetings, from a setting’s request to the meeting on its tablet', () => {
  it('takes a preferred meeting chosen offline to the officer, who assigns the case; the device shows the meeting and its calendar file', async () => {
    const device = app.page
    // The meetings arrive with the content while online, and are there offline.
    await visit(device, `${app.url}/forums/secondary`)
    const upcoming = device.getByTestId('forum-meetings')
    await expect.poll(() => upcoming.innerText(), { timeout: 15_000 }).toContain('Tuesday 15 January 2030')
    expect(await axeViolations(device)).toEqual([])
    await app.goOffline()

    const id = await anonymousCase(device, app.url)
    await visit(device, `${app.url}/cases/${id}/check`)
    await waitForHeading(device, 'Check your answers')
    await device.getByLabel('Tuesday 22 January 2030, 1:30pm to 3pm').check()
    expect(await axeViolations(device)).toEqual([])
    await device.getByRole('button', { name: 'Submit case' }).click()
    await device.getByText('Case submitted').waitFor()

    await app.goOnline()
    await visit(device, `${app.url}/outbox`)
    await expect.poll(() => device.getByTestId('receipt-reference').count(), { timeout: 15_000 }).toBe(1)
    const reference = (await device.getByTestId('receipt-reference').innerText()).trim()

    // The officer finds it waiting, with the meeting the setting asked for, and assigns it there.
    const page = officer.page
    await signInWithKeyboard(page, app.url)
    await page.goto(`${app.url}/workspace/meetings`)
    expect(await page.locator('tr', { hasText: reference }).innerText()).toContain('22 January 2030')
    await expectNoAxeViolations(page)
    await page.goto(`${app.url}/workspace/meetings/${SECOND.id}`)
    await page.getByRole('button', { name: `Assign ${reference}` }).click()
    await page.getByText(`${reference}`).first().waitFor()
    await expectNoAxeViolations(page)
    await page.goto(`${app.url}/workspace/meetings/${SECOND.id}/agenda`)
    const agenda = await page.locator('main').innerText()
    expect(agenda).toContain(reference)
    expect(agenda).toContain('Anonymous')
    await expectNoAxeViolations(page)
    // It prints without the workspace's navigation.
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.govuk-service-navigation, .govuk-header').first().isVisible()).toBe(false)
    expect(await page.getByText(reference).first().isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })

    // The device hears of it on its next start, with nothing done, and shows when and where.
    await expect
      .poll(
        async () => {
          await visit(device, `${app.url}/cases/${id}`)
          return (await device.getByTestId('case-meeting').count()) > 0 ? device.getByTestId('case-meeting').innerText() : ''
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('Tuesday 22 January 2030')
    const meeting = await device.getByTestId('case-meeting').innerText()
    expect(meeting).toContain('1:30pm to 3pm')
    expect(meeting).toContain('Test room')
    expect(await axeViolations(device)).toEqual([])

    // The calendar file holds when, where and the reference: nothing about the child.
    const download = device.waitForEvent('download')
    await device.getByRole('link', { name: 'Add to your calendar' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('forum-meeting-2030-01-22.ics')
    const calendar = readFileSync((await file.path())!, 'utf8')
    expect(calendar).toContain('DTSTART;TZID=Europe/London:20300122T133000\r\n')
    expect(calendar).toContain('DTEND;TZID=Europe/London:20300122T150000\r\n')
    expect(calendar).toContain(`SUMMARY:Secondary inclusion forum: case ${reference}\r\n`)
    expect(calendar).toContain('LOCATION:Test room\r\n')
  })

  it('takes the education plan the officer records to the device, where progress is kept offline, printed, and carried into a re-referral', async () => {
    const device = app.page
    await visit(device, `${app.url}/forums/secondary`)
    await expect.poll(() => device.getByTestId('forum-meetings').innerText(), { timeout: 15_000 }).toContain('Tuesday 15 January 2030')
    const id = await anonymousCase(device, app.url)
    await submitCase(device, app.url, id)
    await visit(device, `${app.url}/outbox`)
    await expect.poll(() => device.getByTestId('receipt-reference').count(), { timeout: 15_000 }).toBe(1)
    const reference = (await device.getByTestId('receipt-reference').innerText()).trim()
    const submission = (await app.store!.listSubmissions({}))[0]!

    // The officer assigns it to the meeting, then records the plan the setting leaves with.
    const page = officer.page
    await signInWithKeyboard(page, app.url)
    await page.goto(`${app.url}/workspace/meetings/${FIRST.id}`)
    await page.getByRole('button', { name: `Assign ${reference}` }).click()
    await page.getByRole('button', { name: `Move ${reference}`, exact: true }).waitFor()
    await page.goto(`${app.url}/workspace/submissions/${submission.id}/plan`)
    await page.getByRole('button', { name: 'Save the education plan' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    await expectNoAxeViolations(page)
    await page.getByLabel('Training available to support staff').check()
    await page.getByLabel('Onward referral routes').check()
    await page.locator('#action-1-what').fill('Test action: daily check-in with a named adult')
    await page.locator('#action-1-who').fill('SENCO')
    await fillDateInput(page, 'action-1-by', '2030-02-01')
    await page.locator('#action-2-what').fill('Test action: referral to the specialist teaching service')
    await page.locator('#action-2-who').fill('Inclusion Service')
    await fillDateInput(page, 'action-2-by', '2030-02-15')
    await fillDateInput(page, 'review', '2030-03-01')
    await page.getByRole('button', { name: 'Save the education plan' }).click()
    await page.waitForURL(`${app.url}/workspace/submissions/${submission.id}**`)
    await expectNoAxeViolations(page)

    // The device fetches it while unlocked and keeps it in the case.
    await expect
      .poll(
        async () => {
          await visit(device, `${app.url}/cases/${id}`)
          return (await device.getByTestId('issued-plan').count()) > 0 ? device.getByTestId('issued-plan').innerText() : ''
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('Test action: daily check-in with a named adult')
    expect(await device.getByTestId('issued-plan').innerText()).toContain('Training available to support staff')
    expect(await axeViolations(device)).toEqual([])

    // Weeks later, with no signal: the SENCO records how far two actions have got.
    await app.goOffline()
    await visit(device, `${app.url}/cases/${id}`)
    const first = device.locator('[data-action="a1"]')
    const second = device.locator('[data-action="a2"]')
    await first.getByLabel('Done', { exact: true }).check()
    await first.getByLabel('Notes on progress (optional)').fill('Check-ins every morning since February.')
    await second.getByLabel('In progress').check()
    await waitUntilSaved(device)
    await visit(device, `${app.url}/cases/${id}`)
    expect(await device.locator('[data-action="a1"]').getByLabel('Done', { exact: true }).isChecked()).toBe(true)
    expect(await device.locator('[data-action="a1"]').getByLabel('Notes on progress (optional)').inputValue()).toBe('Check-ins every morning since February.')
    expect(await axeViolations(device)).toEqual([])

    // The plan prints on its own, progress and all.
    await device.emulateMedia({ media: 'print' })
    expect(await device.locator('.app-header').isVisible()).toBe(false)
    expect(await device.getByRole('button', { name: 'Print the plan' }).isVisible()).toBe(false)
    expect(await device.getByText('Test action: referral to the specialist teaching service').isVisible()).toBe(true)
    const pdf = await device.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    await device.emulateMedia({ media: 'screen' })

    // A re-referral starts from the plan, with the progress recorded.
    await device.getByRole('link', { name: 'Re-refer this child' }).click()
    await device.waitForURL((address) => /^\/cases\/[0-9a-f-]{36}/.test(address.pathname) && !address.pathname.includes(id))
    const reReferral = /\/cases\/([0-9a-f-]{36})/.exec(device.url())![1]!
    expect(reReferral).not.toBe(id)
    await visit(device, `${app.url}/cases/${reReferral}/re-referral`)
    await waitForHeading(device, 'Update on the last education plan')
    expect(await device.locator('#plan-0-action').inputValue()).toBe('Test action: daily check-in with a named adult')
    expect(await device.locator('#plan-0-notes').inputValue()).toBe('Check-ins every morning since February.')
    expect(await device.locator('#plan-1-action').inputValue()).toBe('Test action: referral to the specialist teaching service')
    expect(await device.locator('input[name="plan-0-status"]:checked').inputValue()).toBe('done')
    expect(await device.locator('input[name="plan-1-status"]:checked').inputValue()).toBe('in-progress')
    expect(await axeViolations(device)).toEqual([])

    // Nothing of the plan or its progress is anywhere in the browser's files in clear: the
    // vault holds it. A probe put in local storage shows the scan can see.
    const probe = `probe-${crypto.randomUUID()}`
    await device.evaluate((text) => localStorage.setItem('probe', text), probe)
    await app.context.close()
    const { hits } = scanDirectory(app.profile, { action: 'daily check-in with a named adult', progress: 'Check-ins every morning since February.', probe })
    expect(hits.probe!.some((file) => file.startsWith('Default/Local Storage/'))).toBe(true)
    expect({ action: hits.action, progress: hits.progress }).toEqual({ action: [], progress: [] })
  })
})

