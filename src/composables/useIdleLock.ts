import { onScopeDispose, ref, watch } from 'vue'
import { useSettingsStore } from '../stores/settings'
import { useVaultStore } from '../stores/vault'

export const WARNING_SECONDS = 60
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart', 'scroll'] as const

/**
 * Locks the app after the chosen minutes without use, with a warning a minute before.
 * Time is measured from the last activity, not by a timer's count, so a tablet that slept
 * with the app open is locked the moment it wakes.
 */
export function useIdleLock() {
  const vault = useVaultStore()
  const settings = useSettingsStore()

  const secondsLeft = ref<number>()
  let lastActivity = Date.now()
  let ticker: ReturnType<typeof setInterval> | undefined

  const noteActivity = () => {
    // Once the warning shows, only "Stay unlocked" keeps the app open: a stray touch should not.
    if (secondsLeft.value === undefined) lastActivity = Date.now()
  }

  function check(): void {
    const limit = settings.lockAfterMinutes * 60_000
    const idle = Date.now() - lastActivity
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
    lastActivity = Date.now()
  }

  for (const event of ACTIVITY_EVENTS) document.addEventListener(event, noteActivity, { capture: true, passive: true })
  document.addEventListener('visibilitychange', check)

  watch(
    () => vault.state === 'unlocked',
    (unlocked) => {
      clearInterval(ticker)
      secondsLeft.value = undefined
      if (!unlocked) return
      void settings.ensureLoaded()
      lastActivity = Date.now()
      ticker = setInterval(check, 1000)
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    clearInterval(ticker)
    for (const event of ACTIVITY_EVENTS) document.removeEventListener(event, noteActivity, { capture: true })
    document.removeEventListener('visibilitychange', check)
  })

  return { secondsLeft, stayUnlocked }
}
