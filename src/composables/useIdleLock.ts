import { tryOnScopeDispose, useEventListener, useIdle, useIntervalFn } from '@vueuse/core'
import { ref, watch } from 'vue'
import { useSettingsStore } from '../stores/settings'
import { useVaultStore } from '../stores/vault'

export const WARNING_SECONDS = 60
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart', 'scroll'] as const
/** Tabs of the app tell each other when they were last used, at most this often. */
const SHARE_ACTIVITY_MS = 15_000
export const ACTIVITY_CHANNEL = 'inclusion-companion-activity'

/**
 * Locks the app after the chosen minutes without use, with a warning a minute before.
 * Time is measured from the last activity, not by a timer's count, so a tablet that slept
 * with the app open is locked the moment it wakes.
 */
export function useIdleLock() {
  const vault = useVaultStore()
  const settings = useSettingsStore()

  const secondsLeft = ref<number>()
  // useIdle's own `idle` flag has a timeout fixed when it starts, and the lock time can change
  // while the app is open: only `lastActive` is used, measured against the current setting.
  const { lastActive } = useIdle(undefined, {
    events: [...ACTIVITY_EVENTS],
    // Waking the tablet is not using the app.
    listenForVisibilityChange: false,
    // Once the warning shows, only "Stay unlocked" keeps the app open: a stray touch should not.
    eventFilter: (noteActivity) => {
      if (secondsLeft.value === undefined) noteActivity()
    },
  })

  function check(): void {
    const limit = settings.lockAfterMinutes * 60_000
    const idle = Date.now() - lastActive.value
    if (idle >= limit) {
      secondsLeft.value = undefined
      void vault.lock()
    } else if (idle >= limit - WARNING_SECONDS * 1000) {
      secondsLeft.value = Math.ceil((limit - idle) / 1000)
    } else {
      secondsLeft.value = undefined
    }
  }

  function stayUnlocked(): void {
    secondsLeft.value = undefined
    lastActive.value = Date.now()
  }

  // useIdle listens on window, where a scroll inside a scrolling box never arrives (scroll does
  // not bubble): reading a long list in one is use too, so catch it on its way down.
  useEventListener(document, 'scroll', () => {
    if (secondsLeft.value === undefined) lastActive.value = Date.now()
  }, { capture: true, passive: true })
  useEventListener(document, 'visibilitychange', check)

  // Every tab locks when one does (stores/vault.ts), so use in any tab is use: a tab left in
  // the background must not lock the one in use. Each tab tells the others when it was last used.
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel(ACTIVITY_CHANNEL) : undefined
  if (tabs) {
    let shared = 0
    watch(lastActive, (at) => {
      if (at - shared < SHARE_ACTIVITY_MS) return
      shared = at
      tabs.postMessage(at)
    })
    useEventListener(tabs, 'message', (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'number' && event.data > lastActive.value && event.data <= Date.now()) lastActive.value = event.data
    })
    tryOnScopeDispose(() => tabs.close())
  }
  const ticker = useIntervalFn(check, 1000, { immediate: false })

  watch(
    () => vault.state === 'unlocked',
    (unlocked) => {
      ticker.pause()
      secondsLeft.value = undefined
      if (!unlocked) return
      void settings.ensureLoaded()
      lastActive.value = Date.now()
      ticker.resume()
    },
    { immediate: true },
  )

  return { secondsLeft, stayUnlocked }
}
