import { sha256 } from '../secrets'

/** A name as searched: case, accents' composition and runs of spaces ignored. */
export function normalisedName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * One pupil across submissions, for counting pupils and pupils suspended more than once:
 * the UPN where the setting gave one, otherwise name and date of birth. A hash, so the
 * column itself names no one.
 */
export function pupilKey(pupil: { name: string; dateOfBirth: string; upn?: string }): string {
  return sha256(pupil.upn ? `upn:${pupil.upn}` : `name:${normalisedName(pupil.name)}|${pupil.dateOfBirth}`)
}
