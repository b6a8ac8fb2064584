import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { openApp, waitForHeading, type AppSession } from './browser'

const PASSPHRASE = 'correct horse battery staple'
const MARKER = `MARKER-${crypto.randomUUID()}`

let app: AppSession

beforeAll(async () => {
  app = await openApp()
})
afterAll(() => app.close())

const passphraseBox = (page: Page, name = 'Passphrase') => page.getByRole('textbox', { name, exact: true })

async function createPassphrase(page: Page): Promise<void> {
  await waitForHeading(page, 'Create a passphrase')
  await passphraseBox(page, 'Your first name').fill('Sam')
  await passphraseBox(page).fill(PASSPHRASE)
  await passphraseBox(page, 'Confirm passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Create passphrase' }).click()
}

async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await passphraseBox(page).fill(passphrase)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
}

interface Stored {
  /** One line a store: "database/store: rows as JSON", binary shown as Latin-1 text. */
  indexedDb: string[]
  /** The Cache API and web storage, and the address. */
  elsewhere: string
}

/** Everything the origin keeps, read raw: every IndexedDB store, the Cache API, web storage. */
async function everythingStored(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const asText = (value: unknown): string =>
      JSON.stringify(value, (_key, item: unknown) => {
        if (item instanceof ArrayBuffer) return new TextDecoder('latin1').decode(item)
        if (ArrayBuffer.isView(item)) return new TextDecoder('latin1').decode(item as Uint8Array)
        return item
      })
    const indexedDb: string[] = []
    const elsewhere: string[] = []
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      for (const storeName of db.objectStoreNames) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        indexedDb.push(`${name}/${storeName}: ${asText(rows)}`)
      }
      db.close()
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName)
      for (const request of await cache.keys()) elsewhere.push(request.url, await (await cache.match(request))!.text())
    }
    elsewhere.push(asText({ ...localStorage }), asText({ ...sessionStorage }), location.href)
    return { indexedDb, elsewhere: elsewhere.join('\n') }
  })
}

describe('personal data behind the passphrase', () => {
  it('asks for a first name and a passphrase on first use, and refuses a short one or a mismatch', async () => {
    await app.page.goto(`${app.url}/settings/your-details`)
    await waitForHeading(app.page, 'Create a passphrase')
    expect(await axeViolations(app.page)).toEqual([])
    await passphraseBox(app.page).fill('short')
    await app.page.getByRole('button', { name: 'Create passphrase' }).click()
    await app.page.getByRole('link', { name: 'Enter your first name' }).waitFor()
    await app.page.getByRole('link', { name: 'Passphrase must be 8 characters or more' }).waitFor()
    await passphraseBox(app.page, 'Your first name').fill('Sam')
    await passphraseBox(app.page).fill(PASSPHRASE)
    await passphraseBox(app.page, 'Confirm passphrase').fill(`${PASSPHRASE}!`)
    await app.page.getByRole('button', { name: 'Create passphrase' }).click()
    await app.page.getByRole('link', { name: 'The passphrases do not match' }).waitFor()
    expect(await axeViolations(app.page)).toEqual([])
    await passphraseBox(app.page, 'Confirm passphrase').fill(PASSPHRASE)
    await app.page.getByRole('button', { name: 'Create passphrase' }).click()
    await waitForHeading(app.page, 'Your details')
  })

  it('stores a record so that its text appears nowhere the browser keeps data', async () => {
    await app.page.getByLabel('Full name').fill(MARKER)
    await app.page.getByLabel('Email address (optional)').fill('jo@example.org')
    await app.page.getByRole('button', { name: 'Save your details' }).click()
    await app.page.getByText('Your details have been saved on this device.').waitFor()
    expect(await axeViolations(app.page)).toEqual([])

    const { indexedDb, elsewhere } = await everythingStored(app.page)
    const records = indexedDb.find((line) => line.startsWith('inclusion-companion/records: '))
    expect(records).toContain('"kind":"staff-details"')
    // Found nowhere, not even as a substring of something else:
    expect(indexedDb.filter((line) => line.includes(MARKER) || line.includes('jo@example.org'))).toEqual([])
    expect(elsewhere.includes(MARKER) || elsewhere.includes('jo@example.org')).toBe(false)
  })

  it('locks from the header: the data leaves the screen; unlocking brings back the same page', async () => {
    await app.page.getByRole('button', { name: 'Lock the app' }).click()
    await waitForHeading(app.page, 'Unlock')
    expect(await app.page.content()).not.toContain(MARKER)
    expect(app.page.url()).toBe(`${app.url}/settings/your-details`)
    expect(await axeViolations(app.page)).toEqual([])

    await unlock(app.page)
    await waitForHeading(app.page, 'Your details')
    await expect.poll(() => app.page.getByLabel('Full name').inputValue()).toBe(MARKER)
  })

  it('locks every other tab of the app at once when one locks, each holding its key apart', async () => {
    const other = await app.context.newPage()
    await other.goto(`${app.url}/settings/your-details`)
    // Unlocking in one tab unlocks only that tab: each holds the key in its own memory.
    await waitForHeading(other, 'Unlock')
    await unlock(other)
    await waitForHeading(other, 'Your details')
    await expect.poll(() => other.getByLabel('Full name').inputValue()).toBe(MARKER)

    await app.page.getByRole('button', { name: 'Lock the app' }).click()
    await waitForHeading(other, 'Unlock')
    expect(await other.content()).not.toContain(MARKER)
    await other.close()

    await unlock(app.page)
    await waitForHeading(app.page, 'Your details')
  })

  it('stays locked after a reload, and refuses a wrong passphrase', async () => {
    await app.page.reload()
    await waitForHeading(app.page, 'Unlock')
    await unlock(app.page, 'not the passphrase')
    await app.page.getByRole('link', { name: 'The passphrase is not right' }).waitFor()
    expect(await axeViolations(app.page)).toEqual([])
    await unlock(app.page)
    await expect.poll(() => app.page.getByLabel('Full name').inputValue()).toBe(MARKER)
  })

  it('changes the passphrase, after which only the new one unlocks', async () => {
    await app.page.goto(`${app.url}/settings/passphrase`)
    await waitForHeading(app.page, 'Unlock')
    await unlock(app.page)
    await waitForHeading(app.page, 'Change your passphrase')
    await passphraseBox(app.page, 'Current passphrase').fill(PASSPHRASE)
    await passphraseBox(app.page, 'New passphrase').fill('a brand new passphrase')
    await passphraseBox(app.page, 'Confirm new passphrase').fill('a brand new passphrase')
    await app.page.getByRole('button', { name: 'Change passphrase' }).click()
    await app.page.getByText('Your passphrase has been changed').waitFor()
    expect(await axeViolations(app.page)).toEqual([])

    await app.page.goto(`${app.url}/settings/your-details`)
    await unlock(app.page, PASSPHRASE)
    await app.page.getByRole('link', { name: 'The passphrase is not right' }).waitFor()
    await unlock(app.page, 'a brand new passphrase')
    await expect.poll(() => app.page.getByLabel('Full name').inputValue()).toBe(MARKER)
  })

  it('erases the personal data after a confirmation when the passphrase is forgotten, keeping content and settings', async () => {
    await app.page.goto(`${app.url}/settings`)
    await app.page.getByLabel('Lock the app after it has not been used for').selectOption('15')
    await app.page.getByText('Saved: the app will lock after 15 minutes without use.').waitFor()
    await app.page.goto(`${app.url}/settings/your-details`)
    await waitForHeading(app.page, 'Unlock')
    await app.page.getByRole('button', { name: 'I have forgotten my passphrase' }).click()
    await waitForHeading(app.page, 'Remove Sam’s profile and erase its personal data?')
    expect(await axeViolations(app.page)).toEqual([])
    await app.page.getByRole('button', { name: 'Remove profile and erase its data' }).click()
    await app.page.getByRole('link', { name: 'Confirm that you understand what will be erased' }).waitFor()
    await app.page.getByLabel('I understand that this permanently erases Sam’s profile and its personal data').check()
    await app.page.getByRole('button', { name: 'Remove profile and erase its data' }).click()
    await waitForHeading(app.page, 'Create a passphrase')

    const { indexedDb } = await everythingStored(app.page)
    const store = (name: string) => indexedDb.find((line) => line.startsWith(`inclusion-companion/${name}: `))!.slice(0, 80)
    expect(store('records')).toBe('inclusion-companion/records: []')
    expect(store('keyring')).toBe('inclusion-companion/keyring: []')
    // The lock timeout stays; the other row is the random mark a removal leaves for the previous release's flusher.
    const settings = JSON.parse(indexedDb.find((line) => line.startsWith('inclusion-companion/settings: '))!.slice('inclusion-companion/settings: '.length)) as { key: string; value: unknown }[]
    expect(settings.map(({ key }) => key)).toEqual(['lockAfterMinutes', 'outboxErased'])
    expect(settings[0]!.value).toBe(15)
    expect(store('content')).toMatch(/^inclusion-companion\/content: \[\{"key":"current"/)
  })

  it('raised no script errors', () => {
    expect(app.errors).toEqual([])
  })
})

describe('the idle lock', () => {
  it('warns a minute before, can be kept open, then locks with nothing typed lost', async () => {
    const page = await app.context.newPage()
    await page.clock.install()
    await page.goto(`${app.url}/settings`)
    await waitForHeading(page, 'Settings')
    await page.getByLabel('Lock the app after it has not been used for').selectOption('2')
    await page.getByText('Saved: the app will lock after 2 minutes without use.').waitFor()

    await page.goto(`${app.url}/settings/your-details`)
    await createPassphrase(page)
    await waitForHeading(page, 'Your details')
    await page.getByLabel('Job title').fill('SENCO')

    await page.clock.fastForward('01:01')
    const warning = page.getByRole('dialog', { name: 'The app is about to lock' })
    await warning.waitFor()
    expect(await axeViolations(page)).toEqual([])
    await warning.getByRole('button', { name: 'Stay unlocked' }).click()
    await expect.poll(() => warning.isVisible()).toBe(false)

    await page.clock.fastForward('01:30')
    expect(await page.getByRole('button', { name: 'Lock the app' }).isVisible()).toBe(true)
    await page.clock.fastForward('00:31')
    await waitForHeading(page, 'Unlock')
    expect(await page.getByRole('button', { name: 'Lock the app' }).count()).toBe(0)

    await unlock(page)
    await waitForHeading(page, 'Your details')
    await expect.poll(() => page.getByLabel('Job title').inputValue()).toBe('SENCO')
    await page.close()
  })
})
