/** 6: the retention period an administrator sets (one row; absent while the default applies). */
export default `
CREATE TABLE retention_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  months INTEGER NOT NULL CHECK (months > 0),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
`
