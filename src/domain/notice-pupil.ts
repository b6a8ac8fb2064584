import { parseDateParts, type DateParts } from './date-input'
import type { YearGroup } from './school-year'

/** A problem on a notice, by the id of the field it is about. */
export interface NoticeProblem {
  field: string
  message: string
}

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
    pupil: { name: '', dateOfBirth: { day: '', month: '', year: '' }, yearGroup: '', upn: '' },
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
