import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AttemptState, ProfileSummary, RecordMeta, Vault, VaultState } from '../db/vault'
import type { TabMessage } from '../db/vault-tabs'

/**
 * Whether personal data can be read now, and whose: the staff profiles of a shared device, the
 * one chosen on the lock screen, and the one unlocked. The vault code (Dexie, WebCrypto) loads
 * only when a page needs it, so pages without personal data stay small.
 */
export const useVaultStore = defineStore('vault', () => {
  const state = ref<VaultState | 'unknown'>('unknown')
  const profiles = ref<ProfileSummary[]>([])
  /** The profile the lock screen unlocks; none after "Switch user", until one is chosen. */
  const selected = ref<string>()
  /** The profile unlocked in this tab. */
  const profileId = ref<string>()
  const attempts = ref<AttemptState>({ failedAttempts: 0, retryAt: 0 })
  const profile = computed(() => profiles.value.find((each) => each.id === (profileId.value ?? selected.value)))
  let loaded: Promise<Vault> | undefined

  // The tabs' channel is joined with the vault, in the browser only: an open channel would keep
  // the build's prerendering (which renders the header, and so this store) from ever finishing.
  let tell: (message: TabMessage) => void = () => {}

  function vault(): Promise<Vault> {
    loaded ??= Promise.all([import('../db/app-vault'), import('../db/vault-tabs')]).then(([{ appVault }, { joinTabs }]) => {
      const instance = appVault()
      tell = joinTabs(instance, () => void refresh())
      instance.onLock(async () => {
        const next = await instance.state()
        show(instance, next)
      })
      return instance
    })
    return loaded
  }

  /**
   * Shows the vault as it is now: whether it is unlocked is read from the vault at this moment,
   * never from an answer awaited earlier, which a lock or an unlock meanwhile would make wrong.
   */
  function show(instance: Vault, lockedState: VaultState): void {
    profileId.value = instance.profileId
    state.value = instance.isUnlocked ? 'unlocked' : lockedState === 'unlocked' ? 'locked' : lockedState
  }

  async function refresh(): Promise<void> {
    const instance = await vault()
    const [listed, last] = await Promise.all([instance.profiles(), instance.lastProfile()])
    const chosen = listed.some((each) => each.id === selected.value) ? selected.value : (last ?? listed[0]?.id)
    attempts.value = chosen ? await instance.attempts(chosen) : { failedAttempts: 0, retryAt: 0 }
    // All at once, the state last: the lock screen never shows a moment with no profile chosen.
    profiles.value = listed
    selected.value = chosen
    show(instance, listed.length > 0 ? 'locked' : 'new')
  }

  async function refreshAttempts(): Promise<void> {
    attempts.value = selected.value ? await (await vault()).attempts(selected.value) : { failedAttempts: 0, retryAt: 0 }
  }

  async function select(id: string | undefined): Promise<void> {
    selected.value = id
    await refreshAttempts()
  }

  /** Unlocked as whoever the instance now holds; every other tab locks. */
  async function opened(instance: Vault): Promise<void> {
    const opening = instance.profileId!
    selected.value = opening
    profiles.value = await instance.profiles()
    show(instance, 'locked')
    tell({ type: 'opened', profileId: opening })
  }

  async function create(name: string, passphrase: string): Promise<void> {
    const instance = await vault()
    await instance.create(name, passphrase)
    await opened(instance)
    tell({ type: 'profiles' })
  }

  async function unlock(passphrase: string): Promise<void> {
    const instance = await vault()
    if (!selected.value) throw new Error('Choose a profile first')
    try {
      await instance.unlock(selected.value, passphrase)
      await opened(instance)
    } finally {
      await refreshAttempts()
    }
  }

  async function unlockWithPasskey(): Promise<void> {
    const instance = await vault()
    if (!selected.value) throw new Error('Choose a profile first')
    await instance.unlockWithPasskey(selected.value)
    await opened(instance)
  }

  /** Locks whatever the vault holds, whatever the page shows. */
  async function lock(): Promise<void> {
    // A vault never loaded has never been unlocked in this tab.
    if (loaded) await (await loaded).lock()
  }

  /** Locks, and leaves the lock screen asking who is using the device. */
  async function switchUser(): Promise<void> {
    await lock()
    selected.value = undefined
    attempts.value = { failedAttempts: 0, retryAt: 0 }
  }

  /** Erases a profile and its data (a forgotten passphrase, or someone leaving); other tabs forget it too. */
  async function removeProfile(id: string): Promise<void> {
    const instance = await vault()
    await instance.removeProfile(id)
    tell({ type: 'removed', profileId: id })
    await refresh()
  }

  async function changePassphrase(current: string, next: string): Promise<void> {
    await (await vault()).changePassphrase(current, next)
  }

  /** Changes to the unlocked profile that the lock screens of other tabs show. */
  async function changeProfile(change: (instance: Vault) => Promise<void>): Promise<void> {
    const instance = await vault()
    await change(instance)
    profiles.value = await instance.profiles()
    tell({ type: 'profiles' })
  }

  const rename = (name: string) => changeProfile((instance) => instance.rename(name))
  const addPasskey = (passphrase: string) => changeProfile((instance) => instance.addPasskey(passphrase))
  const removePasskey = () => changeProfile((instance) => instance.removePasskey())

  /**
   * Every record of these kinds, most recently changed first, each with its data where it can
   * be opened (a record written with another key has none, rather than failing the list);
   * undefined when the app locked while they were read.
   */
  async function readAll<T>(kinds: readonly string[]): Promise<{ meta: RecordMeta; data?: T }[] | undefined> {
    const instance = await vault()
    if (!instance.isUnlocked) return undefined
    const metas = (await Promise.all(kinds.map((kind) => instance.listMeta(kind))).catch(() => undefined))?.flat()
    if (!metas) return undefined
    const records = await Promise.all(metas.map((meta) => instance.get<T>(meta.id).catch(() => undefined)))
    if (!instance.isUnlocked) return undefined
    return metas.map((meta, index) => ({ meta, data: records[index]?.data })).sort((a, b) => b.meta.updatedAt - a.meta.updatedAt)
  }

  /** Stores that hold decrypted data drop it when the app locks. */
  async function onLock(listener: () => void): Promise<void> {
    ;(await vault()).onLock(listener)
  }

  /** Work that must finish before the key is forgotten, such as saving what was just typed. */
  async function onBeforeLock(listener: () => Promise<void>): Promise<() => void> {
    return (await vault()).onBeforeLock(listener)
  }

  return {
    state, profiles, selected, profileId, profile, attempts,
    vault, readAll, refresh, select, create, unlock, unlockWithPasskey, lock, switchUser, removeProfile,
    changePassphrase, rename, addPasskey, removePasskey, onLock, onBeforeLock,
  }
})
