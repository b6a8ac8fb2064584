import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import { appDatabase, type Enrolment, type OutboxRow, type Receipt } from '../db/database'
import { sameOrigin } from '../sync/api-client'
import type { SubmissionRequest } from '../sync/enqueue'
import type { FlushReport } from '../sync/flush'
import { flushSchedule } from '../sync/schedule'
import { useVaultStore } from './vault'

/** A checked payload kept (encrypted) until the device is enrolled and it can be sealed. */
const PENDING_PAYLOAD = 'pending-payload'

/**
 * The outbox as the pages see it: what is waiting, what needs attention, what was sent.
 * The outbox rows in IndexedDB are the truth; this store only watches them and asks for
 * flushes. It holds nothing personal: bodies are sealed, labels name only the kind.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const db = appDatabase()
  const rows = useLiveQuery(() => db.outbox.orderBy('createdAt').toArray(), [] as OutboxRow[])
  const receipts = useLiveQuery(() => db.receipts.orderBy('sentAt').reverse().toArray(), [] as Receipt[])
  const enrolment = useLiveQuery(() => db.enrolment.get('device'), undefined as Enrolment | undefined)
  const syncing = ref(false)
  const owner = `page-${crypto.randomUUID()}`

  const unsentCount = computed(() => rows.value.length)

  /** Sends what is due, then asks the service how earlier submissions are getting on. */
  async function flushAndRefresh(options: { reconnected?: boolean } = {}): Promise<FlushReport | undefined> {
    if (syncing.value || !navigator.onLine) return undefined
    syncing.value = true
    try {
      const [{ flushOutbox }, { refreshStatuses, purgeSentPayloads }] = await Promise.all([import('../sync/flush'), import('../sync/status')])
      const report = await flushOutbox({ db, connection: sameOrigin(), owner, locks: navigator.locks, reconnected: options.reconnected })
      await refreshStatuses(db, sameOrigin())
      await purgeSentPayloads(db)
      return report
    } finally {
      syncing.value = false
    }
  }

  // Every flush, whatever asked for it, sets the next for when what it left queued falls due.
  const schedule = flushSchedule(flushAndRefresh)

  async function syncNow(options: { reconnected?: boolean } = {}): Promise<void> {
    await schedule.run(options)
  }

  const vault = useVaultStore()

  /** Queues a submission at once, online or not; asks the browser to send it even if the app is closed. */
  async function submit(request: SubmissionRequest): Promise<OutboxRow> {
    const { enqueueSubmission } = await import('../sync/enqueue')
    // Not enrolled yet: the checked payload waits in the vault, encrypted, until it can be sealed.
    const keep = async (id: string, payload: unknown) => void (await (await vault.vault()).put({ id, kind: PENDING_PAYLOAD, status: 'waiting' }, payload))
    const row = await enqueueSubmission(db, request, Date.now(), keep)
    await requestBackgroundSync()
    void syncNow({ reconnected: true })
    return row
  }

  async function retry(id: string): Promise<void> {
    await db.outbox.update(id, { state: 'waiting', nextAttemptAt: Date.now(), updatedAt: Date.now() })
    await syncNow({ reconnected: true })
  }

  async function enrol(code: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const { enrolDevice } = await import('../sync/enrol')
    const outcome = await enrolDevice(db, sameOrigin(), code)
    return outcome.ok ? { ok: true } : outcome
  }

  /** Seals what was queued before enrolment, from the payloads kept in the unlocked vault. */
  async function sealWaiting(): Promise<void> {
    if (!(await db.enrolment.get('device'))) return
    const { sealWaitingForEnrolment } = await import('../sync/enqueue')
    const instance = await vault.vault()
    const payloadOf = async (rowId: string) => (await instance.get(rowId).catch(() => undefined))?.data
    const sealed = await sealWaitingForEnrolment(db, payloadOf)
    for (const meta of await instance.listMeta(PENDING_PAYLOAD)) {
      if (!(await db.outbox.get(meta.id)) || (await db.outbox.get(meta.id))?.body) await instance.delete(meta.id)
    }
    if (sealed > 0) {
      await requestBackgroundSync()
      void syncNow()
    }
  }

  return { rows, receipts, enrolment, syncing, unsentCount, syncNow, submit, retry, enrol, sealWaiting }
})

/** Chromium sends with the app closed through Background Sync; elsewhere the page sends when next opened. */
async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.ready) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
    await registration?.sync?.register('outbox')
  } catch {
    // Not supported, or not allowed: the page's own triggers send it.
  }
}
