/**
 * 10: content versions in the store, as PostgreSQL has them (published_content), with what
 * changed, who published it and what it restored; and the one shared draft the workspace edits.
 */
export default `
CREATE TABLE published_content (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT NOT NULL,
  published_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  published_by TEXT,
  restored_from INTEGER
);
CREATE TABLE content_draft (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
`
