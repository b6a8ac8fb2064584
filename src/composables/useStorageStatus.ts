import { ref } from 'vue'

export interface StorageStatus {
  supported: boolean
  persisted: boolean
  usageBytes?: number
  quotaBytes?: number
}

/** Asks the browser to keep this app's data even when the device is short of space. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false
  if (await navigator.storage.persisted()) return true
  return navigator.storage.persist()
}

export function useStorageStatus() {
  const status = ref<StorageStatus>()

  async function read(): Promise<void> {
    if (!navigator.storage?.persisted) {
      status.value = { supported: false, persisted: false }
      return
    }
    const [persisted, estimate] = await Promise.all([navigator.storage.persisted(), navigator.storage.estimate()])
    status.value = { supported: true, persisted, usageBytes: estimate.usage, quotaBytes: estimate.quota }
  }

  async function askAgain(): Promise<void> {
    await requestPersistentStorage()
    await read()
  }

  return { status, read, askAgain }
}
