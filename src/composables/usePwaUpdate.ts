import { useRegisterSW } from 'virtual:pwa-register/vue'
import { ref, watch } from 'vue'
import { hasUnsavedInput } from './useUnsavedInput'

const HOURLY = 60 * 60 * 1000

/**
 * The service worker's life: registration, update checks (when the app becomes visible and
 * hourly while online), and a reload that the user asks for and that never happens while
 * a form holds unsaved input: it waits for the form to be saved or left.
 */
export function usePwaUpdate() {
  const waitingForForm = ref(false)
  let reloadWhenFormLeft = false
  let registered: ServiceWorkerRegistration | undefined
  // The version the user said "Not now" to: workbox-window can announce one waiting worker
  // twice (as installed, then 200 ms later as waiting), and a dismissal must hold for it.
  let dismissed: ServiceWorker | null = null

  const { needRefresh, updateServiceWorker } = useRegisterSW({
    immediate: true,
    // The new version has taken over, perhaps from another tab: reload this one only when
    // nothing typed here can be lost.
    onNeedReload() {
      if (hasUnsavedInput.value) reloadWhenFormLeft = true
      else window.location.reload()
    },
    onNeedRefresh() {
      if (dismissed && registered?.waiting === dismissed) needRefresh.value = false
    },
    onRegisteredSW(_url, registration) {
      if (!registration) return
      registered = registration
      const check = () => {
        if (navigator.onLine && registration.installing === null) void registration.update().catch(() => {})
      }
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check()
      })
      setInterval(check, HOURLY)
    },
  })

  function applyUpdate(): void {
    if (hasUnsavedInput.value) {
      waitingForForm.value = true
      return
    }
    void updateServiceWorker(true)
  }

  watch(hasUnsavedInput, (unsaved) => {
    if (unsaved) return
    if (reloadWhenFormLeft) window.location.reload()
    else if (waitingForForm.value) void updateServiceWorker(true)
  })

  function dismiss(): void {
    needRefresh.value = false
    waitingForForm.value = false
    dismissed = registered?.waiting ?? null
  }

  return { needRefresh, waitingForForm, applyUpdate, dismiss }
}
