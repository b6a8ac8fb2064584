import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LoadedContent } from '../content/loader'
import type { Content, Forum, Service } from '../domain/content-schema'
import type { ForumId } from '../domain/forums'

/** The reference content, loaded once from the device and refreshed from the service when online. */
export const useContentStore = defineStore('content', () => {
  const loaded = shallowRef<LoadedContent>()
  const lastChecked = ref<Date>()
  let loading: Promise<void> | undefined

  const content = computed<Content | undefined>(() => loaded.value?.content)
  const servicesById = computed(() => new Map((content.value?.services ?? []).map((service) => [service.id, service])))

  // The loader brings Dexie with it: loaded on demand, so the first paint does not wait for it.
  const loader = () => import('../content/loader')

  function ensureLoaded(): Promise<void> {
    loading ??= loader().then(async ({ loadContent, appDatabase }) => {
      loaded.value = await loadContent(appDatabase())
    })
    return loading
  }

  async function refresh(): Promise<void> {
    await ensureLoaded()
    const { refreshContent, appDatabase } = await loader()
    const { loaded: next } = await refreshContent(appDatabase(), loaded.value!)
    loaded.value = next
    lastChecked.value = new Date()
  }

  function forum(id: ForumId): Forum | undefined {
    return content.value?.forums.find((candidate) => candidate.id === id)
  }

  function service(id: string): Service | undefined {
    return servicesById.value.get(id)
  }

  return { loaded, content, lastChecked, ensureLoaded, refresh, forum, service }
})
