import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appVault } from '../../src/db/app-vault'
import { appDatabase } from '../../src/db/database'
import { PasskeyFailedError, registerPasskey, unlockWithPasskey } from '../../src/db/passkey'
import YourProfilePage from '../../src/pages/settings/YourProfilePage.vue'
import { useVaultStore } from '../../src/stores/vault'
import { axeViolations, mountWithProps, onceOtherTabsHeardOfTheLock, PASSPHRASE, settle, unlockedAsSam } from './mount-page'

/**
 * A device with a platform authenticator that has PRF, where a test says so: the ceremonies
 * are fakes that wrap and unwrap the data key with the real code and one fixed PRF output,
 * what the authenticator would give for the same credential and salt every time. Elsewhere
 * the check is the real one, which jsdom (no WebAuthn) answers no to. app-vault.ts binds the
 * ceremonies it imports from this module when the vault is first made, so the fakes are
 * what the page's vault calls.
 */
const device = vi.hoisted(() => ({ hasPasskeys: false }))
vi.mock('../../src/db/passkey', async (importActual) => {
  const actual = await importActual<typeof import('../../src/db/passkey')>()
  const prfOutput = new Uint8Array(32).fill(7)
  return {
    ...actual,
    passkeysSupported: () => (device.hasPasskeys ? Promise.resolve(true) : actual.passkeysSupported()),
    registerPasskey: vi.fn<typeof actual.registerPasskey>(async (_profile, exportableDataKey, now) => ({
      credentialId: new Uint8Array(16).fill(1),
      prfSalt: new Uint8Array(32).fill(2),
      ...(await actual.wrapWithPrf(prfOutput, exportableDataKey)),
      createdAt: now,
    })),
    unlockWithPasskey: vi.fn<typeof actual.unlockWithPasskey>((stored) => actual.unwrapWithPrf(prfOutput, stored)),
  }
})

// A page left mounted would go on reacting to the vault after its test.
enableAutoUnmount(afterEach)

beforeEach(() => {
  setActivePinia(createPinia())
})
afterEach(() => {
  device.hasPasskeys = false
  document.body.innerHTML = ''
})

type Page = VueWrapper

const openPage = (ready: (page: Page) => boolean = (page) => page.find('#profile-name').exists()) =>
  mountWithProps(YourProfilePage, '/settings/profile', {}, ready)

const links = (page: Page) => page.findAll('.govuk-error-summary a').map((link) => link.text())
const banner = (page: Page) => page.find('.govuk-notification-banner__heading')
const buttons = (page: Page) => page.findAll('button').map((button) => button.text())
const valueOf = (page: Page, id: string) => (page.find(`#${id}`).element as HTMLInputElement).value

async function press(page: Page, text: string): Promise<void> {
  const button = page.findAll('button').find((each) => each.text() === text)
  if (!button) throw new Error(`No button "${text}" on the page`)
  await button.trigger('click')
  await settle()
}

describe('your name on this device', () => {
  it('asks for a first name, keeping the field as it was left', { timeout: 30_000 }, async () => {
    await unlockedAsSam()
    const page = await openPage()
    expect(valueOf(page, 'profile-name')).toBe('Sam')

    await page.find('#profile-name').setValue('   ')
    await press(page, 'Save name')
    expect(links(page)).toEqual(['Enter your first name'])
    expect(page.find('#profile-name-error').text()).toBe('Error: Enter your first name')
    expect(valueOf(page, 'profile-name')).toBe('   ')
    expect(document.title).toBe('Error: Your profile – Inclusion Companion')
    expect(banner(page).exists()).toBe(false)
    expect(useVaultStore().profiles.map((each) => each.name)).toEqual(['Sam'])
    expect(await axeViolations()).toEqual([])
  })

  it('refuses the name of another profile on the device, then changes to a name of its own', { timeout: 30_000 }, async () => {
    await unlockedAsSam()
    const vault = useVaultStore()
    // Creating Priya's profile opens it, locking Sam's: Sam unlocks again, as at the lock screen.
    await onceOtherTabsHeardOfTheLock(() => appVault().create('Priya', 'priya’s own words'))
    await vault.unlock(PASSPHRASE)
    expect(vault.profile?.name).toBe('Sam')
    const page = await openPage()

    await page.find('#profile-name').setValue('Priya')
    await press(page, 'Save name')
    expect(links(page)).toEqual(['This device already has a profile called Priya: add the first letter of your last name'])
    expect(page.find('#profile-name-error').text()).toBe('Error: This device already has a profile called Priya: add the first letter of your last name')
    expect(valueOf(page, 'profile-name')).toBe('Priya')

    await page.find('#profile-name').setValue(' Samira ')
    await press(page, 'Save name')
    await expect.poll(() => banner(page).exists() && banner(page).text()).toBe('Your name on this device has been changed.')
    expect(links(page)).toEqual([])
    expect(page.find('#profile-name-error').exists()).toBe(false)
    expect(valueOf(page, 'profile-name')).toBe('Samira')
    expect(vault.profiles.map((each) => each.name)).toEqual(['Samira', 'Priya'])
    expect(vault.profile?.name).toBe('Samira')
    expect(await axeViolations()).toEqual([])
  })
})

describe('a passkey where the device or browser has none (jsdom has no WebAuthn)', () => {
  it('says to keep using the passphrase, and offers nothing to add', { timeout: 30_000 }, async () => {
    await unlockedAsSam()
    const page = await openPage((page) => page.text().includes('This device or browser cannot'))
    expect(page.text()).toContain('This device or browser cannot protect the app’s data with a passkey. Keep using your passphrase.')
    expect(buttons(page)).not.toContain('Add a passkey')
    expect(page.find('#passkey-passphrase').exists()).toBe(false)
    expect(await axeViolations()).toEqual([])
  })
})

describe('a passkey where the device has one with PRF', () => {
  beforeEach(() => {
    device.hasPasskeys = true
    vi.clearAllMocks()
  })

  const passkeyOffered = (page: Page) => buttons(page).includes('Add a passkey')

  it('asks for the passphrase again, adds the passkey that then unlocks the profile, and stops using it', { timeout: 30_000 }, async () => {
    const samId = await unlockedAsSam()
    const vault = useVaultStore()
    // Test data, to show that the key the passkey gives back is the profile's own.
    await appVault().put({ id: 'passkey-test', kind: 'test-note' }, { note: 'written before the passkey was added' })
    const page = await openPage(passkeyOffered)
    expect(page.text()).toContain('Unlock with this device’s fingerprint, face or screen lock instead of typing your passphrase.')

    await press(page, 'Add a passkey')
    expect(links(page)).toEqual(['Enter your passphrase'])
    expect(page.find('#passkey-passphrase-error').text()).toBe('Error: Enter your passphrase')
    expect(await axeViolations()).toEqual([])

    await page.find('#passkey-passphrase').setValue('not the passphrase')
    await press(page, 'Add a passkey')
    await expect.poll(() => links(page), { timeout: 10_000 }).toEqual(['The passphrase is not right'])
    expect(page.find('#passkey-passphrase-error').text()).toBe('Error: The passphrase is not right')
    expect(valueOf(page, 'passkey-passphrase')).toBe('not the passphrase')
    expect(vi.mocked(registerPasskey)).not.toHaveBeenCalled()
    expect((await appDatabase().keyring.get(samId))?.passkey).toBeUndefined()

    await page.find('#passkey-passphrase').setValue(PASSPHRASE)
    await press(page, 'Add a passkey')
    await expect.poll(() => banner(page).exists() && banner(page).text(), { timeout: 10_000 }).toBe('Your passkey has been added. Next time, unlock with it.')
    expect(links(page)).toEqual([])
    expect(page.text()).toContain('You can unlock with your passkey')
    expect(passkeyOffered(page)).toBe(false)
    expect(vault.profile?.hasPasskey).toBe(true)
    expect(vi.mocked(registerPasskey)).toHaveBeenCalledOnce()
    expect(await axeViolations()).toEqual([])

    await onceOtherTabsHeardOfTheLock(() => vault.lock())
    expect(vault.state).toBe('locked')
    await vault.unlockWithPasskey()
    expect(vault.state).toBe('unlocked')
    expect(vault.profileId).toBe(samId)
    expect(vi.mocked(unlockWithPasskey)).toHaveBeenCalledOnce()
    expect((await appVault().get('passkey-test'))?.data).toEqual({ note: 'written before the passkey was added' })

    await settle()
    await press(page, 'Stop using your passkey')
    await expect.poll(() => banner(page).exists() && banner(page).text(), { timeout: 10_000 }).toBe('Your passkey has been removed. Unlock with your passphrase.')
    expect((await appDatabase().keyring.get(samId))?.passkey).toBeUndefined()
    expect(vault.profile?.hasPasskey).toBe(false)
    expect(passkeyOffered(page)).toBe(true)
  })

  it('shows why a passkey was not added beside the passphrase, keeping it, and stores none', { timeout: 30_000 }, async () => {
    const samId = await unlockedAsSam()
    const failure = 'The passkey was not added. Try again, or keep using your passphrase.'
    vi.mocked(registerPasskey).mockRejectedValueOnce(new PasskeyFailedError(failure))
    const page = await openPage(passkeyOffered)

    await page.find('#passkey-passphrase').setValue(PASSPHRASE)
    await press(page, 'Add a passkey')
    await expect.poll(() => links(page), { timeout: 10_000 }).toEqual([failure])
    expect(page.find('#passkey-passphrase-error').text()).toBe(`Error: ${failure}`)
    expect(valueOf(page, 'passkey-passphrase')).toBe(PASSPHRASE)
    expect(banner(page).exists()).toBe(false)
    expect((await appDatabase().keyring.get(samId))?.passkey).toBeUndefined()
    expect(passkeyOffered(page)).toBe(true)
    expect(await axeViolations()).toEqual([])
  })
})

describe('removing your profile', () => {
  it('asks to confirm removing Sam’s profile, and Cancel goes back to the page', { timeout: 30_000 }, async () => {
    await unlockedAsSam()
    const page = await openPage()

    await press(page, 'Remove your profile')
    expect(page.find('h1').text()).toBe('Remove Sam’s profile and erase its personal data?')
    expect(document.activeElement).toBe(page.find('h1').element)
    expect(page.find('label[for="erase-understood"]').text()).toBe('I understand that this permanently erases Sam’s profile and its personal data')
    expect(await axeViolations()).toEqual([])

    await press(page, 'Cancel')
    expect(page.find('h1').text()).toBe('Your profile')
    expect(document.title).toBe('Your profile – Inclusion Companion')
    expect(document.activeElement).toBe(page.find('h1').element)
    expect(valueOf(page, 'profile-name')).toBe('Sam')
    expect((await appVault().profiles()).map((each) => each.name)).toEqual(['Sam'])
  })
})
