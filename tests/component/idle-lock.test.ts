import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick } from 'vue'
import { ACTIVITY_CHANNEL, useIdleLock } from '../../src/composables/useIdleLock'
import { useSettingsStore } from '../../src/stores/settings'
import { useVaultStore } from '../../src/stores/vault'

// The idle lock on the test's clock: a 2-minute lock time warns from 60 s without use.
const SECOND = 1_000

let wrapper: VueWrapper
let idleLock: ReturnType<typeof useIdleLock>
let vault: ReturnType<typeof useVaultStore>
let settings: ReturnType<typeof useSettingsStore>

beforeEach(async () => {
  vi.useFakeTimers()
  const pinia = createPinia()
  setActivePinia(pinia)
  vault = useVaultStore()
  settings = useSettingsStore()
  settings.ensureLoaded = async () => {}
  settings.lockAfterMinutes = 2
  vault.lock = vi.fn(async () => {
    vault.state = 'locked'
  })
  const Host = defineComponent({
    setup() {
      idleLock = useIdleLock()
      return () => null
    },
  })
  wrapper = mount(Host, { global: { plugins: [pinia] }, attachTo: document.body })
  vault.state = 'unlocked'
  await nextTick()
})
afterEach(() => {
  wrapper.unmount()
  vi.useRealTimers()
})

const touch = () => document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }))

describe('the idle lock', () => {
  it('counts use in another tab of the app as use, since a lock locks every tab', async () => {
    const otherTab = new BroadcastChannel(ACTIVITY_CHANNEL)
    const listener = new BroadcastChannel(ACTIVITY_CHANNEL)
    await vi.advanceTimersByTimeAsync(100 * SECOND)
    expect(idleLock.secondsLeft.value).toBe(20)
    // The other tab was used just now: once its word arrives, this one is no longer idle.
    const arrived = new Promise((resolve) => (listener.onmessage = resolve))
    otherTab.postMessage(Date.now())
    await arrived
    await vi.advanceTimersByTimeAsync(1 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    expect(vault.lock).not.toHaveBeenCalled()
    otherTab.close()
    listener.close()
  })

  it('counts scrolling inside a scrolling box as use', async () => {
    const box = document.createElement('div')
    document.body.append(box)
    await vi.advanceTimersByTimeAsync(50 * SECOND)
    box.dispatchEvent(new Event('scroll')) // scroll does not bubble
    await vi.advanceTimersByTimeAsync(50 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    box.remove()
  })

  it('warns a minute before, counting down, then locks', async () => {
    await vi.advanceTimersByTimeAsync(59 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1 * SECOND)
    expect(idleLock.secondsLeft.value).toBe(60)
    await vi.advanceTimersByTimeAsync(30 * SECOND)
    expect(idleLock.secondsLeft.value).toBe(30)
    expect(vault.lock).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(30 * SECOND)
    expect(vault.lock).toHaveBeenCalledOnce()
    expect(idleLock.secondsLeft.value).toBeUndefined()
  })

  it('counts from the last use, but once the warning shows only "Stay unlocked" keeps the app open', async () => {
    await vi.advanceTimersByTimeAsync(30 * SECOND)
    touch()
    await vi.advanceTimersByTimeAsync(59 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1 * SECOND)
    expect(idleLock.secondsLeft.value).toBe(60)

    touch()
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(idleLock.secondsLeft.value).toBe(50)

    idleLock.stayUnlocked()
    await vi.advanceTimersByTimeAsync(59 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    await vi.advanceTimersByTimeAsync(61 * SECOND)
    expect(vault.lock).toHaveBeenCalledOnce()
  })

  it('follows a lock time changed while the app is open', async () => {
    settings.lockAfterMinutes = 5
    await vi.advanceTimersByTimeAsync(4 * 60 * SECOND - 1)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(idleLock.secondsLeft.value).toBe(60)
  })

  it('locks a tablet that slept past the lock time the moment it wakes', async () => {
    // Asleep, the page's timers do not run; waking is not using the app.
    vi.setSystemTime(Date.now() + 3 * 60 * SECOND)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(vault.lock).toHaveBeenCalledOnce()
  })

  it('stops counting while locked, and starts afresh on unlocking', async () => {
    vault.state = 'locked'
    await vi.advanceTimersByTimeAsync(5 * 60 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    expect(vault.lock).not.toHaveBeenCalled()
    vault.state = 'unlocked'
    await vi.advanceTimersByTimeAsync(59 * SECOND)
    expect(idleLock.secondsLeft.value).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1 * SECOND)
    expect(idleLock.secondsLeft.value).toBe(60)
  })
})
