/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { AppDatabase } from '../db/database'
import { SHELL_FILE } from '../domain/app-pages'
import { sameOrigin } from '../sync/api-client'
import { readStoredContent } from '../db/content-repository'
import { refreshContentWith } from '../content/refresh'
import { checkContent } from '../domain/content-schema'
import { OUTBOX_SYNC_TAG, REFRESH_SYNC_TAG } from '../sync/background-sync'
import { runSyncCycle } from '../sync/cycle'
import { refreshStatuses } from '../sync/status'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] }

// Every built file, versioned by the build. Only these are served from the cache; /api/ is
// never in the precache, so it always goes to the network. A prerendered page answers its
// own address (Workbox's cleanURLs: /which-forum is which-forum.html), online or not.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// Every other navigation gets the app shell, so any route opens offline. The intake
// service's own pages and API are never answered with the app.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL(SHELL_FILE), {
    denylist: [/^\/api(\/|$)/, /^\/admin(\/|$)/, /^\/workspace(\/|$)/],
  }),
)

// An update waits until the user agrees to reload (registerType: prompt).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})

// The first install takes control at once, so the first visit already works offline.
clientsClaim()

// Chromium's Background Sync: the outbox is sent when the connection returns, even with the
// app closed. The same sync cycle as the page's (send, statuses, purge); what is still waiting
// at the end asks the browser to try again. The browser's retry comes minutes later, so within
// the event a submission whose backoff ends soon (a service back after a short outage) is tried
// again then. Chromium ends a sync event after about three minutes: one minute stays well inside.
const SYNC_EVENT_BUDGET_MS = 60_000

interface SyncEvent extends ExtendableEvent {
  readonly tag: string
}
self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== OUTBOX_SYNC_TAG) return
  event.waitUntil(
    (async () => {
      const db = new AppDatabase()
      try {
        const report = await runSyncCycle({
          db,
          connection: sameOrigin(),
          owner: `worker-${crypto.randomUUID()}`,
          locks: navigator.locks,
          // The browser fires sync when the connection is back: the first flush is a reconnection.
          reconnected: true,
          retryWithinMs: SYNC_EVENT_BUDGET_MS,
        })
        if (report.nextAttemptAt !== undefined) throw new Error('Some submissions are waiting to be tried again')
      } finally {
        db.close()
      }
    })(),
  )
}) as EventListener)

// Periodic Background Sync, where the browser grants it: new content and the Inclusion
// Service's word on each submission arrive with the app closed, so a tablet opened in a
// meeting with no signal already has them. Content the device has never stored is left to
// the page, which stores this release's first.
self.addEventListener('periodicsync', ((event: SyncEvent) => {
  if (event.tag !== REFRESH_SYNC_TAG) return
  event.waitUntil(
    (async () => {
      const db = new AppDatabase()
      try {
        await refreshStatuses(db, sameOrigin())
        const stored = await readStoredContent(db)
        if (stored) await refreshContentWith(checkContent, db, { content: stored.content, ...(stored.etag ? { etag: stored.etag } : {}), stored: true })
      } finally {
        db.close()
      }
    })(),
  )
}) as EventListener)
