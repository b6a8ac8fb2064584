import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import { appDatabase, type OutboxRow, type Receipt } from '../db/database'
import { sameOrigin } from '../sync/api-client'
import type { SubmissionRequest } from '../sync/enqueue'
import type { FlushReport } from '../sync/flush'
import { flushSchedule } from '../sync/schedule'
import { useVaultStore } from './vault'

/**
 * The outbox as the pages see it: what is waiting, what needs attention, what was sent.
 * The outbox rows in IndexedDB are the truth; this store only watches them and asks for
 * sync cycles. It holds nothing personal: bodies are sealed, labels name only the kind.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const db = appDatabase()
  const vault = useVaultStore()
  const allRows = useLiveQuery(() => db.outbox.orderBy('createdAt').toArray(), [] as OutboxRow[])
  const allReceipts = useLiveQuery(() => db.receipts.orderBy('sentAt').reverse().toArray(), [] as Receipt[])
  // What was sent belongs to the profile that sent it: while one is unlocked, the pages show
  // its own. Locked, they show the device's: labels and references only, nothing personal.
  const mine = <T extends { profileId: string }>(list: T[]) => (vault.profileId ? list.filter((each) => each.profileId === vault.profileId) : list)
  const rows = computed(() => mine(allRows.value))
  const receipts = computed(() => mine(allReceipts.value))
  const syncing = ref(false)
  const owner = `page-${crypto.randomUUID()}`

  /** Everything the device still has to send, whoever queued it. */
  const unsentCount = computed(() => allRows.value.length)

  /** One sync cycle, unless offline or one is already running (it sets the next timer itself). */
  async function cycle(options: { reconnected?: boolean } = {}): Promise<FlushReport | undefined> {
    if (syncing.value || !navigator.onLine) return undefined
    syncing.value = true
    try {
      const { runSyncCycle } = await import('../sync/cycle')
      const report = await runSyncCycle({ db, connection: sameOrigin(), owner, locks: navigator.locks, reconnected: options.reconnected })
      // The statuses just brought up to date may say a plan was issued: the page fetches it, if it can be stored.
      if (vault.state === 'unlocked') await fetchPlans()
      return report
    } finally {
      syncing.value = false
    }
  }

  let fetchingPlans: { profileId: string; done: Promise<void> } | undefined

  /**
   * Education plans issued since the last pass, fetched into the unlocked profile's cases in the
   * vault (the page only: the service worker cannot open the vault). Quiet on failure: the next
   * pass tries again. A pass for a profile switched away from is followed by one for the new one.
   */
  function fetchPlans(): Promise<void> {
    const profileId = vault.profileId
    if (!profileId) return Promise.resolve()
    if (fetchingPlans?.profileId === profileId) return fetchingPlans.done
    const done: Promise<void> = (fetchingPlans?.done ?? Promise.resolve())
      .then(async () => {
        const [plans, instance] = await Promise.all([import('../sync/plans'), vault.vault()])
        if (instance.profileId === profileId) await plans.fetchPlans(db, sameOrigin(), plans.pageCaseWriter(instance, navigator.locks), profileId)
      })
      .catch(() => {})
      .finally(() => {
        if (fetchingPlans?.done === done) fetchingPlans = undefined
      })
    fetchingPlans = { profileId, done }
    return done
  }

  // Every cycle, whatever asked for it, sets the next for when what it left queued falls due.
  const schedule = flushSchedule(cycle)

  async function syncNow(options: { reconnected?: boolean } = {}): Promise<void> {
    await schedule.run(options)
  }

  /** Submissions are ready to send: asks the browser to send them even if the app closes, and tries now. */
  async function sendQueued(options: { reconnected?: boolean } = {}): Promise<void> {
    const { requestBackgroundSync } = await import('../sync/background-sync')
    await requestBackgroundSync()
    void syncNow(options)
  }

  /** Queues a submission at once, online or not; before enrolment its checked payload waits in the vault. */
  async function submit(request: Omit<SubmissionRequest, 'profileId'>): Promise<OutboxRow> {
    const [{ enqueueSubmission }, { keepInVaultUntilEnrolled }] = await Promise.all([import('../sync/enqueue'), import('../sync/enrol')])
    const { profileId } = await vault.vault()
    if (!profileId) throw new Error('Unlock the app to send')
    const row = await enqueueSubmission(db, { ...request, profileId }, Date.now(), keepInVaultUntilEnrolled(vault.vault))
    await sendQueued({ reconnected: true })
    return row
  }

  async function retry(id: string): Promise<void> {
    const { requeue } = await import('../sync/enqueue')
    await requeue(db, id)
    await syncNow({ reconnected: true })
  }

  return { rows, receipts, syncing, unsentCount, syncNow, sendQueued, submit, retry, fetchPlans }
})
