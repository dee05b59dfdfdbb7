/** Initial schema: the local cache of portal applications and everything Bureau records about them. */
export const sql = /* sql */ `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('agent', 'superviseur', 'administrateur')),
  office_code   TEXT NOT NULL,
  password_hash TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE applications (
  id                TEXT PRIMARY KEY,
  reference         TEXT NOT NULL UNIQUE,
  procedure_code    TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('submitted', 'in_review', 'info_requested',
                      'pending_signoff', 'approved', 'issued', 'rejected', 'withdrawn')),
  is_open           INTEGER NOT NULL CHECK (is_open IN (0, 1)),
  office_code       TEXT NOT NULL,
  region            TEXT NOT NULL,
  city              TEXT NOT NULL,
  applicant_name    TEXT NOT NULL,
  company_name      TEXT,
  nif               TEXT,
  rccm              TEXT,
  phone             TEXT NOT NULL,
  email             TEXT NOT NULL,
  submitted_at      TEXT NOT NULL,
  due_date          TEXT NOT NULL,
  assignee_id       TEXT REFERENCES users (id),
  portal_version    INTEGER NOT NULL,
  portal_updated_at TEXT NOT NULL,
  record_json       TEXT NOT NULL,
  synced_at         TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX applications_by_due ON applications (is_open, due_date, id);
CREATE INDEX applications_by_deadline ON applications (due_date, id);
CREATE INDEX applications_by_status ON applications (status, due_date, id);
CREATE INDEX applications_by_assignee ON applications (assignee_id, is_open, due_date, id);
CREATE INDEX applications_by_office ON applications (office_code, is_open, assignee_id, due_date, id);

CREATE TABLE documents (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  code           TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  mime_type      TEXT NOT NULL,
  size           INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'downloading', 'ready', 'failed')),
  local_path     TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  last_error     TEXT
) STRICT;
CREATE INDEX documents_by_application ON documents (application_id);
CREATE INDEX documents_pending ON documents (state) WHERE state <> 'ready';

CREATE TABLE history_events (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  at             TEXT NOT NULL,
  actor_id       TEXT REFERENCES users (id),
  kind           TEXT NOT NULL,
  from_status    TEXT,
  to_status      TEXT,
  details_json   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX history_by_application ON history_events (application_id, id);

CREATE TABLE notes (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  author_id      TEXT NOT NULL REFERENCES users (id),
  at             TEXT NOT NULL,
  body           TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000)
) STRICT;
CREATE INDEX notes_by_application ON notes (application_id, id);

-- Every local action bound for the portal, written in the same transaction as the change itself.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  application_id  TEXT NOT NULL REFERENCES applications (id),
  kind            TEXT NOT NULL,
  payload_json    TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (application_id, id) WHERE state <> 'sent';

CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Portal records that failed validation: kept with the reason, never silently dropped.
CREATE TABLE quarantine (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  portal_id   TEXT,
  reason      TEXT NOT NULL,
  raw_json    TEXT NOT NULL
) STRICT;

-- Append-only and hash-chained: each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  actor_id     TEXT,
  office_code  TEXT,
  action       TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT,
  summary_json TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;
