/**
 * PostgreSQL's schema, one numbered step at a time, the same in intent as SQLite's
 * (server/store/migrations.ts): step 1 is everything SQLite's steps 1 to 9 made, as a fresh
 * PostgreSQL database needs no history. A later change is a step in both lists.
 *
 * Every text column sorts byte by byte (COLLATE "C"), as SQLite's do: ISO times compare in
 * time order, and a name prefix is an index range, whatever the database's own locale.
 */
const T = 'TEXT COLLATE "C"'

export const POSTGRES_MIGRATIONS: string[] = [
  `
  CREATE TABLE settings (
    id ${T} PRIMARY KEY,
    name ${T} NOT NULL,
    urn ${T} NOT NULL UNIQUE,
    phase ${T} NOT NULL,
    seip_area ${T},
    created_at ${T} NOT NULL
  );
  CREATE TABLE enrolment_codes (
    code_hash ${T} PRIMARY KEY,
    setting_id ${T} NOT NULL REFERENCES settings(id),
    created_at ${T} NOT NULL,
    expires_at ${T} NOT NULL,
    used_at ${T},
    device_id ${T}
  );
  CREATE TABLE devices (
    id ${T} PRIMARY KEY,
    setting_id ${T} NOT NULL REFERENCES settings(id),
    token_hash ${T} NOT NULL UNIQUE,
    enrolled_at ${T} NOT NULL,
    revoked_at ${T}
  );
  CREATE TABLE idempotency_keys (
    device_id ${T} NOT NULL REFERENCES devices(id),
    key ${T} NOT NULL,
    request_hash ${T} NOT NULL,
    state ${T} NOT NULL CHECK (state IN ('in-progress', 'done')),
    lease_until BIGINT,
    response_status INTEGER,
    response_body ${T},
    created_at ${T} NOT NULL,
    PRIMARY KEY (device_id, key)
  );
  CREATE TABLE submissions (
    id BIGSERIAL PRIMARY KEY,
    device_id ${T} NOT NULL REFERENCES devices(id),
    setting_id ${T} NOT NULL REFERENCES settings(id),
    idempotency_key ${T} NOT NULL,
    kind ${T} NOT NULL,
    depends_on ${T},
    payload ${T} NOT NULL,
    received_at ${T} NOT NULL,
    status ${T} NOT NULL,
    forum_date ${T},
    outcome ${T},
    updated_at ${T} NOT NULL,
    event_date ${T},
    suspension_days DOUBLE PRECISION,
    pupil_name ${T},
    pupil_key ${T},
    education_from ${T},
    case_state ${T},
    education_arranged INTEGER NOT NULL DEFAULT 0,
    closed_at ${T},
    UNIQUE (device_id, idempotency_key)
  );
  CREATE INDEX submissions_received ON submissions (received_at);
  CREATE INDEX submissions_setting ON submissions (setting_id, kind);
  CREATE INDEX submissions_depends_on ON submissions (device_id, depends_on) WHERE depends_on IS NOT NULL;
  CREATE INDEX submissions_pupil_name ON submissions (pupil_name);
  CREATE INDEX submissions_kind_received ON submissions (kind, received_at);
  CREATE INDEX submissions_open_cases ON submissions (case_state, education_from) WHERE kind = 'permanent-exclusion';
  CREATE INDEX submissions_closed ON submissions (closed_at) WHERE closed_at IS NOT NULL;
  CREATE INDEX submissions_event ON submissions (kind, event_date);
  CREATE INDEX submissions_status ON submissions (status, received_at);

  CREATE TABLE officers (
    id ${T} PRIMARY KEY,
    username ${T} NOT NULL,
    password_hash ${T} NOT NULL,
    created_at ${T} NOT NULL,
    display_name ${T} NOT NULL DEFAULT '',
    role ${T} NOT NULL DEFAULT 'administrator' CHECK (role IN ('administrator', 'officer', 'viewer')),
    disabled_at ${T}
  );
  -- A username names one person whatever its case.
  CREATE UNIQUE INDEX officers_username ON officers (lower(username));
  CREATE TABLE officer_sessions (
    token_hash ${T} PRIMARY KEY,
    officer_id ${T} NOT NULL REFERENCES officers(id),
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX officer_sessions_officer ON officer_sessions (officer_id);
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at ${T} NOT NULL,
    officer_id ${T},
    officer_username ${T} NOT NULL,
    action ${T} NOT NULL,
    subject ${T}
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_subject ON audit_log (subject);

  CREATE TABLE case_steps (
    id BIGSERIAL PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    step ${T} NOT NULL,
    details ${T} NOT NULL,
    recorded_by_id ${T} NOT NULL,
    recorded_by_name ${T} NOT NULL,
    recorded_at ${T} NOT NULL
  );
  CREATE INDEX case_steps_submission ON case_steps (submission_id, step);

  CREATE TABLE setting_rolls (
    setting_id ${T} PRIMARY KEY REFERENCES settings(id),
    roll INTEGER NOT NULL CHECK (roll > 0),
    set_at ${T} NOT NULL,
    set_by ${T} NOT NULL
  );
  CREATE TABLE workspace_values (
    key ${T} PRIMARY KEY,
    value ${T} NOT NULL,
    updated_at ${T} NOT NULL
  );
  CREATE TABLE school_contacts (
    id BIGSERIAL PRIMARY KEY,
    setting_id ${T} NOT NULL REFERENCES settings(id),
    contact_date ${T} NOT NULL,
    contacted ${T} NOT NULL,
    agreed ${T} NOT NULL,
    officer_id ${T} NOT NULL,
    officer_username ${T} NOT NULL,
    recorded_at ${T} NOT NULL
  );
  CREATE INDEX school_contacts_setting ON school_contacts (setting_id, contact_date);
  CREATE INDEX school_contacts_date ON school_contacts (contact_date);
  CREATE TABLE county_terms (
    id BIGSERIAL PRIMARY KEY,
    name ${T} NOT NULL,
    start_date ${T} NOT NULL,
    end_date ${T} NOT NULL,
    half_term_start ${T},
    half_term_end ${T},
    created_at ${T} NOT NULL
  );
  CREATE INDEX county_terms_start ON county_terms (start_date);
  CREATE TABLE retention_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    months INTEGER NOT NULL CHECK (months > 0),
    updated_at ${T} NOT NULL,
    updated_by ${T} NOT NULL
  );

  -- Shared by every instance: what must not live in one instance's files.
  CREATE TABLE service_secrets (
    name ${T} PRIMARY KEY,
    value ${T} NOT NULL,
    created_at ${T} NOT NULL
  );
  -- The reference content every instance serves: the newest row.
  CREATE TABLE published_content (
    id BIGSERIAL PRIMARY KEY,
    body ${T} NOT NULL,
    published_at ${T} NOT NULL
  );
  `,
  // 2 (SQLite's 10): what changed in each content version, who published it and what it
  // restored; the one shared draft. Versions published before keep an empty note.
  `
  ALTER TABLE published_content ADD COLUMN note ${T} NOT NULL DEFAULT '';
  ALTER TABLE published_content ADD COLUMN published_by ${T};
  ALTER TABLE published_content ADD COLUMN restored_from BIGINT;
  CREATE TABLE content_draft (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body ${T} NOT NULL,
    updated_at ${T} NOT NULL,
    updated_by ${T} NOT NULL
  );
  `,
  // 3 (SQLite's 11): the forum meeting each forum case is assigned to.
  `
  CREATE TABLE meeting_assignments (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    meeting_id ${T} NOT NULL,
    assigned_at ${T} NOT NULL,
    assigned_by_id ${T} NOT NULL,
    assigned_by_name ${T} NOT NULL
  );
  CREATE INDEX meeting_assignments_meeting ON meeting_assignments (meeting_id);
  `,
  // 4 (SQLite's 12): the statuses a device asks for, those changed since it last asked.
  `
  CREATE INDEX submissions_device_updated ON submissions (device_id, updated_at);
  `,
  // 5 (SQLite's 13): each forum case's education plan; a case found by its setting and Idempotency-Key.
  `
  CREATE TABLE education_plans (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    plan ${T} NOT NULL,
    review_date ${T} NOT NULL,
    issued_at ${T} NOT NULL,
    recorded_at ${T} NOT NULL,
    recorded_by_id ${T} NOT NULL,
    recorded_by_name ${T} NOT NULL
  );
  CREATE INDEX submissions_setting_key ON submissions (setting_id, idempotency_key);
  `,
]
