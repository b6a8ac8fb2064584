/**
 * 4: suspension levels. Each setting's roll (pupils on roll, entered by the Inclusion Service);
 * the workspace's own settings as keys and values (the threshold); contacts with schools; and
 * the county's term dates, which an administrator enters because they are not published in
 * the sources the service can read.
 */
export default `
CREATE TABLE setting_rolls (
  setting_id TEXT PRIMARY KEY REFERENCES settings(id),
  roll INTEGER NOT NULL CHECK (roll > 0),
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);
CREATE TABLE workspace_values (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE school_contacts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  setting_id TEXT NOT NULL REFERENCES settings(id),
  contact_date TEXT NOT NULL,
  contacted TEXT NOT NULL,
  agreed TEXT NOT NULL,
  officer_id TEXT NOT NULL,
  officer_username TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX school_contacts_setting ON school_contacts (setting_id, contact_date);
CREATE INDEX school_contacts_date ON school_contacts (contact_date);
CREATE TABLE county_terms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  half_term_start TEXT,
  half_term_end TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX county_terms_start ON county_terms (start_date);
`
