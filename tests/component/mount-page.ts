import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, getActivePinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import { nextTick, type Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '../../src/router'

/**
 * Mounts a page as the app does: with a new Pinia, the real routes and content from IndexedDB
 * (fake-indexeddb); with `ready`, once it finds what the page renders after loading.
 */
export async function mountPage(page: Component, path = '/', ready?: (wrapper: VueWrapper) => boolean) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(page, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await (ready ? until(wrapper, ready) : settle())
  return wrapper
}

async function until(wrapper: VueWrapper, ready: (wrapper: VueWrapper) => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!ready(wrapper)) throw new Error('The page has not loaded what it shows yet')
  }, 10_000)
}

/** What a user action changed, rendered: pending promises settled and Vue's updates flushed (no waiting on the clock). */
export async function settle(): Promise<void> {
  await flushPromises()
  await nextTick()
}

/** Mounts a page with its props in the active Pinia, once `ready` finds what it renders after loading its record. */
export async function mountWithProps(page: Component, path: string, props: Record<string, string>, ready = (wrapper: VueWrapper) => wrapper.find('form').exists()) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(page, { props, global: { plugins: [getActivePinia()!, router] }, attachTo: document.body })
  await until(wrapper, ready)
  return wrapper
}
