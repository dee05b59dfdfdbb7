/**
 * Decision letters (issue 20 §1): the « Notification de rejet », « Demande de pièces
 * complémentaires » and approval cover letter a decision produces, signed and numbered like
 * certificates, stored under `<dataDir>/letters/<year>/` with their SHA-256 here.
 *
 * - `letters`: one row per letter, written in the decision's transaction by the case writer's
 *   change (owner: core/letters/letterStore.ts). `document_json` holds everything printed, so the
 *   PDF can be rendered again exactly (recovery after a crash before the file write:
 *   `file_state = 'pending'`). No foreign key to the case: a notified letter is an official act,
 *   kept even if the case leaves the cache (its reference is kept in the row).
 * - `letter_counters`: one gap-free sequence per series (the code printed in the number: the
 *   desk's numbering code) and year, moved inside the same transaction as the row.
 */
export const sql = /* sql */ `
CREATE TABLE letters (
  id             TEXT PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('rejection', 'info_request', 'approval')),
  application_id TEXT NOT NULL,
  reference      TEXT NOT NULL,
  procedure_code TEXT NOT NULL,
  office_code    TEXT NOT NULL,
  series         TEXT NOT NULL,
  year           INTEGER NOT NULL,
  seq            INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999999),
  issued_at      TEXT NOT NULL,
  issued_by      TEXT NOT NULL,
  key_id         TEXT NOT NULL,
  qr_text        TEXT NOT NULL,
  document_json  TEXT NOT NULL,
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  size           INTEGER NOT NULL CHECK (size > 0),
  file_state     TEXT NOT NULL DEFAULT 'pending' CHECK (file_state IN ('pending', 'stored')),
  UNIQUE (series, year, seq)
) STRICT;
CREATE INDEX letters_by_application ON letters (application_id, issued_at);
CREATE INDEX letters_pending ON letters (file_state) WHERE file_state = 'pending';

CREATE TABLE letter_counters (
  series   TEXT NOT NULL,
  year     INTEGER NOT NULL,
  last_seq INTEGER NOT NULL CHECK (last_seq BETWEEN 1 AND 999999),
  PRIMARY KEY (series, year)
) STRICT, WITHOUT ROWID;
`;
