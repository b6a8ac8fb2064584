import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { openApp, waitForHeading, type AppSession } from './browser'
import { createPassphrase, PASSPHRASE } from './cases'
import { scanDirectory } from './disk-scan'
import { addVirtualAuthenticator, type VirtualAuthenticator } from './passkey-authenticator'

/**
 * A tablet shared by two members of staff, each with a profile of their own. On localhost,
 * not 127.0.0.1: WebAuthn refuses an IP address as the relying party.
 */
const SAM_DETAILS = `Sam-${crypto.randomUUID()}`
const PRIYA_DETAILS = `Priya-${crypto.randomUUID()}`
const PRIYA_PASSPHRASE = 'priya keeps her own words'

let app: AppSession
let url: string
let authenticator: VirtualAuthenticator

beforeAll(async () => {
  app = await openApp()
  url = app.url.replace('127.0.0.1', 'localhost')
  authenticator = await addVirtualAuthenticator(app.page)
})
afterAll(() => app.close())

const box = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true })

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }).click()

async function unlockAs(page: Page, name: string, passphrase: string): Promise<void> {
  await waitForHeading(page, 'Unlock')
  // A device with one profile lists none.
  const radio = page.getByRole('radio', { name, exact: true })
  if ((await radio.count()) > 0) await radio.check()
  await box(page, 'Passphrase').fill(passphrase)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.trim() !== 'Unlock')
}

async function saveDetails(page: Page, fullName: string): Promise<void> {
  await waitForHeading(page, 'Your details')
  await page.getByLabel('Full name').fill(fullName)
  await page.getByRole('button', { name: 'Save your details' }).click()
  await page.getByText('Your details have been saved on this device.').waitFor()
}

describe('a tablet shared by two members of staff', () => {
  it('gives each their own profile: the same page shows each only their own details', async () => {
    const { page } = app
    await page.goto(`${url}/settings/your-details`)
    await createPassphrase(page, 'Sam')
    await saveDetails(page, SAM_DETAILS)
    // And a draft case of Sam's.
    await nav(page, 'Cases')
    await page.getByRole('link', { name: 'Start a new case' }).click()
    await waitForHeading(page, 'About the child')
    await nav(page, 'Cases')
    await page.getByText('1 case, most recently changed first').waitFor()

    await page.getByRole('button', { name: 'Switch user' }).click()
    await waitForHeading(page, 'Unlock')
    // The only thing the lock screen shows of anyone is a first name.
    expect(await page.getByRole('radio').count()).toBe(1)
    expect(await page.locator('main').innerText()).not.toContain(SAM_DETAILS)
    expect(await axeViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Add a profile' }).click()
    await waitForHeading(page, 'Add a profile')
    await box(page, 'Your first name').fill('Sam')
    await box(page, 'Passphrase').fill(PRIYA_PASSPHRASE)
    await box(page, 'Confirm passphrase').fill(PRIYA_PASSPHRASE)
    await page.getByRole('button', { name: 'Add profile' }).click()
    await page.getByRole('link', { name: 'This device already has a profile called Sam: add the first letter of your last name' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await box(page, 'Your first name').fill('Priya')
    await page.getByRole('button', { name: 'Add profile' }).click()

    // Sam's draft case is not Priya's to see.
    await waitForHeading(page, 'Forum cases')
    await page.getByText('You have no cases on this device yet.').waitFor()
    // Priya's details are her own record under the same id: empty, not Sam's.
    await nav(page, 'Settings')
    await page.getByRole('link', { name: 'Your details' }).click()
    await waitForHeading(page, 'Your details')
    expect(await page.getByLabel('Full name').inputValue()).toBe('')
    await saveDetails(page, PRIYA_DETAILS)

    await page.getByRole('button', { name: 'Switch user' }).click()
    await waitForHeading(page, 'Unlock')
    // Oldest first; after "Switch user" nobody is chosen.
    expect(await page.locator('.govuk-radios__label').allInnerTexts()).toEqual(['Sam', 'Priya'])
    expect(await page.locator('input[name="profile"]:checked').count()).toBe(0)
    // Sam's passphrase does not open Priya's profile.
    await page.getByRole('radio', { name: 'Priya' }).check()
    await box(page, 'Passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Unlock', exact: true }).click()
    await page.getByRole('link', { name: 'The passphrase is not right' }).waitFor()
    expect(await axeViolations(page)).toEqual([])

    await unlockAs(page, 'Sam', PASSPHRASE)
    await waitForHeading(page, 'Your details')
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe(SAM_DETAILS)
  })

  it('adds a passkey to Sam’s profile, and unlocks with it after a lock', async () => {
    const { page } = app
    await page.goto(`${url}/settings/profile`)
    await waitForHeading(page, 'Unlock')
    await unlockAs(page, 'Sam', PASSPHRASE)
    await waitForHeading(page, 'Your profile')
    expect(await axeViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.getByRole('link', { name: 'Enter your passphrase' }).waitFor()
    await box(page, 'Your passphrase').fill('not the passphrase')
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.getByRole('link', { name: 'The passphrase is not right' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await box(page, 'Your passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.getByText('Your passkey has been added. Next time, unlock with it.').waitFor()
    expect(await axeViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Lock the app' }).click()
    await waitForHeading(page, 'Unlock')
    await page.getByRole('radio', { name: 'Sam' }).check()
    await page.getByRole('button', { name: 'Unlock with your passkey' }).click()
    await waitForHeading(page, 'Your profile')
    await page.getByText('You can unlock with your passkey').waitFor()

    // Priya added none: she is not offered one.
    await page.getByRole('button', { name: 'Switch user' }).click()
    await page.getByRole('radio', { name: 'Priya' }).check()
    expect(await page.getByRole('button', { name: 'Unlock with your passkey' }).count()).toBe(0)
  })

  it('keeps the data key wrapped by the passkey only: no passphrase and no key in clear on the device', async () => {
    const keyring = await app.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('inclusion-companion')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const rows = await new Promise<Record<string, unknown>[]>((resolve) => {
        const request = db.transaction('keyring').objectStore('keyring').getAll()
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[])
      })
      db.close()
      return rows.sort((a, b) => Number(a.createdAt) - Number(b.createdAt)).map((row) => ({ name: row.name, fields: Object.keys(row).sort(), passkey: row.passkey ? Object.keys(row.passkey).sort() : undefined }))
    })
    expect(keyring).toEqual([
      {
        name: 'Sam',
        fields: ['createdAt', 'failedAttempts', 'lastFailedAt', 'name', 'passkey', 'profileId', 'updatedAt', 'wrapped'],
        passkey: ['createdAt', 'credentialId', 'prfSalt', 'wrapIv', 'wrappedKey'],
      },
      { name: 'Priya', fields: ['createdAt', 'failedAttempts', 'lastFailedAt', 'name', 'profileId', 'updatedAt', 'wrapped'], passkey: undefined },
    ])
  })

  it('locks a second tab at once when the first switches user', async () => {
    const { page } = app
    await unlockAs(page, 'Priya', PRIYA_PASSPHRASE)
    await waitForHeading(page, 'Your profile')
    const other = await app.context.newPage()
    await other.goto(`${url}/settings/your-details`)
    await unlockAs(other, 'Priya', PRIYA_PASSPHRASE)
    await expect.poll(() => other.getByLabel('Full name').inputValue()).toBe(PRIYA_DETAILS)

    await page.getByRole('button', { name: 'Switch user' }).click()
    await waitForHeading(other, 'Unlock')
    expect(await other.locator('main').innerText()).not.toContain(PRIYA_DETAILS)

    // Unlocked again in the second tab, then Sam opens his profile in the first: Priya's locks.
    await unlockAs(other, 'Priya', PRIYA_PASSPHRASE)
    await expect.poll(() => other.getByLabel('Full name').inputValue()).toBe(PRIYA_DETAILS)
    await unlockAs(page, 'Sam', PASSPHRASE)
    await waitForHeading(other, 'Unlock')
    // The first tab stays open as Sam: following the second tab's lock did not lock it back.
    await waitForHeading(page, 'Your profile')
    await page.getByRole('button', { name: 'Switch user' }).click()
    await waitForHeading(page, 'Unlock')
    await other.close()
  })

  it('removes Priya’s profile after a confirmation, leaving Sam’s', async () => {
    const { page } = app
    await unlockAs(page, 'Priya', PRIYA_PASSPHRASE)
    await waitForHeading(page, 'Your profile')
    await page.getByRole('button', { name: 'Remove your profile' }).click()
    await waitForHeading(page, 'Remove Priya’s profile and erase its personal data?')
    expect(await axeViolations(page)).toEqual([])
    await page.getByLabel('I understand that this permanently erases Priya’s profile and its personal data').check()
    await page.getByRole('button', { name: 'Remove profile and erase its data' }).click()
    await waitForHeading(page, 'Unlock')
    // One profile left: no list to choose from, Sam's passphrase opens it.
    expect(await page.getByRole('radio').count()).toBe(0)
    await box(page, 'Passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Unlock', exact: true }).click()
    await waitForHeading(page, 'Your profile')
  })

  it('leaves neither profile’s details in clear anywhere in the browser’s files', async () => {
    const probe = `probe-${crypto.randomUUID()}`
    await app.page.evaluate((text) => localStorage.setItem('probe', text), probe)
    await authenticator.remove()
    await app.context.close()
    const { hits } = scanDirectory(app.profile, { sam: SAM_DETAILS, priya: PRIYA_DETAILS, passphrase: PASSPHRASE, probe })
    expect(hits.probe!.some((file) => file.startsWith('Default/Local Storage/'))).toBe(true)
    expect({ sam: hits.sam, priya: hits.priya, passphrase: hits.passphrase }).toEqual({ sam: [], priya: [], passphrase: [] })
  })

  it('raised no script errors', () => {
    expect(app.errors).toEqual([])
  })
})
