import { suspensionDays } from '../../src/domain/exclusion-rules'
import { parseIsoDate } from '../../src/domain/dates'
import type { ForumCasePayload, PermanentExclusionPayload, SubmissionKind, SuspensionPayload } from '../../src/domain/submissions'
import type { NewSubmission } from './intake-store'
import { normalisedName, pupilKey } from './pupil-identity'

type PupilPayload = SuspensionPayload['pupil']

/** What the workspace finds and counts a submission by, taken from its payload once, at intake. */
export function searchFacts(kind: SubmissionKind, payload: unknown): Partial<NewSubmission> {
  const facts: Partial<NewSubmission> = {}
  const pupil = (payload as { pupil?: PupilPayload }).pupil ?? (payload as ForumCasePayload).child
  if (pupil) {
    facts.pupilName = normalisedName(pupil.name)
    if ('dateOfBirth' in pupil) facts.pupilKey = pupilKey(pupil)
  }
  if (kind === 'suspension') {
    const { startDate, length } = payload as SuspensionPayload
    facts.eventDate = startDate
    facts.suspensionDays = suspensionDays(length)
  }
  if (kind === 'permanent-exclusion') {
    const { effectiveDate, deadlines } = payload as PermanentExclusionPayload
    facts.eventDate = effectiveDate
    // As the app worked it out on the setting's own calendar: never recomputed here.
    const from = deadlines?.educationFrom
    // 'outside-term-dates' when the setting's calendar did not reach it: no date to list it by.
    if (from && parseIsoDate(from)) facts.educationFrom = from
  }
  return facts
}
