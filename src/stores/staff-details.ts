import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { StaffDetails } from '../domain/staff-details'
import { useVaultStore } from './vault'

const RECORD = { id: 'staff-details', kind: 'staff-details', status: 'saved' }

/** Your details, decrypted only while the app is unlocked. */
export const useStaffDetailsStore = defineStore('staff-details', () => {
  const vault = useVaultStore()
  const details = shallowRef<StaffDetails>()
  void vault.onLock(() => {
    details.value = undefined
  })

  async function load(): Promise<StaffDetails | undefined> {
    details.value = (await (await vault.vault()).get<StaffDetails>(RECORD.id))?.data
    return details.value
  }

  async function save(next: StaffDetails): Promise<void> {
    await (await vault.vault()).put(RECORD, next)
    details.value = next
  }

  return { details, load, save }
})
