import { afterEach, describe, expect, it } from 'vitest'
import VaultGate from '../../src/pages/lock/VaultGate.vue'
import { useVaultStore } from '../../src/stores/vault'
import { mountPage, settle } from './mount-page'

afterEach(async () => {
  document.body.innerHTML = ''
  const { appDatabase } = await import('../../src/db/database')
  await appDatabase().keyring.clear()
})

const links = (page: Awaited<ReturnType<typeof mountPage>>) => page.findAll('.govuk-error-summary a').map((link) => link.text())

async function submit(page: Awaited<ReturnType<typeof mountPage>>): Promise<void> {
  await page.find('form').trigger('submit')
  await settle()
}

describe('creating a passphrase', () => {
  it('asks for one of 8 characters or more, then for the same again, keeping what was typed', async () => {
    const page = await mountPage(VaultGate, '/settings/your-details')
    await expect.poll(() => page.find('h1').exists() && page.find('h1').text()).toBe('Create a passphrase')
    await submit(page)
    expect(links(page)).toEqual(['Enter a passphrase'])

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
