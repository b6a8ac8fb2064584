import type { Page } from 'playwright-core'
import { waitForHeading } from './browser'

export const PASSPHRASE = 'correct horse battery staple'

const box = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true })

/** What a setting does once: enrol the device, choose a passphrase, give their details. */
export async function setUpDevice(page: Page, url: string, code: string): Promise<void> {
  await page.goto(`${url}/settings/enrolment`)
  await page.getByLabel('Enrolment code').fill(code)
  await page.getByRole('button', { name: 'Enrol this device' }).click()
  await page.getByText('This device is enrolled').waitFor()

  await page.goto(`${url}/settings/your-details`)
  await createPassphrase(page)
  await waitForHeading(page, 'Your details')
  await page.getByLabel('Full name').fill('Sam SENCO')
  await page.getByLabel('Job title').fill('SENCO')
  await page.getByRole('button', { name: 'Save your details' }).click()
  await page.getByText('Your details have been saved on this device.').waitFor()
}

/** On a new device the first personal page asks for a first name and a passphrase: choose PASSPHRASE. */
export async function createPassphrase(page: Page, name = 'Sam'): Promise<void> {
  await waitForHeading(page, 'Create a passphrase')
  await box(page, 'Your first name').fill(name)
  await box(page, 'Passphrase').fill(PASSPHRASE)
  await box(page, 'Confirm passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Create passphrase' }).click()
}

export async function unlock(page: Page): Promise<void> {
  await waitForHeading(page, 'Unlock')
  await box(page, 'Passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
}

/**
 * Opens an address as a reload does. The key lives only in memory, so a reload finds the
 * app locked: unlock it, as the user would, and carry on to the same page.
 */
export async function visit(page: Page, address: string): Promise<void> {
  await page.goto(address)
  const heading = page.locator('main h1')
  await heading.waitFor()
  await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Loading…'))
  if ((await heading.innerText()).trim() === 'Unlock') {
    await unlock(page)
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.trim() !== 'Unlock')
  }
}

/** Starts a case from the cases page; returns its id (from the address, which holds nothing else). */
export async function startCase(page: Page, url: string): Promise<string> {
  await visit(page, `${url}/cases`)
  await page.getByRole('link', { name: 'Start a new case' }).click()
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/about$/)
  await waitForHeading(page, 'About the child')
  return /\/cases\/([0-9a-f-]{36})\//.exec(page.url())![1]!
}

export async function saveAndReturn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save and return to the case' }).click()
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/)
}

/** A minimal anonymous case that can be submitted. */
export async function anonymousCase(page: Page, url: string): Promise<string> {
  const id = await startCase(page, url)
  await page.getByLabel('Secondary inclusion forum').check()
  await page.getByLabel('Anonymous').check()
  await page.getByLabel('Year group').selectOption('year-8')
  await saveAndReturn(page)
  await visit(page, `${url}/cases/${id}/advice`)
  await page.getByLabel('Training available to support staff').check()
  await saveAndReturn(page)
  return id
}

export async function submitCase(page: Page, url: string, id: string): Promise<void> {
  await visit(page, `${url}/cases/${id}/check`)
  await waitForHeading(page, 'Check your answers')
  await page.getByRole('button', { name: 'Submit case' }).click()
  await page.getByText('Case submitted').waitFor()
}

/** Types a date into the three boxes of a date input, given the id of its day box. */
export async function fillDate(page: Page, id: string, parts: { day: string; month: string; year: string }): Promise<void> {
  await page.locator(`#${id}`).fill(parts.day)
  await page.locator(`#${id}-month`).fill(parts.month)
  await page.locator(`#${id}-year`).fill(parts.year)
}

/** Autosave writes a moment after typing stops: wait until the page says what was typed is on disk. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent?.startsWith('Saved on this device'))
}
