import type Database from 'better-sqlite3'
import peopleAndAudit from './migrations/002-people-and-audit'
import cases from './migrations/003-cases'
import suspensionLevels from './migrations/004-suspension-levels'
import searchAndRetention from './migrations/005-search-and-retention'
import retentionSettings from './migrations/006-retention-settings'
import findByStatus from './migrations/007-find-by-status'
import backfillSearchFacts from './migrations/008-backfill-search-facts'
import usernamesAnyCase from './migrations/009-usernames-any-case'
import contentVersions from './migrations/010-content-versions'
import meetingAssignments from './migrations/011-meeting-assignments'
import statusChanges from './migrations/012-status-changes'
import educationPlans from './migrations/013-education-plans'

/**
 * The SQLite schema, one numbered step at a time: SQL, or code where data must be worked
 * out. A step, once released, never changes: a change is a new step at the end.
 */
export const MIGRATIONS: (string | ((db: Database.Database) => void))[] = [
  // 1: settings, enrolment and devices; idempotent submissions; the inbox's administrators.
  `
  CREATE TABLE settings (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    urn TEXT NOT NULL UNIQUE,
    phase TEXT NOT NULL,
    seip_area TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    setting_id TEXT NOT NULL REFERENCES settings(id),
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE TABLE idempotency_keys (
    device_id TEXT NOT NULL REFERENCES devices(id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in-progress', 'done')),
    lease_until INTEGER,
    response_status INTEGER,
    response_body TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (device_id, key)
  );
  CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL REFERENCES devices(id),
    setting_id TEXT NOT NULL REFERENCES settings(id),
    idempotency_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    depends_on TEXT,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL,
    forum_date TEXT,
    outcome TEXT,
    updated_at TEXT NOT NULL,
    event_date TEXT,
    suspension_days REAL,
    UNIQUE (device_id, idempotency_key)
  );
  CREATE INDEX submissions_received ON submissions (received_at);
  CREATE INDEX submissions_setting ON submissions (setting_id, kind);
  CREATE TABLE admins (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    admin_id TEXT NOT NULL REFERENCES admins(id),
    expires_at INTEGER NOT NULL
  );
  `,
  peopleAndAudit,
  cases,
  suspensionLevels,
  searchAndRetention,
  retentionSettings,
  findByStatus,
  backfillSearchFacts,
  usernamesAnyCase,
  contentVersions,
  meetingAssignments,
  statusChanges,
  educationPlans,
]
