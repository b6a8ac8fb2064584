import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../server/store/migrations'
import { SqliteStore } from '../../server/store/sqlite-store'
import { namedForumCase, permanentExclusion, suspension } from './intake-harness'

// A database written by the release before the workspace (schema step 1 only), opened by
// this one: what it already held must show in Today, search, subject access and retention.
let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'upgrade-'))
  file = join(dir, 'intake.sqlite')
  const db = new Database(file)
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
  db.exec(MIGRATIONS[0] as string)
  db.prepare(`INSERT INTO schema_migrations VALUES (1, '2026-10-01T00:00:00Z')`).run()
  db.prepare(`INSERT INTO settings VALUES ('s1', 'Ashby Primary', '123456', 'primary', NULL, '2026-10-01T00:00:00Z')`).run()
  db.prepare(`INSERT INTO devices VALUES ('d1', 's1', 'hash', '2026-10-01T00:00:00Z', NULL)`).run()
  db.prepare(`INSERT INTO admins VALUES ('a1', 'inbox', 'scrypt$hash', '2026-10-01T00:00:00Z')`).run()
  const insert = db.prepare(
    `INSERT INTO submissions (device_id, setting_id, idempotency_key, kind, payload, received_at, status, outcome, updated_at, event_date, suspension_days)
     VALUES ('d1', 's1', ?, ?, ?, '2026-11-16T10:00:00Z', ?, ?, ?, ?, ?)`,
  )
  insert.run('k1', 'permanent-exclusion', JSON.stringify(permanentExclusion()), 'received', null, '2026-11-16T10:00:00Z', null, null)
  insert.run('k2', 'suspension', JSON.stringify(suspension('Sam  Pupil')), 'outcome-recorded', 'Noted', '2026-11-20T12:00:00Z', '2026-11-16', 2)
  insert.run('k3', 'forum-case', JSON.stringify(namedForumCase()), 'plan-issued', null, '2026-11-25T09:00:00Z', null, null)
  db.close()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('opening a database from before the workspace', () => {
  it('fills in what each earlier submission is found and counted by, and when the closed ones closed', async () => {
    const store = new SqliteStore(file)
    await store.close()
    const db = new Database(file, { readonly: true })
    const rows = db.prepare('SELECT idempotency_key, pupil_name, pupil_key IS NOT NULL AS keyed, event_date, education_from, case_state, closed_at FROM submissions ORDER BY id').all()
    db.close()
    expect(rows).toEqual([
      { idempotency_key: 'k1', pupil_name: 'riley pupil', keyed: 1, event_date: '2026-11-16', education_from: '2026-11-23', case_state: 'open', closed_at: null },
      { idempotency_key: 'k2', pupil_name: 'sam pupil', keyed: 1, event_date: '2026-11-16', education_from: null, case_state: null, closed_at: '2026-11-20T12:00:00Z' },
      { idempotency_key: 'k3', pupil_name: 'alex child', keyed: 1, event_date: null, education_from: null, case_state: null, closed_at: '2026-11-25T09:00:00Z' },
    ])
  })

  it('keeps the inbox’s administrator as a workspace administrator', async () => {
    const store = new SqliteStore(file)
    expect(await store.people.officerByUsername('inbox')).toMatchObject({ id: 'a1', role: 'administrator', displayName: 'inbox' })
    expect(await store.cases.educationDue('2026-11-30')).toEqual([expect.objectContaining({ id: 1, educationFrom: '2026-11-23' })])
    await store.close()
  })
})
