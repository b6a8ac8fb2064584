import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { useOutboxSync } from '../../src/composables/useOutboxSync'
import { appDatabase } from '../../src/db/database'
import { useEnrolmentStore } from '../../src/stores/enrolment'
import { useOutboxStore } from '../../src/stores/outbox'
import { useVaultStore } from '../../src/stores/vault'

// When the page asks for a sync cycle; the cycle itself is tested against the real service.
const MINUTE = 60_000

let wrapper: VueWrapper
let outbox: ReturnType<typeof useOutboxStore>
let device: ReturnType<typeof useEnrolmentStore>
let vault: ReturnType<typeof useVaultStore>

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(async () => {
  // Only the minute pass runs on the test's clock: IndexedDB keeps its own timers.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
  await appDatabase().enrolment.clear()
  const pinia = createPinia()
  setActivePinia(pinia)
  outbox = useOutboxStore()
  device = useEnrolmentStore()
  vault = useVaultStore()
  outbox.syncNow = vi.fn(async () => {})
  outbox.sendQueued = vi.fn(async () => {})
  device.sealWaiting = vi.fn(async () => 2)
  const Host = defineComponent({
    setup() {
      useOutboxSync()
      return () => null
    },
  })
  wrapper = mount(Host, { global: { plugins: [pinia] } })
})
afterEach(() => {
  wrapper.unmount()
  Reflect.deleteProperty(document, 'visibilityState')
  vi.useRealTimers()
})

describe('the page’s part in sending', () => {
  it('syncs on start as a reconnection, again when the connection returns, and when shown', () => {
    expect(outbox.syncNow).toHaveBeenCalledExactlyOnceWith({ reconnected: true })
    window.dispatchEvent(new Event('online'))
    expect(outbox.syncNow).toHaveBeenLastCalledWith({ reconnected: true })
    setVisibility('hidden')
    expect(outbox.syncNow).toHaveBeenCalledTimes(2)
    setVisibility('visible')
    expect(outbox.syncNow).toHaveBeenCalledTimes(3)
    expect(outbox.syncNow).toHaveBeenLastCalledWith()
  })

  it('syncs every minute while shown, and stops when the app is gone', () => {
    vi.advanceTimersByTime(MINUTE)
    expect(outbox.syncNow).toHaveBeenCalledTimes(2)
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    vi.advanceTimersByTime(MINUTE)
    expect(outbox.syncNow).toHaveBeenCalledTimes(2)
    Reflect.deleteProperty(document, 'visibilityState')
    wrapper.unmount()
    vi.advanceTimersByTime(MINUTE)
    window.dispatchEvent(new Event('online'))
    expect(outbox.syncNow).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('seals what waited for enrolment once enrolled and unlocked, then sends it', async () => {
    await appDatabase().enrolment.put({
      key: 'device',
      token: 'token',
      deviceId: 'device-1',
      setting: { id: 'setting-1', name: 'Ashby Primary', urn: '123456', phase: 'primary' },
      sealingKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
      enrolledAt: Date.now(),
    })
    await vi.waitFor(() => expect(device.enrolment?.deviceId).toBe('device-1'))
    expect(device.sealWaiting).not.toHaveBeenCalled() // locked: the kept payloads cannot be read
    vault.state = 'unlocked'
    await vi.waitFor(() => expect(outbox.sendQueued).toHaveBeenCalledOnce())
    expect(device.sealWaiting).toHaveBeenCalledOnce()
  })
})
