/**
 * A staff profile's name: a first name, the only thing the lock screen of a shared device
 * shows of anyone, so it must tell the profiles apart and say nothing more.
 */
export const MAX_PROFILE_NAME_LENGTH = 40

/** The profile-name rule, in the words the form shows. Undefined when it is acceptable. */
export function profileNameProblem(name: string, otherNames: readonly string[]): string | undefined {
  const trimmed = name.trim()
  if (trimmed === '') return 'Enter your first name'
  if ([...trimmed].length > MAX_PROFILE_NAME_LENGTH) return `First name must be ${MAX_PROFILE_NAME_LENGTH} characters or fewer`
  const same = (other: string) => other.trim().localeCompare(trimmed, 'en-GB', { sensitivity: 'accent' }) === 0
  if (otherNames.some(same)) return `This device already has a profile called ${trimmed}: add the first letter of your last name`
  return undefined
}

/** How the lock screen names a profile; a device's profile from before there were profiles may have no name yet. */
export const profileLabel = (name: string) => name || 'Unnamed profile'

/**
 * The user name password managers file a profile's passphrase under: one entry per person on
 * a shared device. Unnamed, it is what it was before profiles, so a saved passphrase still matches.
 */
export const passwordManagerUsername = (name: string) => (name.trim() ? `Inclusion Companion: ${name.trim()}` : 'Inclusion Companion')
