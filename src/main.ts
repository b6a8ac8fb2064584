import './styles/main.scss'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { requestPersistentStorage } from './composables/useStorageStatus'
import { router } from './router'
import { useContentStore } from './stores/content'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const app = createApp(App).use(createPinia()).use(router)
app.mount('#app')

const content = useContentStore()
const refreshWhenOnline = () => {
  if (navigator.onLine) void content.refresh()
}
void content.ensureLoaded().then(() => {
  // Work the first screen does not need waits until the browser is idle.
  const whenIdle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 1))
  whenIdle(() => {
    refreshWhenOnline()
    void requestPersistentStorage().catch(() => {})
  })
})
window.addEventListener('online', refreshWhenOnline)
