import type { FieldProblem } from './checked-payload'
import { EMPTY_DATE, parseDateParts, type DateParts } from './date-input'
import type { YearGroup } from './school-year'

/** A problem on a notice, by the id of the field it is about. */
export type NoticeProblem = FieldProblem

/** The pupil and the reasons: what suspension and permanent exclusion notices both ask. */
export interface NoticePupil {
  pupil: { name: string; dateOfBirth: DateParts; yearGroup: YearGroup | ''; upn: string }
  reasonCodes: string[]
  description: string
  sen: '' | 'none' | 'sen-support' | 'ehcp'
  childInNeed: boolean
  childProtectionPlan: boolean
  lookedAfter: boolean
}

export function emptyNoticePupil(): NoticePupil {
  return {
    pupil: { name: '', dateOfBirth: { ...EMPTY_DATE }, yearGroup: '', upn: '' },
    reasonCodes: [],
    description: '',
    sen: '',
    childInNeed: false,
    childProtectionPlan: false,
    lookedAfter: false,
  }
}

/** The pupil's part of a notice's payload, or what is missing from it. */
export function noticePupilPart(answers: NoticePupil, listVersion: string) {
  const problems: NoticeProblem[] = []
  const problem = (field: string, message: string) => problems.push({ field, message })
  if (!answers.pupil.name.trim()) problem('pupilName', 'Enter the pupil’s name')
  const dateOfBirth = parseDateParts(answers.pupil.dateOfBirth, 'Date of birth')
  if (dateOfBirth.kind === 'empty') problem('pupilDateOfBirth', 'Enter the pupil’s date of birth')
  if (dateOfBirth.kind === 'error') problem('pupilDateOfBirth', dateOfBirth.message)
  if (!answers.pupil.yearGroup) problem('pupilYearGroup', 'Select the pupil’s year group')
  if (answers.reasonCodes.length === 0) problem('reasonCodes', 'Select at least one reason')
  if (answers.reasonCodes.length > 3) problem('reasonCodes', 'Select no more than three reasons')
  if (!answers.description.trim()) problem('description', 'Describe what happened')
  if (!answers.sen) problem('sen', 'Select the pupil’s SEN status')
  const upn = answers.pupil.upn.trim().toUpperCase()
  const part = {
    pupil: { name: answers.pupil.name.trim(), dateOfBirth: dateOfBirth.kind === 'date' ? dateOfBirth.iso : '', yearGroup: answers.pupil.yearGroup, upn: upn || undefined },
    reasons: { listVersion, codes: answers.reasonCodes },
    description: answers.description.trim(),
    sen: answers.sen,
    childInNeed: answers.childInNeed,
    childProtectionPlan: answers.childProtectionPlan,
    lookedAfter: answers.lookedAfter,
  }
  return { problems, part }
}

/** The fields of both notices, by where the schema finds a problem in the payload: for problems only the schema catches. */
const NOTICE_FIELDS: Record<string, { field: string; label: string }> = {
  'pupil.name': { field: 'pupilName', label: 'Pupil’s name' },
  'pupil.dateOfBirth': { field: 'pupilDateOfBirth', label: 'Date of birth' },
  'pupil.yearGroup': { field: 'pupilYearGroup', label: 'Year group' },
  'pupil.upn': { field: 'pupilUpn', label: 'Unique pupil number' },
  reasons: { field: 'reasonCodes', label: 'Reasons' },
  description: { field: 'description', label: 'What happened' },
  'parentsNotified.how': { field: 'parentsNotifiedHow', label: 'How the parents were told' },
  parentsNotified: { field: 'parentsNotified', label: 'Parents notified' },
  socialWorkerNotified: { field: 'socialWorkerNotified', label: 'Social worker notified' },
  virtualSchoolHeadNotified: { field: 'virtualSchoolHeadNotified', label: 'Virtual school head notified' },
  startDate: { field: 'startDate', label: 'First day of the suspension' },
  length: { field: 'lengthAmount', label: 'Length' },
  effectiveDate: { field: 'effectiveDate', label: 'Date the exclusion starts' },
  dutyDeskCall: { field: 'dutyDeskSpokeTo', label: 'Who you spoke to at the duty desk' },
  seipContact: { field: 'seipWho', label: 'Who you contacted at the SEIP' },
  'discussion.incident': { field: 'incident', label: 'The nature of the incident' },
  'discussion.supportOptions': { field: 'supportOptions', label: 'Support options discussed' },
  'discussion.process': { field: 'process', label: 'The process' },
  'discussion.nextSteps': { field: 'nextSteps', label: 'Next steps' },
  referrer: { field: 'referrer', label: 'Your details in Settings' },
}

/** The notice field a payload path belongs to: the longest known prefix of the path. */
export function noticeField(path: readonly PropertyKey[]): { field: string; label: string } {
  for (let length = Math.min(path.length, 2); length > 0; length--) {
    const found = NOTICE_FIELDS[path.slice(0, length).map(String).join('.')]
    if (found) return found
  }
  return { field: 'pupilName', label: path.map(String).join(' ') || 'The notice' }
}
