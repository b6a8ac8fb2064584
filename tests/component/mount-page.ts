import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import axe from 'axe-core'
import { createPinia, getActivePinia, setActivePinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import { nextTick, type Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { appVault } from '../../src/db/app-vault'
import { appDatabase, type Receipt } from '../../src/db/database'
import { routes } from '../../src/router'
import { VAULT_CHANNEL } from '../../src/db/vault-tabs'
import { useCalendarStore } from '../../src/stores/calendar'
import { useVaultStore } from '../../src/stores/vault'

/**
 * Mounts a page as the app does: with a new Pinia, the real routes and content from IndexedDB
 * (fake-indexeddb); with `ready`, once it finds what the page renders after loading.
 */
export async function mountPage(page: Component, path = '/', ready?: (wrapper: VueWrapper) => boolean) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(page, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await (ready ? until(wrapper, ready) : settle())
  return wrapper
}

async function until(wrapper: VueWrapper, ready: (wrapper: VueWrapper) => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!ready(wrapper)) throw new Error('The page has not loaded what it shows yet')
  }, 10_000)
}

/** What a user action changed, rendered: pending promises settled and Vue's updates flushed (no waiting on the clock). */
export async function settle(): Promise<void> {
  await flushPromises()
  await nextTick()
}

/** Mounts a page with its props in the active Pinia, once `ready` finds what it renders after loading its record. */
export async function mountWithProps(page: Component, path: string, props: Record<string, string>, ready = (wrapper: VueWrapper) => wrapper.find('form').exists()) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(page, { props, global: { plugins: [getActivePinia()!, router] }, attachTo: document.body })
  await until(wrapper, ready)
  return wrapper
}

export const PASSPHRASE = 'long enough passphrase'

/** A receipt in a test's set-up: whose it is is known once the profile it belongs to is made. */
export type ReceiptFixture = Omit<Receipt, 'profileId'>

/**
 * The term dates (the setting's choice and the device's content) read slowly, as on a busy
 * tablet, in `pinia`, which is made active for the page to mount in: until the answer is called.
 */
export function holdTermDates(pinia: Pinia): () => void {
  const calendar = useCalendarStore(pinia)
  const read = calendar.ensureLoaded
  let letRead!: () => void
  const held = new Promise<void>((resolve) => (letRead = resolve))
  calendar.ensureLoaded = () => held.then(read)
  setActivePinia(pinia)
  return letRead
}

/**
 * A device with one staff profile, Sam's, unlocked in the active Pinia, and no one's records or
 * receipts left from an earlier test; `receipts` are stored as Sam's. Answers Sam's profile id.
 */
export async function unlockedAsSam(receipts: ReceiptFixture[] = []): Promise<string> {
  if (appVault().isUnlocked) await onceOtherTabsHeardOfTheLock(() => appVault().lock())
  const db = appDatabase()
  await Promise.all([db.keyring.clear(), db.records.clear(), db.receipts.clear()])
  const vault = useVaultStore()
  await vault.refresh()
  await vault.create('Sam', PASSPHRASE)
  const profileId = vault.profileId!
  await db.receipts.bulkPut(receipts.map((receipt) => ({ ...receipt, profileId })))
  return profileId
}

/**
 * The pages of earlier tests stand for tabs closed since, but their stores share this one vault
 * (a browser has one per tab) and still listen on the tabs' channel, where each says when the
 * vault locks and each locks it on hearing so. A profile unlocked before that word has gone round
 * would be locked by it: so `locking` (a lock, or opening another profile) is followed by waiting
 * for the word. Their stores' work as it locks makes their own Pinia the active one: the test's is
 * made active again.
 */
export async function onceOtherTabsHeardOfTheLock(locking: () => Promise<unknown>): Promise<void> {
  const pinia = getActivePinia()!
  const channel = new BroadcastChannel(VAULT_CHANNEL)
  const heard = new Promise((resolve) => channel.addEventListener('message', resolve, { once: true }))
  await locking()
  await heard
  channel.close()
  setActivePinia(pinia)
}

/**
 * axe on what a test has put on the page: states the e2e tests cannot reach or that pass too
 * quickly for them (a busy form, a passkey on a device without one). Without the app's shell
 * there are no landmarks, and jsdom paints nothing to measure contrast on: the e2e tests check
 * those on the whole page in Chromium.
 */
export async function axeViolations(): Promise<string[]> {
  const results = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: { region: { enabled: false }, 'color-contrast': { enabled: false } },
  })
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}
