import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LoadedContent, RefreshOutcome } from '../content/loader'
import type { Content, Forum, Service } from '../domain/content-schema'
import type { ForumId } from '../domain/forums'

/** The reference content, loaded once from the device and refreshed from the service when online. */
export const useContentStore = defineStore('content', () => {
  const loaded = shallowRef<LoadedContent>()
  const lastChecked = ref<Date>()
  /** The version the service last sent this device while the app ran: the next page says so. */
  const arrived = ref<string>()
  let loading: Promise<void> | undefined

  const content = computed<Content | undefined>(() => loaded.value?.content)
  const servicesById = computed(() => new Map((content.value?.services ?? []).map((service) => [service.id, service])))

  // The loader brings Dexie with it: loaded on demand, so the first paint does not wait for it.
  const loader = () => import('../content/loader')

  function ensureLoaded(): Promise<void> {
    loading ??= loader()
      .then(async ({ loadContent, appDatabase }) => {
        const next = await loadContent(appDatabase())
        // The same version as the page was built with: keep the objects already on screen,
        // so a prerendered page is not rendered a second time for nothing.
        const showing = loaded.value?.content
        loaded.value = showing?.version === next.content.version ? { ...next, content: showing } : next
      })
      .catch((error: unknown) => {
        loading = undefined // the next page to ask tries again
        throw error
      })
    return loading
  }

  /**
   * Content to show now: a prerendered page already has the bundled copy (the device's own
   * follows when the browser is idle, main.ts); any other page loads the device's at once.
   */
  function ensureContent(): Promise<void> {
    return content.value ? Promise.resolve() : ensureLoaded()
  }

  /**
   * The content this release ships with, until the device's own is read: a prerendered page
   * hydrates with exactly what it was built from.
   */
  function useBundled(bundled: Content): void {
    loaded.value ??= { content: bundled, stored: false }
  }

  /** Asks the service for newer content; the outcome says whether it could be reached. */
  async function refresh(): Promise<RefreshOutcome> {
    await ensureLoaded()
    const { refreshContent, appDatabase } = await loader()
    const { outcome, loaded: next } = await refreshContent(appDatabase(), loaded.value!)
    loaded.value = next
    if (outcome === 'updated') arrived.value = next.content.version
    if (outcome !== 'unavailable') lastChecked.value = new Date()
    return outcome
  }

  function forum(id: ForumId): Forum | undefined {
    return content.value?.forums.find((candidate) => candidate.id === id)
  }

  function service(id: string): Service | undefined {
    return servicesById.value.get(id)
  }

  return { loaded, content, lastChecked, arrived, ensureLoaded, ensureContent, useBundled, refresh, forum, service }
})
