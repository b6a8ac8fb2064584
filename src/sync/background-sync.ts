/** The Background Sync tag the page registers and the service worker answers. */
export const OUTBOX_SYNC_TAG = 'outbox'

/** Chromium sends with the app closed through Background Sync; elsewhere the page sends when next opened. */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.ready) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
    await registration?.sync?.register(OUTBOX_SYNC_TAG)
  } catch {
    // Not supported, or not allowed: the page's own triggers send it.
  }
}

/** The Periodic Background Sync tag: new content and statuses fetched with the app closed. */
export const REFRESH_SYNC_TAG = 'refresh'
/** Chromium decides how often, by how much the app is used; at most twice a day is asked. */
const REFRESH_EVERY_MS = 12 * 60 * 60 * 1000

type PeriodicSyncRegistration = ServiceWorkerRegistration & { periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> } }

/**
 * Where the browser offers Periodic Background Sync (Chromium, for an installed app it has
 * granted it to), asks it to wake the service worker now and then to fetch new content and
 * statuses. Elsewhere the page fetches them when opened, shown and every few minutes.
 */
export async function requestPeriodicRefresh(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.ready) as PeriodicSyncRegistration | undefined
    if (!registration?.periodicSync) return
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName })
    if (permission.state === 'granted') await registration.periodicSync.register(REFRESH_SYNC_TAG, { minInterval: REFRESH_EVERY_MS })
  } catch {
    // Not supported, or not allowed: the page's own triggers fetch them.
  }
}
