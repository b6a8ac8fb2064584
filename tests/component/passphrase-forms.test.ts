import { afterEach, describe, expect, it, vi } from 'vitest'
import { appDatabase } from '../../src/db/database'
import { appVault } from '../../src/db/app-vault'
import type { Vault } from '../../src/db/vault'
import VaultGate from '../../src/pages/lock/VaultGate.vue'
import ChangePassphrasePage from '../../src/pages/settings/ChangePassphrasePage.vue'
import { useVaultStore } from '../../src/stores/vault'
import { axeViolations, mountPage, settle } from './mount-page'

afterEach(async () => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  // The vault is one per app: forget its key as well as its profiles, so each test starts anew.
  await appVault().lock()
  await appDatabase().keyring.clear()
  await appDatabase().settings.clear()
})

const links = (page: Awaited<ReturnType<typeof mountPage>>) => page.findAll('.govuk-error-summary a').map((link) => link.text())

async function submit(page: Awaited<ReturnType<typeof mountPage>>): Promise<void> {
  await page.find('form').trigger('submit')
  await settle()
}

describe('creating a passphrase', () => {
  it('asks for a first name and a passphrase of 8 characters or more, then for the same again, keeping what was typed', async () => {
    const page = await mountPage(VaultGate, '/settings/your-details')
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Create a passphrase')
    await submit(page)
    expect(links(page)).toEqual(['Enter your first name', 'Enter a passphrase'])
    expect(page.find('#profile-name-error').text()).toContain('Enter your first name')

    await page.find('#profile-name').setValue('Sam')

    await page.find('#new-passphrase').setValue('seven77')
    await submit(page)
    expect(links(page)).toEqual(['Passphrase must be 8 characters or more'])
    expect(page.find('#new-passphrase-error').exists()).toBe(true)

    await page.find('#new-passphrase').setValue('long enough words')
    await page.find('#confirm-passphrase').setValue('long enough word')
    await submit(page)
    expect(links(page)).toEqual(['The passphrases do not match'])
    expect((page.find('#new-passphrase').element as HTMLInputElement).value).toBe('long enough words')
  })

  it('shows and hides what was typed', async () => {
    const page = await mountPage(VaultGate, '/settings/your-details')
    await expect.poll(() => page.find('#new-passphrase').exists()).toBe(true)
    const toggle = page.find('button[aria-controls="new-passphrase"]')
    expect(page.find('#new-passphrase').attributes('type')).toBe('password')
    await toggle.trigger('click')
    expect(page.find('#new-passphrase').attributes('type')).toBe('text')
    expect(toggle.attributes('aria-label')).toBe('Hide passphrase')
  })
})

describe('unlocking', () => {
  it('refuses a wrong passphrase with a GOV.UK error, then opens with the right one', { timeout: 30_000 }, async () => {
    const page = await mountPage(VaultGate, '/settings/your-details')
    await expect.poll(() => page.find('#new-passphrase').exists()).toBe(true)
    await page.find('#profile-name').setValue('Sam')
    await page.find('#new-passphrase').setValue('the right words')
    await page.find('#confirm-passphrase').setValue('the right words')
    await submit(page)
    const vault = useVaultStore()
    await expect.poll(() => vault.state, { timeout: 10_000 }).toBe('unlocked')

    await vault.lock()
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Unlock')
    await submit(page)
    expect(links(page)).toEqual(['Enter your passphrase'])

    await page.find('#passphrase').setValue('the wrong words')
    await submit(page)
    await expect.poll(() => links(page), { timeout: 10_000 }).toEqual(['The passphrase is not right'])

    await page.find('#passphrase').setValue('the right words')
    await submit(page)
    await expect.poll(() => vault.state, { timeout: 10_000 }).toBe('unlocked')
  })
})

describe('after too many wrong passphrases', () => {
  it('says when the next try can be made, as a time on the device’s clock', { timeout: 30_000 }, async () => {
    const page = await lockedGate()
    useVaultStore().attempts = { failedAttempts: 5, retryAt: new Date(2099, 0, 1, 9, 5, 3).getTime() }
    await expect.poll(() => page.text()).toContain('Too many wrong passphrases. You can try again at 9:05:03.')
  })
})

/**
 * Holds the vault's next call of `method` open until the test releases it; then the real
 * derivation runs. What the form shows in the meantime is what a slow tablet shows for seconds.
 */
function holdOpen(method: 'create' | 'unlock' | 'changePassphrase'): () => void {
  const vault = appVault()
  const real = vault[method].bind(vault) as (...passphrases: string[]) => Promise<void>
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  vi.spyOn(vault, method).mockImplementationOnce((async (...passphrases: string[]) => {
    await released
    return real(...passphrases)
  }) as Vault[typeof method])
  return release
}

type Page = Awaited<ReturnType<typeof mountPage>>
const submitButton = (page: Page) => page.find<HTMLButtonElement>('button[type="submit"]')
const said = (page: Page) => page.findAll('[role="status"]').map((region) => region.text()).filter(Boolean)
const indicatorShown = (page: Page) => page.find('[data-testid="busy-indicator"]').exists()

/** The unlock form in front of a vault locked with the right words. */
async function lockedGate(): Promise<Page> {
  await appVault().create('Sam', 'the right words')
  await appVault().lock()
  const page = await mountPage(VaultGate, '/settings/your-details')
  await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Unlock')
  return page
}

describe('while a key is derived from the passphrase', () => {
  it('unlocking: the button says so and waits, the status says it once with a moving bar, until the page behind opens', { timeout: 30_000 }, async () => {
    const page = await lockedGate()
    expect(said(page)).toEqual([])
    expect(indicatorShown(page)).toBe(false)

    const release = holdOpen('unlock')
    await page.find('#passphrase').setValue('the right words')
    await submit(page)
    expect(submitButton(page).text()).toBe('Unlocking…')
    expect(submitButton(page).element.disabled).toBe(true)
    expect(said(page)).toEqual(['Unlocking. This can take a few seconds on this device.'])
    expect(indicatorShown(page)).toBe(true)
    expect(await axeViolations()).toEqual([])

    release()
    await expect.poll(() => useVaultStore().state, { timeout: 10_000 }).toBe('unlocked')
    await settle()
    expect(said(page)).toEqual([])
    expect(indicatorShown(page)).toBe(false)
  })

  it('unlocking with a wrong passphrase: the status goes when the error comes, and the button is back', { timeout: 30_000 }, async () => {
    const page = await lockedGate()
    const release = holdOpen('unlock')
    await page.find('#passphrase').setValue('the wrong words')
    await submit(page)
    expect(said(page)).toEqual(['Unlocking. This can take a few seconds on this device.'])

    release()
    await expect.poll(() => links(page), { timeout: 10_000 }).toEqual(['The passphrase is not right'])
    expect(said(page)).toEqual([])
    expect(indicatorShown(page)).toBe(false)
    expect(submitButton(page).text()).toBe('Unlock')
    expect(submitButton(page).element.disabled).toBe(false)
    expect(await axeViolations()).toEqual([])
  })

  it('creating a passphrase: the same status while the key is made', { timeout: 30_000 }, async () => {
    const page = await mountPage(VaultGate, '/settings/your-details')
    await expect.poll(() => page.find('#new-passphrase').exists()).toBe(true)
    const release = holdOpen('create')
    await page.find('#profile-name').setValue('Sam')
    await page.find('#new-passphrase').setValue('the right words')
    await page.find('#confirm-passphrase').setValue('the right words')
    await submit(page)
    expect(submitButton(page).text()).toBe('Creating…')
    expect(submitButton(page).element.disabled).toBe(true)
    expect(said(page)).toEqual(['Creating your passphrase. This can take a few seconds on this device.'])
    expect(indicatorShown(page)).toBe(true)

    release()
    await expect.poll(() => useVaultStore().state, { timeout: 10_000 }).toBe('unlocked')
    await settle()
    expect(said(page)).toEqual([])
  })

  it('changing the passphrase: the status while both keys are worked out, gone with the error or the success', { timeout: 30_000 }, async () => {
    await appVault().create('Sam', 'the right words')
    const page = await mountPage(ChangePassphrasePage, '/settings/passphrase')
    const fill = async (current: string) => {
      await page.find('#current-passphrase').setValue(current)
      await page.find('#new-passphrase').setValue('brand new words')
      await page.find('#confirm-passphrase').setValue('brand new words')
    }

    let release = holdOpen('changePassphrase')
    await fill('the wrong words')
    await submit(page)
    expect(submitButton(page).text()).toBe('Changing…')
    expect(said(page)).toEqual(['Changing your passphrase. This can take a few seconds on this device.'])
    expect(indicatorShown(page)).toBe(true)
    release()
    await expect.poll(() => links(page), { timeout: 10_000 }).toEqual(['The current passphrase is not right'])
    expect(said(page)).toEqual([])
    expect(indicatorShown(page)).toBe(false)

    release = holdOpen('changePassphrase')
    await fill('the right words')
    await submit(page)
    expect(said(page)).toEqual(['Changing your passphrase. This can take a few seconds on this device.'])
    release()
    await expect.poll(() => page.text(), { timeout: 10_000 }).toContain('Your passphrase has been changed')
    expect(said(page)).toEqual([])
    expect(indicatorShown(page)).toBe(false)
    expect(submitButton(page).element.disabled).toBe(false)
  })
})

describe('a device shared by several staff', () => {
  /** Two profiles, Sam's first; the lock screen in front of them. */
  async function sharedGate(): Promise<Page> {
    await appVault().create('Sam', 'sam’s right words')
    await appVault().create('Priya', 'priya’s right words')
    await appVault().lock()
    const page = await mountPage(VaultGate, '/settings/your-details')
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Unlock')
    return page
  }
  const radios = (page: Page) => page.findAll('input[name="profile"]')
  const radioLabels = (page: Page) => page.findAll('.govuk-radios__label').map((label) => label.text())

  it('lists the profiles by first name only, offers the last one unlocked, and opens only with that profile’s passphrase', { timeout: 30_000 }, async () => {
    const page = await sharedGate()
    expect(radioLabels(page)).toEqual(['Sam', 'Priya'])
    expect(page.find('fieldset legend').text()).toBe('Who is using this device?')
    // Priya was unlocked last.
    expect((radios(page)[1]!.element as HTMLInputElement).checked).toBe(true)
    expect(await axeViolations()).toEqual([])

    await page.find('#passphrase').setValue('sam’s right words')
    await submit(page)
    await expect.poll(() => links(page), { timeout: 10_000 }).toEqual(['The passphrase is not right'])

    await radios(page)[0]!.setValue(true)
    await page.find('#passphrase').setValue('sam’s right words')
    await submit(page)
    const vault = useVaultStore()
    await expect.poll(() => vault.state, { timeout: 10_000 }).toBe('unlocked')
    expect(vault.profile?.name).toBe('Sam')
    // The wrong try counted against Priya's profile only.
    expect(await appVault().attempts(vault.profileId!)).toEqual({ failedAttempts: 0, retryAt: 0 })
  })

  it('after "Switch user" nobody is chosen: unlocking asks whose profile it is', { timeout: 30_000 }, async () => {
    const page = await sharedGate()
    const vault = useVaultStore()
    await radios(page)[0]!.setValue(true)
    await page.find('#passphrase').setValue('sam’s right words')
    await submit(page)
    await expect.poll(() => vault.state, { timeout: 10_000 }).toBe('unlocked')

    await vault.switchUser()
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Unlock')
    expect(radios(page).map((radio) => (radio.element as HTMLInputElement).checked)).toEqual([false, false])
    await page.find('#passphrase').setValue('priya’s right words')
    await submit(page)
    expect(links(page)).toEqual(['Select your name'])
    expect(page.find('#profile-error').text()).toContain('Select your name')
    expect(await axeViolations()).toEqual([])
  })

  it('adds a profile from the lock screen, refusing a name the device already has', { timeout: 30_000 }, async () => {
    const page = await sharedGate()
    await page.findAll('button').find((button) => button.text() === 'Add a profile')!.trigger('click')
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Add a profile')
    await page.find('#profile-name').setValue('sam')
    await page.find('#new-passphrase').setValue('jo’s own words')
    await page.find('#confirm-passphrase').setValue('jo’s own words')
    await submit(page)
    expect(links(page)).toEqual(['This device already has a profile called sam: add the first letter of your last name'])
    expect(await axeViolations()).toEqual([])

    await page.find('#profile-name').setValue('Jo')
    await submit(page)
    const vault = useVaultStore()
    await expect.poll(() => vault.state, { timeout: 10_000 }).toBe('unlocked')
    expect(vault.profiles.map((each) => each.name)).toEqual(['Sam', 'Priya', 'Jo'])
    expect(vault.profile?.name).toBe('Jo')
  })

  it('removes the chosen profile after a confirmation, and only that one', { timeout: 30_000 }, async () => {
    const page = await sharedGate()
    await radios(page)[0]!.setValue(true)
    await page.findAll('button').find((button) => button.text() === 'I have forgotten my passphrase')!.trigger('click')
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Remove Sam’s profile and erase its personal data?')
    expect(page.text()).toContain('and the other profiles on this device')
    await submit(page)
    expect(links(page)).toEqual(['Confirm that you understand what will be erased'])
    await page.find('#erase-understood').setValue(true)
    await submit(page)
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Unlock')
    expect((await appVault().profiles()).map((each) => each.name)).toEqual(['Priya'])
  })
})
