import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { isDeepStrictEqual } from 'node:util'
import { compareContentVersions } from '../src/domain/content-version'
import { defaultContent } from '../src/domain/default-content/default-content'
import { readContent, type ContentLog } from './content-file'
import { moveCountyTermsIntoContent } from './county-terms-migration'
import { BUNDLED_CONTENT, DatabaseContent, type ContentSource, type FirstContent } from './content-source'
import type { ServerConfig } from './config'
import { loadOrCreateSealingKeys, loadOrCreateSharedSealingKeys, type SealingKeys } from './sealing-key'
import { hashPassword, newEnrolmentCode, normaliseEnrolmentCode, randomToken, sha256 } from './secrets'
import type { IntakeStore, Setting } from './store/intake-store'
import { UsernameTakenError, type Officer, type Role } from './store/people-store'
import { PostgresStore } from './store/postgres/postgres-store'
import { SqliteStore } from './store/sqlite-store'

export const ENROLMENT_CODE_DAYS = 14

/**
 * Opens the store (migrated) and the sealing key: with a DATABASE_URL, both in PostgreSQL,
 * shared by every instance; otherwise both in the data directory (SQLite, one instance).
 * The data directory is made either way (an earlier installation may have left its content.json there to import).
 */
export async function openService(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<{ store: IntakeStore; sealing: SealingKeys }> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  if (config.databaseUrl) {
    const store = await openWhenDatabaseReady(config.databaseUrl)
    try {
      return { store, sealing: await loadOrCreateSharedSealingKeys(store) }
    } catch (error) {
      await store.close()
      throw error
    }
  }
  const store = new SqliteStore(join(config.dataDir, 'intake.sqlite'))
  return { store, sealing: await loadOrCreateSealingKeys(config.dataDir) }
}

/** How long an instance that starts waits for its database (starting, restarting, recovering) before it gives up. */
const DATABASE_WAIT_MS = 30_000
// Refused connections, and PostgreSQL's "cannot connect now" (starting up, recovering) and shutdowns.
const NOT_READY = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03'])

/** Instances and their database may be started together, or one restarted while the other recovers: wait for it a while. */
async function openWhenDatabaseReady(url: string): Promise<PostgresStore> {
  const giveUpAt = Date.now() + DATABASE_WAIT_MS
  for (;;) {
    try {
      return await PostgresStore.open(url)
    } catch (error) {
      if (!NOT_READY.has(String((error as { code?: unknown }).code)) || Date.now() >= giveUpAt) throw error
      await delay(500)
    }
  }
}

/**
 * The content the service publishes: the newest version in the store (published in the
 * workspace's Content area or with `npm run admin -- publish-content`), so every instance
 * serves the same. A store with none yet starts from DATA_DIR/content.json, where an
 * installation from before content lived in the store kept its edits, else the bundled content.
 */
export async function openContent(config: Pick<ServerConfig, 'dataDir'>, store: IntakeStore, log: ContentLog, refreshMs?: number): Promise<ContentSource> {
  const source = await DatabaseContent.open(store.content, log, refreshMs, () => contentFileToImport(join(config.dataDir, 'content.json'), log) ?? BUNDLED_CONTENT)
  // After the first content is published (an upgrade may have none yet), so that the terms join it; then served at once.
  await moveCountyTermsIntoContent(store, new Date().toISOString(), log)
  await source.refresh().catch(() => log.warn({}, 'content could not be read from the database: keeping the current content'))
  return source
}

/**
 * The content file an earlier installation served, when there is one, it fits the schema and
 * it is not simply an older release's content: that file was written from the bundled content
 * on first start, so most installations have one, and importing it untouched would put devices
 * back on the old content under a new version number.
 */
function contentFileToImport(path: string, log: ContentLog): FirstContent | undefined {
  if (!existsSync(path)) return undefined
  const content = readContent(readFileSync(path, 'utf8'), log, { file: path })
  if (!content) return undefined
  const age = compareContentVersions(content.version, defaultContent.version)
  if (age < 0 || (age === 0 && isDeepStrictEqual(content, defaultContent))) {
    log.info({ file: path, version: content.version }, 'content.json holds this release’s content or an older one: publishing the bundled content')
    return undefined
  }
  return { body: JSON.stringify(content), note: 'Imported from content.json' }
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
 * Several instances may start on one fresh database at once: the demo setting's URN and the
 * username are unique, so one instance makes each, and the others, refused, say nothing.
 */
export async function prepareFirstStart(store: IntakeStore, admin?: { username: string; password: string }): Promise<string[]> {
  const lines: string[] = []
  if ((await store.listSettings()).length === 0) {
    const created = await unlessAnotherWasFirst(() => createSetting(store, { name: 'Demo setting (for trying the app)', urn: '000000', phase: 'primary' }))
    if (created) lines.push(`A demo setting was created. Enrol a device with this code (valid ${ENROLMENT_CODE_DAYS} days): ${created.code}`)
  }
  if ((await store.people.countOfficers()) === 0) {
    const username = admin?.username ?? 'admin'
    const password = admin?.password ?? randomToken(12)
    if (await unlessAnotherWasFirst(() => createAdministrator(store, username, password))) {
      lines.push(admin ? `Administrator "${username}" was created from ADMIN_USERNAME.` : `Workspace administrator created: username "admin", password "${password}" (shown once; change it with npm run admin -- set-password --username admin).`)
    }
  }
  return lines
}

/** What `create` made, or undefined when a unique constraint refused it: another instance made the same a moment before. */
async function unlessAnotherWasFirst<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create()
  } catch (error) {
    if (isUniqueViolation(error) || error instanceof UsernameTakenError) return undefined
    throw error
  }
}

/** A write refused because a unique column already holds the value, in either store. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  // SQLite's codes for a UNIQUE column and a primary key; PostgreSQL's unique_violation.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}
