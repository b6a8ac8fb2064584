import type { Receipt } from '../../db/database'

/** A case's place in its life, for lists and the case page. */
export function caseStatusText(status: string, receipt?: Receipt): { text: string; tag: string } {
  if (status === 'draft') return { text: 'Draft', tag: 'govuk-tag--grey' }
  if (status === 'submitted') return { text: 'Waiting to send', tag: 'govuk-tag--yellow' }
  if (receipt?.status === 'forum-date-set' && receipt.forumDate) return { text: `Forum on ${receipt.forumDate}`, tag: 'govuk-tag--blue' }
  if (receipt?.status === 'plan-issued') return { text: 'Plan issued', tag: 'govuk-tag--green' }
  return { text: receipt ? `Sent: ${receipt.reference}` : 'Sent', tag: 'govuk-tag--green' }
}
