/**
 * Renders a page to HTML at build time (scripts/prerender.ts), with the content the app
 * ships with. The browser then hydrates it: same components, same content, same markup.
 */
import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { renderToString } from 'vue/server-renderer'
import App from './App.vue'
import { pageTitle } from './composables/page-title'
import { defaultContent } from './domain/default-content/default-content'
import { createAppRouter } from './router'
import { useContentStore } from './stores/content'

export interface RenderedPage {
  html: string
  /** The whole title, as the browser shows it. */
  title: string
  /** The source modules the page rendered with: their chunks are preloaded with the page. */
  modules: string[]
  /** Rendered from the bundled content, which the browser then needs to hydrate it. */
  usesContent: boolean
}

export async function renderPage(path: string): Promise<RenderedPage> {
  const pinia = createPinia()
  const router = createAppRouter(createMemoryHistory())
  const app = createSSRApp(App).use(pinia).use(router)
  useContentStore(pinia).useBundled(defaultContent)
  await router.push(path)
  await router.isReady()
  const context: { modules?: Set<string>; title?: string } = {}
  const html = await renderToString(app, context)
  return { html, title: pageTitle(context.title ?? router.currentRoute.value.meta.title), modules: [...(context.modules ?? [])], usesContent: router.currentRoute.value.meta.content === true }
}
