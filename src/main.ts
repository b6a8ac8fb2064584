import './styles/main.scss'
import { createPinia } from 'pinia'
import { createApp, createSSRApp } from 'vue'
import App from './App.vue'
import { createBrowserRouter } from './router'
import { whenIdle } from './composables/when-idle'
import { useContentStore } from './stores/content'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const root = document.getElementById('app')!
// A page prerendered at build time already shows its content: the app takes it over
// (hydrates) rather than drawing it again. Any other address gets the empty shell.
const prerendered = root.firstElementChild !== null
const router = createBrowserRouter()
const app = (prerendered ? createSSRApp(App) : createApp(App)).use(createPinia()).use(router)
const content = useContentStore()
// Mount once the first page's code is here, so the header and footer do not jump when it arrives.
await router.isReady()
// A prerendered page that shows the reference content is hydrated with the copy it was
// built from (preloaded with the page); the device's own follows, if newer.
if (prerendered && router.currentRoute.value.meta.content) {
  content.useBundled((await import('./domain/default-content/default-content')).defaultContent)
}
app.mount(root)

// New content reaches the device with nothing for the user to do: on start, when the
// connection or the app comes back, and every half hour while the app is in view. A check
// costs one small request (304 when nothing changed), at most every few minutes.
const CHECK_EVERY_MS = 30 * 60_000
const CHECK_AT_MOST_EVERY_MS = 5 * 60_000
function refreshWhenOnline(): void {
  const checked = content.lastChecked?.getTime()
  if (navigator.onLine && (checked === undefined || Date.now() - checked >= CHECK_AT_MOST_EVERY_MS)) void content.refresh()
}
whenIdle(() => {
  // The device's own content (newer than this release's, if the service published one), and
  // a newer version from the service when online. Pages without the bundled content in
  // their HTML load it themselves, at once.
  if (navigator.onLine) void content.refresh()
  else void content.ensureLoaded()
  // Loaded here, not with the first page: nothing of them is needed before the browser is idle.
  void import('./composables/useStorageStatus').then(({ requestPersistentStorage }) => requestPersistentStorage()).catch(() => {})
  void import('./sync/background-sync').then(({ requestPeriodicRefresh }) => requestPeriodicRefresh())
  window.addEventListener('online', () => void (navigator.onLine && content.refresh()))
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refreshWhenOnline())
  setInterval(() => document.visibilityState === 'visible' && refreshWhenOnline(), CHECK_EVERY_MS)
})
