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
