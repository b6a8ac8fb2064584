import { ref } from 'vue'
import type { FieldError } from '../../components/ErrorSummary.vue'
import { setPageTitle } from '../../composables/page-title'
import { useFormErrors } from '../../composables/useFormErrors'

/** What the passphrase forms share: errors shown GOV.UK-style, and a busy state while keys are derived. */
export function usePassphraseForm(title: string) {
  const { errors, shown, errorFor, showErrors } = useFormErrors(title)
  const busy = ref(false)
  setPageTitle(title)

  /** Runs the work with the button disabled; a thrown error becomes the message for fieldId. */
  async function submit(work: () => Promise<void>, messageFor: (error: unknown) => FieldError | undefined): Promise<void> {
    if (busy.value) return
    busy.value = true
    try {
      await work()
      errors.value = []
    } catch (error) {
      const problem = messageFor(error)
      if (!problem) throw error
      showErrors([problem])
    } finally {
      busy.value = false
    }
  }

  return { errors, shown, busy, errorFor, showErrors, submit }
}
