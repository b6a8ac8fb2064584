import './styles/main.scss'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { requestPersistentStorage } from './composables/useStorageStatus'
import { router } from './router'
import { useContentStore } from './stores/content'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const app = createApp(App).use(createPinia()).use(router)
// Mount once the first page's code is here, so the header and footer do not jump when it arrives.
await router.isReady()
app.mount('#app')

const content = useContentStore()
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
