import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ForumMeeting } from '../../src/domain/content-schema'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { axeViolations } from './axe'
import { openInstalledApp, waitForHeading, type AppSession } from './browser'
import { anonymousCase, setUpDevice, visit } from './cases'
import { expectNoAxeViolations, openOfficerBrowser, signInWithKeyboard, type OfficerBrowser } from './workspace'

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

afterEach(async () => {
  expect(app.errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([])
  expect(officer.errors).toEqual([])
  await officer.close()
  await app.close()
})

describe('forum meetings, from a setting’s request to the meeting on its tablet', () => {
  it('takes a preferred meeting chosen offline to the officer, who assigns the case; the device shows the meeting and its calendar file', async () => {
    const device = app.page
    // The meetings arrive with the content while online, and are there offline.
    await visit(device, `${app.url}/forums/secondary`)
    const upcoming = device.getByTestId('forum-meetings')
    await expect.poll(() => upcoming.innerText(), { timeout: 15_000 }).toContain('Tuesday 15 January 2030')
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
})
