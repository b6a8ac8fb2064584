import { optionalText } from './checked-payload'

/** The member of staff using this device: who forum cases and notices come from. */
export interface StaffDetails {
  name: string
  jobTitle: string
  settingName: string
  phone: string
  email: string
}

export type StaffDetailsField = keyof StaffDetails

export const EMPTY_STAFF_DETAILS: StaffDetails = { name: '', jobTitle: '', settingName: '', phone: '', email: '' }

const MAX_LENGTH = 200
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[\d\s()-]{10,20}$/

export function staffDetailsErrors(details: StaffDetails): { field: StaffDetailsField; message: string }[] {
  const errors: { field: StaffDetailsField; message: string }[] = []
  if (details.name.trim() === '') errors.push({ field: 'name', message: 'Enter your full name' })
  for (const [field, label] of [['name', 'Full name'], ['jobTitle', 'Job title'], ['settingName', 'Setting name']] as const) {
    if (details[field].length > MAX_LENGTH) errors.push({ field, message: `${label} must be ${MAX_LENGTH} characters or fewer` })
  }
  if (details.phone.trim() && !PHONE.test(details.phone.trim())) {
    errors.push({ field: 'phone', message: 'Enter a telephone number, like 0116 305 0000' })
  }
  if (details.email.trim() && !EMAIL.test(details.email.trim())) {
    errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' })
  }
  return errors
}

/** What stops these details being named as the sender of a case or notice, in the words a summary shows. */
export function referrerProblems(referrer: StaffDetails | undefined, what: 'case' | 'notice'): string[] {
  if (!referrer || !referrer.name.trim()) return [`Add your details in Settings: the ${what} must say who it is from`]
  return staffDetailsErrors(referrer).map(({ message }) => `Check your details in Settings: ${message}`)
}

/** The sender as a submission carries them. */
export function referrerPayload(referrer: StaffDetails) {
  return { name: referrer.name.trim(), jobTitle: optionalText(referrer.jobTitle), phone: optionalText(referrer.phone), email: optionalText(referrer.email) }
}
