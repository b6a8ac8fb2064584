/** The Inclusion Service's own people: each officer's account, role and sessions. */

export const ROLES = ['administrator', 'officer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  officer: 'Officer',
  viewer: 'Viewer',
}

export interface Officer {
  id: string
  username: string
  displayName: string
  role: Role
  passwordHash: string
  createdAt: string
  disabledAt?: string
}

export type NewOfficer = Omit<Officer, 'createdAt' | 'disabledAt'>

/** Another account has the username already, in any case (perhaps made a moment ago, on another instance). */
export class UsernameTakenError extends Error {
  constructor() {
    super('That username is already in use')
    this.name = 'UsernameTakenError'
  }
}

/** The change would leave no active administrator: refused in the store, whichever instances change roles at once. */
export class LastAdministratorError extends Error {
  constructor() {
    super('The last active administrator cannot be disabled or lose the role')
    this.name = 'LastAdministratorError'
  }
}

/** Whether a change could take an active administrator away: a role other than administrator, or disabling. */
export function removesAdministrator(change: { role?: Role; disabled?: boolean }): boolean {
  return change.disabled === true || (change.role !== undefined && change.role !== 'administrator')
}

export interface PeopleStore {
  /** Throws UsernameTakenError when the username is in use in any case. */
  createOfficer(officer: NewOfficer, at: string): Promise<void>
  officerByUsername(username: string): Promise<Officer | undefined>
  officer(id: string): Promise<Officer | undefined>
  listOfficers(): Promise<Officer[]>
  /** Active administrators: the last one cannot be disabled or lose the role. */
  countAdministrators(): Promise<number>
  countOfficers(): Promise<number>
  /** Disabling an account ends its sessions. Throws LastAdministratorError rather than leave no active administrator. */
  updateOfficer(id: string, change: { displayName?: string; role?: Role; disabled?: boolean }, at: string): Promise<boolean>
  /** A new password hash; the officer's sessions end. */
  setPassword(id: string, passwordHash: string): Promise<void>
  createSession(tokenHash: string, officerId: string, now: number, expiresAt: number): Promise<void>
  /**
   * The officer of a live session, its last use moved to now: none when the session has
   * expired, has been idle for idleMs or more, or the account is disabled.
   */
  useSession(tokenHash: string, now: number, idleMs: number): Promise<Officer | undefined>
  deleteSession(tokenHash: string): Promise<void>
}
