import './styles/main.scss'
import { createPinia } from 'pinia'
import { createApp, createSSRApp } from 'vue'
import App from './App.vue'
import { requestPersistentStorage } from './composables/useStorageStatus'
import { createBrowserRouter } from './router'
import { useContentStore } from './stores/content'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const root = document.getElementById('app')!
// A page prerendered at build time already shows its content: the app takes it over
// (hydrates) rather than drawing it again. Any other address gets the empty shell.
const prerendered = root.firstElementChild !== null
const router = createBrowserRouter()
const app = (prerendered ? createSSRApp(App) : createApp(App)).use(createPinia()).use(router)
const content = useContentStore()
if (prerendered) {
  // Hydrated from the content the page was built with; the device's own follows, if newer.
  const [{ defaultContent }] = await Promise.all([import('./domain/default-content/default-content'), router.isReady()])
  content.useBundled(defaultContent)
} else {
  // Mount once the first page's code is here, so the header and footer do not jump when it arrives.
  await router.isReady()
}
app.mount(root)

const refreshWhenOnline = () => {
  if (navigator.onLine) void content.refresh()
}
// Work the first screen does not need waits until the browser is idle. Pages that show
// content load it themselves, at once.
const whenIdle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1))
whenIdle(() => {
  refreshWhenOnline()
  void requestPersistentStorage().catch(() => {})
})
window.addEventListener('online', refreshWhenOnline)
