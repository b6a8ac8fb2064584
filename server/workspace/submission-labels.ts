import type { PermanentExclusionPayload, SubmissionKind, SubmissionStatus } from '../../src/domain/submissions'

/** A submission's status in the workspace's words. */
export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  received: 'Received',
  'forum-date-set': 'Forum date set',
  'plan-issued': 'Plan issued',
  'outcome-recorded': 'Outcome recorded',
}

/** GOV.UK tag colours: waiting is blue, under way light blue, done green. */
export const STATUS_TAG_CLASSES: Record<SubmissionStatus, string> = {
  received: 'govuk-tag--blue',
  'forum-date-set': 'govuk-tag--light-blue',
  'plan-issued': 'govuk-tag--green',
  'outcome-recorded': 'govuk-tag--green',
}

/**
 * What can be recorded as a notice's outcome. The device shows it, unencrypted, on the
 * receipt, so it is a fixed choice and never free text that could name a child. A permanent
 * exclusion has none here: it is worked as a case with its steps.
 */
export const OUTCOMES: Record<SubmissionKind, readonly string[]> = {
  'forum-case': [],
  suspension: ['Noted', 'Contact made to discuss support'],
  'permanent-exclusion': [],
  'permanent-exclusion-update': ['Noted'],
}

/** A pupil's special educational needs as the app asked about them, on a case and on a submission's record. */
export const SEN_LABELS: Record<PermanentExclusionPayload['sen'], string> = {
  none: 'None',
  'sen-support': 'SEN support',
  ehcp: 'Education, health and care plan',
}
