import { computed, onScopeDispose, reactive, watchEffect, type Ref } from 'vue'

/** Forms that hold input not yet saved. An app update waits until this is empty. */
const formsWithUnsavedInput = reactive(new Set<symbol>())

export const hasUnsavedInput = computed(() => formsWithUnsavedInput.size > 0)

/** A form declares whether it holds unsaved input, for as long as it is on screen. */
export function useUnsavedInput(isUnsaved: Ref<boolean>): void {
  const form = Symbol('form')
  watchEffect(() => {
    if (isUnsaved.value) formsWithUnsavedInput.add(form)
    else formsWithUnsavedInput.delete(form)
  })
  onScopeDispose(() => formsWithUnsavedInput.delete(form))
}
