import { nextTick, ref } from 'vue'
import type { FieldError } from '../../components/ErrorSummary.vue'
import type ErrorSummary from '../../components/ErrorSummary.vue'
import { setPageTitle } from '../../composables/page-title'

/** What the passphrase forms share: errors shown GOV.UK-style, and a busy state while keys are derived. */
export function usePassphraseForm(title: string) {
  const errors = ref<FieldError[]>([])
  const busy = ref(false)
  const errorSummary = ref<InstanceType<typeof ErrorSummary>>()
  setPageTitle(title)

  const errorFor = (fieldId: string) => errors.value.find((error) => error.fieldId === fieldId)?.message

  async function showErrors(problems: FieldError[]): Promise<void> {
    errors.value = problems
    setPageTitle(title, problems.length > 0)
    await nextTick()
    if (problems.length > 0) errorSummary.value?.focus()
  }

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
      await showErrors([problem])
    } finally {
      busy.value = false
    }
  }

  return { errors, busy, errorSummary, errorFor, showErrors, submit }
}
