import { liveQuery } from 'dexie'
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

/** A Dexie query kept up to date as IndexedDB changes, in this tab or another. */
export function useLiveQuery<T>(query: () => Promise<T> | T, initial: T): ShallowRef<T> {
  const result = shallowRef<T>(initial)
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      result.value = value
    },
    error: () => {
      // IndexedDB unavailable (private browsing in some browsers): keep the initial value.
    },
  })
  onScopeDispose(() => subscription.unsubscribe())
  return result
}
