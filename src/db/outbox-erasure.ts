/**
 * Removing a profile erases what it queued, and nothing of it may be sent once the user has
 * confirmed, by this tab's flusher, another tab's or the service worker's. Rather than have
 * each flusher read IndexedDB before every send, the eraser gives word on a BroadcastChannel,
 * which reaches every flusher of the origin, this tab's too: it stops before its next send and
 * abandons the request on the wire. The eraser then waits for the Web Lock OUTBOX_LOCK, which
 * a flusher holds while it sends, so that when the erasure commits no flusher is sending. A
 * flusher that opened its channel just too late to hear finds the eraser waiting for the lock
 * (erasureWaiting) before its next pass. Where there are no Web Locks (not a secure context),
 * the erasure commits at once, and the word alone stops flushers.
 */
export const OUTBOX_LOCK = 'outbox'
const CHANNEL = 'outbox-erasure'

export interface ErasureWatch {
  /** Aborted when an erasure is announced: stop sending, and let go of the lock. */
  signal: AbortSignal
  close(): void
}

/** Started before a flusher asks for the lock, so that no erasure announced while it waits goes unheard. */
export function watchOutboxErasure(): ErasureWatch {
  const controller = new AbortController()
  const channel = new BroadcastChannel(CHANNEL)
  channel.addEventListener('message', () => controller.abort())
  return { signal: controller.signal, close: () => channel.close() }
}

/** Announces the erasure to every flusher, then runs it once none is sending. */
export async function eraseOutboxWith<T>(erase: () => Promise<T>, locks: LockManager | undefined = globalThis.navigator?.locks): Promise<T> {
  const channel = new BroadcastChannel(CHANNEL)
  channel.postMessage('erasing')
  channel.close()
  return locks ? locks.request(OUTBOX_LOCK, erase) : erase()
}

/** An eraser waits for the lock: flushers never queue for it (they ask only if it is free). */
export async function erasureWaiting(locks: LockManager | undefined): Promise<boolean> {
  if (!locks) return false
  const { pending = [] } = await locks.query()
  return pending.some(({ name }) => name === OUTBOX_LOCK)
}
