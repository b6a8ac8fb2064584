import { useEventListener, useTimeoutFn } from '@vueuse/core'
import { computed, onBeforeUnmount, onScopeDispose, ref, shallowRef, toRaw, watch, type Ref } from 'vue'
import { VaultLockedError, type RecordMeta } from '../db/vault'
import { useVaultStore } from '../stores/vault'
import { useUnsavedInput } from './useUnsavedInput'

/** Typing stops, and within this the draft is on disk. */
export const AUTOSAVE_DELAY_MS = 300

// One edit lock per record per tab, held while any page of this tab has the record open.
const heldLocks = new Map<string, { users: number; release: () => void }>()

/** A Web Lock for the record: a second tab or window gets none and shows the record read-only. */
async function acquireEditLock(id: string): Promise<boolean> {
  const held = heldLocks.get(id)
  if (held) {
    held.users++
    return true
  }
  if (!navigator.locks) return true
  return new Promise<boolean>((resolve) => {
    void navigator.locks.request(`record:${id}`, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false)
        return undefined
      }
      return new Promise<void>((release) => {
        heldLocks.set(id, { users: 1, release })
        resolve(true)
      })
    })
  })
}

function releaseEditLock(id: string): void {
  const held = heldLocks.get(id)
  if (!held) return
  held.users--
  // A moment's grace: the next page of the same record takes the lock over without a gap.
  setTimeout(() => {
    if (held.users > 0 || heldLocks.get(id) !== held) return
    heldLocks.delete(id)
    held.release()
  }, 1000)
}

export type SaveState = 'loading' | 'saved' | 'saving' | 'failed' | 'missing'

/**
 * A record of personal data being edited: loaded through the vault, saved through it
 * AUTOSAVE_DELAY_MS after typing stops, and at once when the page is hidden, left or
 * locked. A failed save is shown and retried, and what was typed stays in the form.
 */
export function useAutosave<T extends object>(id: Ref<string>, kind: string) {
  const vault = useVaultStore()
  const model = ref<T>() as Ref<T | undefined>
  const meta = shallowRef<RecordMeta>()
  const state = ref<SaveState>('loading')
  const savedAt = ref<Date>()
  const readOnly = ref(false)
  let pending = false
  let saving: Promise<void> | undefined
  let lockedId: string | undefined

  async function load(): Promise<void> {
    state.value = 'loading'
    const instance = await vault.vault()
    let record: Awaited<ReturnType<typeof instance.get<T>>>
    try {
      record = await instance.get<T>(id.value)
    } catch (error) {
      // Locked while loading (after a submit, say): the lock screen takes the page's place, and unlocking loads it again.
      if (error instanceof VaultLockedError) return
      throw error
    }
    if (!record) {
      state.value = 'missing'
      return
    }
    lockedId = id.value
    readOnly.value = !(await acquireEditLock(id.value))
    meta.value = record
    model.value = record.data
    pending = false
    state.value = 'saved'
  }

  async function save(): Promise<void> {
    if (!pending || readOnly.value || !meta.value || model.value === undefined) return
    pending = false
    state.value = 'saving'
    try {
      const instance = await vault.vault()
      // No status given: the vault keeps the stored one, which the outbox may have moved on.
      meta.value = await instance.put({ id: meta.value.id, kind }, structuredClone(toRaw(model.value)))
      savedAt.value = new Date()
      state.value = pending ? 'saving' : 'saved'
    } catch {
      pending = true
      state.value = 'failed'
    }
  }

  const saveSoon = useTimeoutFn(() => void flush(), AUTOSAVE_DELAY_MS, { immediate: false })

  /** Saves now: what was typed is on disk when this resolves. */
  async function flush(): Promise<void> {
    saveSoon.stop()
    while (saving) await saving
    saving = save().finally(() => (saving = undefined))
    await saving
  }

  watch(
    model,
    (_value, old) => {
      if (old === undefined) return // the load itself
      pending = true
      state.value = 'saving'
      saveSoon.start()
    },
    { deep: true },
  )

  const flushNow = () => void flush()
  const whenHidden = () => {
    if (document.visibilityState === 'hidden') flushNow()
  }
  useEventListener(window, 'pagehide', flushNow)
  useEventListener(document, 'visibilitychange', whenHidden)
  let stopFlushingOnLock: (() => void) | undefined
  void vault.onBeforeLock(flush).then((stop) => (stopFlushingOnLock = stop))

  useUnsavedInput(computed(() => state.value === 'saving' || state.value === 'failed'))

  onBeforeUnmount(flushNow)
  onScopeDispose(() => {
    stopFlushingOnLock?.()
    if (lockedId && !readOnly.value) releaseEditLock(lockedId)
  })

  watch(id, () => void load(), { immediate: true })

  return { model, meta, state, savedAt, readOnly, flush, reload: load }
}
