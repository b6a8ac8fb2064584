import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '../../src/router'

/** Mounts a page as the app does: with Pinia, the real routes and content from IndexedDB (fake-indexeddb). */
export async function mountPage(page: Component, path = '/') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(page, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await settle()
  return wrapper
}

/** Content loads through dynamic imports and IndexedDB: wait for both. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
