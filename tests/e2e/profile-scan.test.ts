import { randomBytes, randomInt } from 'node:crypto'
import { lstatSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, waitForHeading, type AppSession } from './browser'
import { createPassphrase, fillDate, PASSPHRASE, saveAndReturn, startCase, visit, waitUntilSaved } from './cases'
import { scanDirectory } from './disk-scan'

/**
 * Issue 11: nothing typed is kept in clear anywhere on the device. Every kind of personal
 * field gets a value of its own that no file could hold by chance; once Chromium has shut
 * down, every file of its profile is read raw and none may hold any of them.
 */

let app: AppSession
const page = () => app.page
const go = (path: string) => visit(page(), `${app.url}${path}`)

// 24 random hex digits: nothing else on disk holds them, and LevelDB's snappy compression finds
// nothing in them to shorten (the probe below, which must be found, shows the scan sees through it).
const hex = () => randomBytes(12).toString('hex')
const typed: Record<string, string> = {}
/** A value for one field, remembered under the field's name so that a hit names the field. */
const canary = (field: string, value = hex()) => (typed[field] = value)
// A telephone number must be one: 20 random digits.
const phoneNumber = () => Array.from({ length: 20 }, () => randomInt(10)).join('')
const PROBE = `probe${hex()}`
/** Everything the page said on its console, and every uncaught error. */
const consoleMessages: string[] = []

beforeAll(async () => {
  app = await openApp()
  page().on('console', (message) => consoleMessages.push(message.text()))
  page().on('pageerror', (error) => consoleMessages.push(error.message))
  await page().goto(`${app.url}/settings/your-details`)
  // Shown, the passphrase is a text box: it too must leave no copy behind, even when the
  // page is left with it typed (leaving is when the browser files away what a form holds).
  await page().getByRole('button', { name: 'Show passphrase' }).click()
  await page().getByRole('textbox', { name: 'Passphrase', exact: true }).fill(PASSPHRASE)
  await page().getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Settings' }).click()
  await waitForHeading(page(), 'Settings')
  await page().goBack()
  await createPassphrase(page())
  await waitForHeading(page(), 'Your details')
})
afterAll(() => app.close())

describe('what staff type stays out of the browser’s own files', () => {
  it('your details', async () => {
    await page().getByLabel('Full name').fill(canary('your name'))
    await page().getByLabel('Job title').fill(canary('your job title'))
    await page().getByLabel('School or setting').fill(canary('your setting'))
    await page().getByLabel('Telephone (optional)').fill(canary('your phone', phoneNumber()))
    await page().getByLabel('Email address (optional)').fill(`${canary('your email')}@example.org`)
    await page().getByRole('button', { name: 'Save your details' }).click()
    await page().getByText('Your details have been saved on this device.').waitFor()

    await go('/settings/your-details')
    await expect.poll(() => page().getByLabel('Full name').inputValue()).toBe(typed['your name'])
  })

  it('a forum case, section by section, and its education plan', async () => {
    const caseId = await startCase(page(), app.url)
    await page().getByLabel('Primary inclusion forum').check()
    await page().getByLabel('Named', { exact: true }).check()
    await page().getByLabel('Year group').selectOption('year-4')
    await page().getByLabel('Child’s full name').fill(canary('child name'))
    await fillDate(page(), 'childDateOfBirth', { day: '5', month: '5', year: canary('child date of birth') })
    await page().getByLabel('Unique pupil number (UPN, optional)').fill(canary('child UPN'))
    await saveAndReturn(page())

    // Within the app (one document, new history entries) from the case's task list.
    const openSection = async (section: string) => {
      await page().locator(`a[href="/cases/${caseId}/${section}"]`).click()
      await page().waitForURL(`**/cases/${caseId}/${section}`)
    }
    await openSection('consent')
    await page().getByLabel('Who gave consent').fill(canary('consent given by'))
    await page().getByLabel('Their relationship to the child').fill(canary('consent relationship'))
    await fillDate(page(), 'consentDate', { day: '10', month: '11', year: canary('consent date') })
    await page().getByLabel('In person').check()
    await saveAndReturn(page())

    for (const section of ['behaviour', 'outside', 'send', 'medical', 'suspected', 'environment', 'other']) {
      await openSection(section)
      await page().locator('textarea').fill(canary(`section ${section}`))
      await saveAndReturn(page())
    }
    await openSection('attendance')
    await page().getByLabel('Attendance this school year, as a percentage').fill(canary('attendance percentage'))
    await page().getByLabel('What affects the child’s attendance').fill(canary('attendance factors'))
    await saveAndReturn(page())

    await openSection('strategies')
    await page().getByRole('button', { name: 'Add a strategy' }).click()
    await page().getByLabel('What the strategy or support is').fill(canary('strategy description'))
    await fillDate(page(), 'strategy-0-started', { day: '1', month: '9', year: canary('strategy started') })
    await page().getByLabel('Its impact or outcome').fill(canary('strategy impact'))
    await saveAndReturn(page())

    // Whole documents this time: each address loaded afresh, as a reload does.
    await go(`/cases/${caseId}/plan`)
    await page().getByRole('button', { name: 'Add an action' }).click()
    await page().getByLabel('The action').fill(canary('plan action'))
    await page().getByLabel('Who will do it').fill(canary('plan who'))
    await fillDate(page(), 'plan-0-review', { day: '1', month: '2', year: canary('plan review date') })
    await saveAndReturn(page())

    await go(`/cases/${caseId}/behaviour`)
    await expect.poll(() => page().locator('textarea').inputValue()).toBe(typed['section behaviour'])
  })

  it('a suspension notice', async () => {
    await go('/exclusions/suspensions/new')
    await page().waitForURL(/\/exclusions\/suspensions\/[0-9a-f-]{36}$/)
    await page().getByLabel('Full name').fill(canary('suspension pupil name'))
    await fillDate(page(), 'pupilDateOfBirth', { day: '2', month: '4', year: canary('suspension pupil date of birth') })
    await page().getByLabel('Year group').selectOption('year-8')
    await page().getByLabel('Unique pupil number (UPN, optional)').fill(canary('suspension pupil UPN'))
    await page().getByLabel('Physical assault against an adult (PA)').check()
    await page().getByLabel('What happened').fill(canary('suspension what happened'))
    await page().getByLabel('SEN support').check()
    await page().getByLabel('How the parents were told').fill(canary('suspension parents told how'))
    await page().getByRole('button', { name: 'Add an earlier suspension' }).click()
    await fillDate(page(), 'earlier-0-start', { day: '3', month: '10', year: canary('earlier suspension start') })
    await page().getByLabel('Earlier suspension 1: school days').fill(canary('earlier suspension days'))
    await waitUntilSaved(page())

    // Away to the list of notices and back to this one.
    await page().getByRole('link', { name: 'Your notices' }).click()
    await page().getByRole('link', { name: typed['suspension pupil name'] }).click()
    await expect.poll(() => page().getByLabel('What happened').inputValue()).toBe(typed['suspension what happened'])
  })

  it('a permanent exclusion, through to a rescinded outcome', async () => {
    await go('/exclusions/permanent/new')
    await page().waitForURL(/\/exclusions\/permanent\/[0-9a-f-]{36}$/)
    await page().getByLabel('Who you spoke to at the duty desk').fill(canary('duty desk spoke to'))
    await page().getByRole('button', { name: 'Record the call as made now' }).click()
    await page().getByLabel('Who you contacted').fill(canary('SEIP who'))
    await page().getByRole('button', { name: 'Record the contact as made now' }).click()
    await page().getByLabel('The nature of the incident').fill(canary('discussion incident'))
    await page().getByLabel('Support options discussed').fill(canary('discussion support options'))
    await page().getByLabel('The process').fill(canary('discussion process'))
    await page().getByLabel('Next steps').fill(canary('discussion next steps'))
    await page().getByLabel('Full name').fill(canary('exclusion pupil name'))
    await fillDate(page(), 'pupilDateOfBirth', { day: '2', month: '4', year: '2013' })
    await page().getByLabel('Year group').selectOption('year-8')
    await page().getByLabel('Physical assault against an adult (PA)').check()
    await page().getByLabel('What happened').fill(canary('exclusion what happened'))
    await page().getByLabel('SEN support').check()
    await fillDate(page(), 'effectiveDate', { day: '5', month: '11', year: '2026' })
    await fillDate(page(), 'parentsNotified', { day: '5', month: '11', year: '2026' })
    await page().getByLabel('Parents notified: time').fill('15:00')
    await page().getByLabel('How the parents were told').fill(canary('exclusion parents told how'))
    await page().getByLabel('Continue with the permanent exclusion').check()
    await page().getByRole('button', { name: 'Continue and send the notice' }).click()
    await expect.poll(() => page().getByTestId('exclusion-step').innerText()).toContain('Step 4 of 4')

    await page().getByLabel('Rescinded').check()
    await page().getByLabel('The alternative outcome').fill(canary('alternative outcome'))
    await waitUntilSaved(page())
    // Leaving a page is when the browser files away what its form held.
    await page().getByRole('link', { name: 'Your notices' }).click()
    await waitForHeading(page(), 'Your notices')
  })

  it('leaves none of it in any file of the profile, where a probe written in clear is found', async () => {
    // The scan must be able to see what a page stores: a probe in clear in local storage and IndexedDB.
    await page().evaluate(async (probe) => {
      localStorage.setItem('profile-scan-probe', probe)
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('profile-scan-probe')
        request.onupgradeneeded = () => request.result.createObjectStore('probe')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      await new Promise((resolve, reject) => {
        const transaction = db.transaction('probe', 'readwrite')
        transaction.objectStore('probe').put(probe, 'probe')
        transaction.oncomplete = resolve
        transaction.onerror = () => reject(transaction.error)
      })
      db.close()
    }, PROBE)
    // A clean shutdown: Chromium writes its session, autofill and storage files as it closes,
    // and removes its lock last.
    await app.context.close()
    expect(lstatSync(join(app.profile, 'SingletonLock'), { throwIfNoEntry: false })).toBeUndefined()

    const { files, hits } = scanDirectory(app.profile, { ...typed, passphrase: PASSPHRASE, probe: PROBE })
    const { probe: probeFiles = [], ...canaryHits } = hits
    const leaks = Object.entries(canaryHits).filter(([, where]) => where.length > 0)
    console.log(
      `Scanned ${files} files: ${leaks.length} of ${Object.keys(typed).length + 1} canaries found, probe found in ${probeFiles.length} files (${probeFiles.join(', ')})`,
    )
    expect(probeFiles.some((file) => file.startsWith('Default/Local Storage/'))).toBe(true)
    expect(probeFiles.some((file) => file.startsWith('Default/IndexedDB/'))).toBe(true)
    expect(Object.fromEntries(leaks)).toEqual({})
  })

  it('said none of it on the console or in an error', () => {
    const canaries = [...Object.values(typed), PASSPHRASE]
    expect(consoleMessages.filter((message) => canaries.some((value) => message.includes(value)))).toEqual([])
  })
})
