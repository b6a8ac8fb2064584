/**
 * After wrong passphrases the app makes the user wait before the next try, longer each
 * time, so that guessing on a lost tablet is slow. Two slips are free.
 */
export const FREE_ATTEMPTS = 2
export const MAX_DELAY_SECONDS = 5 * 60
/** After this many wrong tries in a row, the app offers to erase the personal data. */
export const ATTEMPTS_BEFORE_ERASE_OFFER = 10

export function unlockDelaySeconds(failedAttempts: number): number {
  if (failedAttempts <= FREE_ATTEMPTS) return 0
  return Math.min(2 ** (failedAttempts - FREE_ATTEMPTS), MAX_DELAY_SECONDS)
}

/** When the next try is allowed, in epoch milliseconds (0: now). */
export function nextAttemptAt(failedAttempts: number, lastFailedAt: number): number {
  const delay = unlockDelaySeconds(failedAttempts)
  return delay === 0 ? 0 : lastFailedAt + delay * 1000
}

export const MIN_PASSPHRASE_LENGTH = 8

/** The passphrase rule, in the words the form shows. Undefined when it is acceptable. */
export function passphraseProblem(passphrase: string): string | undefined {
  if (passphrase.length === 0) return 'Enter a passphrase'
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `Passphrase must be ${MIN_PASSPHRASE_LENGTH} characters or more`
  return undefined
}
