/**
 * 3: the steps of each permanent exclusion case, one row per record: recording a step again
 * corrects it (the latest record wins), so nothing is overwritten and the history stays.
 * Who recorded it is kept by id and by the name they had then. A school's outcome update
 * finds its notice by (device, the notice's Idempotency-Key).
 */
export default `
CREATE TABLE case_steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  details TEXT NOT NULL,
  recorded_by_id TEXT NOT NULL,
  recorded_by_name TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX case_steps_submission ON case_steps (submission_id, step);
CREATE INDEX submissions_depends_on ON submissions (device_id, depends_on) WHERE depends_on IS NOT NULL;
`
