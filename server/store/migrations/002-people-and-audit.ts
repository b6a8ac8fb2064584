/** 2: the inbox's administrators become officers with roles; sessions time out when idle; the audit log. */
export default `
ALTER TABLE admins RENAME TO officers;
ALTER TABLE officers ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE officers ADD COLUMN role TEXT NOT NULL DEFAULT 'administrator' CHECK (role IN ('administrator', 'officer', 'viewer'));
ALTER TABLE officers ADD COLUMN disabled_at TEXT;
UPDATE officers SET display_name = username;
DROP TABLE admin_sessions;
CREATE TABLE officer_sessions (
  token_hash TEXT PRIMARY KEY,
  officer_id TEXT NOT NULL REFERENCES officers(id),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX officer_sessions_officer ON officer_sessions (officer_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  officer_id TEXT,
  officer_username TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_subject ON audit_log (subject);
`
