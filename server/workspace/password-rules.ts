import { dictionary } from '@zxcvbn-ts/language-common'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 200

// About 49,000 of the passwords most often found in breaches (zxcvbn-ts's list), lower case.
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()))

/** What is wrong with a new password, in GOV.UK's words, or nothing (NCSC: length and a deny list, no composition rules). */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length === 0) return 'Enter a password'
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d\W_]+$/, ''))) return 'Password is too common: choose one that is not on lists of breached passwords'
  if (username && lower.includes(username.toLowerCase())) return 'Password must not contain the username'
  return undefined
}
