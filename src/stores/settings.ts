import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_RETENTION_DAYS, readRetentionDays, writeRetentionDays } from '../sync/retention'

export { RETENTION_DAYS_CHOICES } from '../sync/retention'

export const LOCK_AFTER_MINUTES_CHOICES = [2, 5, 10, 15, 20, 30] as const
export const DEFAULT_LOCK_AFTER_MINUTES = 10

/** Device settings with no personal data in them. */
export const useSettingsStore = defineStore('settings', () => {
  const lockAfterMinutes = ref<number>(DEFAULT_LOCK_AFTER_MINUTES)
  /** How long a sent submission's details stay on the device (its receipt stays). */
  const retentionDays = ref<number>(DEFAULT_RETENTION_DAYS)
  let loading: Promise<void> | undefined

  const database = () => import('../db/database').then(({ appDatabase }) => appDatabase())

  function ensureLoaded(): Promise<void> {
    loading ??= database().then(async (db) => {
      const stored = (await db.settings.get('lockAfterMinutes'))?.value
      if (typeof stored === 'number' && (LOCK_AFTER_MINUTES_CHOICES as readonly number[]).includes(stored)) {
        lockAfterMinutes.value = stored
      }
      retentionDays.value = await readRetentionDays(db)
    })
    return loading
  }

  async function setLockAfterMinutes(minutes: number): Promise<void> {
    if (!(LOCK_AFTER_MINUTES_CHOICES as readonly number[]).includes(minutes)) throw new Error(`Lock time must be one of ${LOCK_AFTER_MINUTES_CHOICES.join(', ')} minutes`)
    await (await database()).settings.put({ key: 'lockAfterMinutes', value: minutes })
    lockAfterMinutes.value = minutes
  }

  async function setRetentionDays(days: number): Promise<void> {
    await writeRetentionDays(await database(), days)
    retentionDays.value = days
  }

  return { lockAfterMinutes, retentionDays, ensureLoaded, setLockAfterMinutes, setRetentionDays }
})
