import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AttemptState, RecordMeta, Vault, VaultState } from '../db/vault'

/**
 * Whether personal data can be read now. The vault code (Dexie, WebCrypto) loads only when
 * a page needs it, so pages without personal data stay small.
 */
/** What one tab tells the others. */
type TabMessage = 'locked' | 'erased'

export const useVaultStore = defineStore('vault', () => {
  // Opened with the vault, in the browser only: an open channel would keep the build's
  // prerendering (which renders the header, and so this store) from ever finishing.
  let tabs: BroadcastChannel | undefined
  const state = ref<VaultState | 'unknown'>('unknown')
  const attempts = ref<AttemptState>({ failedAttempts: 0, retryAt: 0 })
  let loaded: Promise<Vault> | undefined

  function vault(): Promise<Vault> {
    loaded ??= import('../db/app-vault').then(({ appVault }) => {
      const instance = appVault()
      tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('inclusion-companion-vault') : undefined
      // Each tab holds the key in its own memory: when one tab locks or erases, every other
      // tab of the app does the same at once. Locking saves what was typed first; after an
      // erase nothing is saved, since the key and records it would be saved with are gone.
      tabs?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
        if (event.data === 'locked') void instance.lock()
        if (event.data === 'erased') void instance.erasePersonalData().then(refresh)
      })
      instance.onLock(async () => {
        state.value = await instance.state()
        tabs?.postMessage('locked' satisfies TabMessage)
      })
      return instance
    })
    return loaded
  }

  async function refresh(): Promise<void> {
    const instance = await vault()
    state.value = await instance.state()
    attempts.value = await instance.attempts()
  }

  async function create(passphrase: string): Promise<void> {
    await (await vault()).create(passphrase)
    state.value = 'unlocked'
  }

  async function unlock(passphrase: string): Promise<void> {
    const instance = await vault()
    try {
      await instance.unlock(passphrase)
      state.value = 'unlocked'
    } finally {
      attempts.value = await instance.attempts()
    }
  }

  async function lock(): Promise<void> {
    if (state.value !== 'unlocked') return
    await (await vault()).lock()
  }

  async function erasePersonalData(): Promise<void> {
    await (await vault()).erasePersonalData()
    attempts.value = { failedAttempts: 0, retryAt: 0 }
    tabs?.postMessage('erased' satisfies TabMessage)
  }

  async function changePassphrase(current: string, next: string): Promise<void> {
    await (await vault()).changePassphrase(current, next)
  }

  /**
   * Every record of these kinds, most recently changed first, each with its data where it can
   * be opened (a record written with another key has none, rather than failing the list);
   * undefined when the app locked while they were read.
   */
  async function readAll<T>(kinds: readonly string[]): Promise<{ meta: RecordMeta; data?: T }[] | undefined> {
    const instance = await vault()
    const metas = (await Promise.all(kinds.map((kind) => instance.listMeta(kind)))).flat()
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

  return { state, attempts, vault, readAll, refresh, create, unlock, lock, erasePersonalData, changePassphrase, onLock, onBeforeLock }
})
