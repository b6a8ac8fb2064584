import { defineStore } from 'pinia'
import { computed } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import { appDatabase, type Enrolment } from '../db/database'
import { sameOrigin } from '../sync/api-client'
import { useVaultStore } from './vault'

/** This device's enrolment with the Inclusion Service, as the pages see it. */
export const useEnrolmentStore = defineStore('enrolment', () => {
  const db = appDatabase()
  const vault = useVaultStore()
  const enrolment = useLiveQuery(() => db.enrolment.get('device'), undefined as Enrolment | undefined)
  const revoked = computed(() => Boolean(enrolment.value?.revokedAt))

  async function enrol(code: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const { enrolDevice } = await import('../sync/enrol')
    const outcome = await enrolDevice(db, sameOrigin(), code)
    return outcome.ok ? { ok: true } : outcome
  }

  /** Seals what was queued before enrolment, from the payloads kept in the unlocked vault; answers how many are ready. */
  async function sealWaiting(): Promise<number> {
    const { sealKeptPayloads } = await import('../sync/enrol')
    return sealKeptPayloads(db, await vault.vault())
  }

  return { enrolment, revoked, enrol, sealWaiting }
})
