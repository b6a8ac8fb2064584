import type { FieldError } from '../../components/ErrorSummary.vue'
import type { NoticeProblem } from '../../domain/notice-pupil'

/** A notice's problems for the error summary: the sender's details are fixed in Settings, so that link goes there. */
export function noticeErrors(problems: readonly NoticeProblem[]): FieldError[] {
  return problems.map((problem) => ({ fieldId: problem.field, message: problem.message, ...(problem.field === 'referrer' ? { to: '/settings/your-details' } : {}) }))
}
