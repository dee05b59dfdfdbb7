/**
 * The office staff directory (design multi-desk §3.4, §5.1): the portal's version and sequence of
 * each account once the desk is enrolled (NULL: never published, a desk alone), and the queue of
 * account changes made here that the portal has not yet accepted. A queued row keeps its
 * account's local state from being overwritten by the directory feed until it is settled.
 */
export const sql = /* sql */ `
ALTER TABLE users ADD COLUMN directory_version INTEGER;
ALTER TABLE users ADD COLUMN directory_sequence INTEGER;
ALTER TABLE users ADD COLUMN updated_on_desk TEXT;

CREATE TABLE office_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('account.change')),
  target_id       TEXT NOT NULL,
  actor_json      TEXT NOT NULL,
  payload_json    TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  settled_at      TEXT
) STRICT;
CREATE INDEX office_outbox_pending ON office_outbox (state, id) WHERE state = 'pending';
CREATE INDEX office_outbox_by_target ON office_outbox (target_id, state);
`;
