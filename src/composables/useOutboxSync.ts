import { useEventListener, useIntervalFn } from '@vueuse/core'
import { watch } from 'vue'
import { useEnrolmentStore } from '../stores/enrolment'
import { useOutboxStore } from '../stores/outbox'
import { useVaultStore } from '../stores/vault'

const EVERY_MINUTE = 60_000

/**
 * The page's part in sending: on start, when the connection comes back, when the app is
 * shown again, and every minute while it is open. A submission waiting to be tried again is
 * sent when its backoff ends, by the outbox store's schedule; the minute pass is the net under
 * that, and keeps receipts' statuses fresh. (The service worker sends on `sync`.)
 */
export function useOutboxSync(): void {
  const outbox = useOutboxStore()
  const device = useEnrolmentStore()
  const vault = useVaultStore()
  const sync = () => void outbox.syncNow().catch(() => {})
  const reconnected = () => void outbox.syncNow({ reconnected: true }).catch(() => {})
  const whenVisible = () => {
    if (document.visibilityState === 'visible') sync()
  }

  reconnected()
  useEventListener(window, 'online', reconnected)
  useEventListener(document, 'visibilitychange', whenVisible)
  useIntervalFn(whenVisible, EVERY_MINUTE)

  // A plan issued while the app was locked waited for the vault: it is fetched as soon as it opens.
  watch(
    () => vault.state,
    (state) => {
      if (state === 'unlocked' && navigator.onLine) void outbox.fetchPlans()
    },
  )

  // Submissions queued before enrolment are sealed as soon as their drafts can be read.
  watch(
    () => [vault.state, device.enrolment?.deviceId] as const,
    async ([state, deviceId]) => {
      if (state !== 'unlocked' || !deviceId) return
      if ((await device.sealWaiting()) > 0) await outbox.sendQueued()
    },
  )
}
