/**
 * 5: what the workspace finds and counts submissions by, taken from the payload at intake:
 * the pupil's name (normalised, for exact and prefix search) and identity (a hash, to count
 * pupils); a permanent exclusion's 6th school day as the app sent it and its case's state;
 * and when a record closed, from which the retention period runs.
 */
export default `
ALTER TABLE submissions ADD COLUMN pupil_name TEXT;
ALTER TABLE submissions ADD COLUMN pupil_key TEXT;
ALTER TABLE submissions ADD COLUMN education_from TEXT;
ALTER TABLE submissions ADD COLUMN case_state TEXT;
ALTER TABLE submissions ADD COLUMN education_arranged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN closed_at TEXT;
CREATE INDEX submissions_pupil_name ON submissions (pupil_name);
CREATE INDEX submissions_kind_received ON submissions (kind, received_at);
CREATE INDEX submissions_open_cases ON submissions (case_state, education_from) WHERE kind = 'permanent-exclusion';
CREATE INDEX submissions_closed ON submissions (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX submissions_event ON submissions (kind, event_date);
`
