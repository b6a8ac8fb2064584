import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { ContentFile, type ContentLog } from './content-file'
import type { ServerConfig } from './config'
import { loadOrCreateSealingKeys, type SealingKeys } from './sealing-key'
import { hashPassword, newEnrolmentCode, normaliseEnrolmentCode, randomToken, sha256 } from './secrets'
import type { IntakeStore, Setting } from './store/intake-store'
import type { Officer, Role } from './store/people-store'
import { SqliteStore } from './store/sqlite-store'

export const ENROLMENT_CODE_DAYS = 14

/** Opens the data directory: the database (migrated) and the sealing key. */
export async function openService(config: Pick<ServerConfig, 'dataDir'>): Promise<{ store: IntakeStore; sealing: SealingKeys }> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const store = new SqliteStore(join(config.dataDir, 'intake.sqlite'))
  return { store, sealing: await loadOrCreateSealingKeys(config.dataDir) }
}

/** The content the service publishes: a file in the data directory the Inclusion Service may edit. */
export function openContentFile(config: Pick<ServerConfig, 'dataDir'>, log: ContentLog): ContentFile {
  return new ContentFile(join(config.dataDir, 'content.json'), log)
}

/** A new one-time code for a setting; only its hash is kept, so it is shown once. */
export async function issueEnrolmentCode(store: IntakeStore, settingId: string, now = new Date()): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolmentCode()
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_DAYS * 24 * 60 * 60 * 1000).toISOString()
  await store.addEnrolmentCode(settingId, sha256(normaliseEnrolmentCode(code)), expiresAt, now.toISOString())
  return { code, expiresAt }
}

export async function createSetting(store: IntakeStore, setting: Omit<Setting, 'id' | 'createdAt'>): Promise<{ setting: Setting; code: string; expiresAt: string }> {
  const created = await store.createSetting({ id: randomUUID(), ...setting }, new Date().toISOString())
  return { setting: created, ...(await issueEnrolmentCode(store, created.id)) }
}

/** A workspace account; the password is checked by the caller (password-rules.ts). */
export async function createOfficer(store: IntakeStore, officer: { username: string; displayName: string; role: Role; password: string }): Promise<Officer> {
  const created = { id: randomUUID(), username: officer.username, displayName: officer.displayName, role: officer.role, passwordHash: await hashPassword(officer.password) }
  await store.people.createOfficer(created, new Date().toISOString())
  return (await store.people.officer(created.id))!
}

export function createAdministrator(store: IntakeStore, username: string, password: string): Promise<Officer> {
  return createOfficer(store, { username, displayName: username, role: 'administrator', password })
}

/**
 * A fresh database gets what a newcomer needs to try the whole flow: a demo setting with
 * an enrolment code, and an administrator for the workspace. Returns what to tell them.
 */
export async function prepareFirstStart(store: IntakeStore, admin?: { username: string; password: string }): Promise<string[]> {
  const lines: string[] = []
  if ((await store.listSettings()).length === 0) {
    const { code } = await createSetting(store, { name: 'Demo setting (for trying the app)', urn: '000000', phase: 'primary' })
    lines.push(`A demo setting was created. Enrol a device with this code (valid ${ENROLMENT_CODE_DAYS} days): ${code}`)
  }
  if ((await store.people.countOfficers()) === 0) {
    const username = admin?.username ?? 'admin'
    const password = admin?.password ?? randomToken(12)
    await createAdministrator(store, username, password)
    lines.push(admin ? `Administrator "${username}" was created from ADMIN_USERNAME.` : `Workspace administrator created: username "admin", password "${password}" (shown once; change it with npm run admin -- set-password --username admin).`)
  }
  return lines
}
