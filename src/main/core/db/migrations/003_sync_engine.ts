/**
 * Sync engine: conflicts on cases, a 'cancelled' outbox state (the clerk chose the portal's version
 * over undelivered actions — kept for the record, never sent), delivery bookkeeping, and retry
 * times for document downloads. SQLite cannot alter a CHECK constraint, so `outbox` is rebuilt;
 * nothing references it, and the copy keeps ids (their order is the delivery order per case).
 */
export const sql = /* sql */ `
ALTER TABLE applications ADD COLUMN conflict_json TEXT;
CREATE INDEX applications_in_conflict ON applications (id) WHERE conflict_json IS NOT NULL;

CREATE TABLE outbox_v3 (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  application_id  TEXT NOT NULL REFERENCES applications (id),
  kind            TEXT NOT NULL,
  payload_json    TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  sent_at         TEXT,
  response_json   TEXT
) STRICT;
INSERT INTO outbox_v3 (id, idempotency_key, application_id, kind, payload_json, created_at, state,
  attempts, next_attempt_at, last_error)
  SELECT id, idempotency_key, application_id, kind, payload_json, created_at, state, attempts,
    next_attempt_at, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
-- The head of each case's queue is its lowest id among rows not yet delivered or dropped.
CREATE INDEX outbox_open ON outbox (application_id, id) WHERE state IN ('pending', 'sending', 'failed');
CREATE INDEX outbox_by_state ON outbox (state);

ALTER TABLE documents ADD COLUMN next_attempt_at TEXT;
`;
