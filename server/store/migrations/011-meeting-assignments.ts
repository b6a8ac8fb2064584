/**
 * 11: which forum meeting each forum case is assigned to, one row per case (a move rewrites
 * it), with when and by whom (the officer's id, and their name as it was then). Meetings
 * themselves are content: the row names one by its id. The meeting's index counts its cases.
 */
export default `
CREATE TABLE meeting_assignments (
  submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  meeting_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  assigned_by_id TEXT NOT NULL,
  assigned_by_name TEXT NOT NULL
);
CREATE INDEX meeting_assignments_meeting ON meeting_assignments (meeting_id);
`
