/**
 * 13: the education plan recorded for each forum case, one row per case (a correction
 * rewrites it, keeping when it was first issued), with who recorded it (their id, and their
 * name as it was then). The review date is its own column, for monitoring. Deleted with its
 * case. A device fetches its case's plan by the case's Idempotency-Key within its setting.
 */
export default `
CREATE TABLE education_plans (
  submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  plan TEXT NOT NULL,
  review_date TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by_id TEXT NOT NULL,
  recorded_by_name TEXT NOT NULL
);
CREATE INDEX submissions_setting_key ON submissions (setting_id, idempotency_key);
`
