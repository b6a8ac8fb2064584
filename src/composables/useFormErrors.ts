import { ref, toValue, type MaybeRefOrGetter } from 'vue'
import type { FieldError } from '../components/ErrorSummary.vue'
import { setPageTitle } from './page-title'

/**
 * A form's errors shown the GOV.UK way: `showErrors` puts them in the summary (which moves
 * focus to itself each time they are shown: bind `shown`) and beside each field (`errorFor`),
 * and starts the page title with "Error: " while there are any.
 */
export function useFormErrors(title: MaybeRefOrGetter<string>) {
  const errors = ref<FieldError[]>([])
  const shown = ref(0)

  const errorFor = (fieldId: string) => errors.value.find((error) => error.fieldId === fieldId)?.message

  /** Answers whether there were any. */
  function showErrors(next: FieldError[]): boolean {
    errors.value = next
    setPageTitle(toValue(title), next.length > 0)
    if (next.length > 0) shown.value++
    return next.length > 0
  }

  return { errors, shown, errorFor, showErrors }
}
