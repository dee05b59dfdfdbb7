/**
 * Certificates (issue 6).
 *
 * - `signing_keys`: public halves of the offices' Ed25519 keys (the private halves are files in
 *   `<dataDir>/keys/`, never here). `holds_private` says whether this installation signs with it.
 * - `certificate_counters`: the last number used per procedure, year and issuing office. It is
 *   incremented in the transaction that records the certificate, so a number is used exactly
 *   once and a rolled-back issue leaves no gap. The office code is part of every number, so
 *   offices numbering offline never collide.
 * - `certificates`: one row per issued certificate with everything needed to render it again
 *   (`facts_json`), its signed QR text and the SHA-256 of the stored PDF. `file_state` is
 *   'pending' until the PDF is safely on disk (recovery completes it after a crash).
 * - `certificate_prints`: every duplicate printed after the original.
 * - An index on the outbox's `certificate.issued` events, so that dropping the PDF bytes of
 *   delivered ones at start-up (certificateRecovery.ts) never scans the whole outbox.
 */
export const sql = /* sql */ `
CREATE TABLE signing_keys (
  key_id         TEXT PRIMARY KEY,
  office_code    TEXT NOT NULL,
  public_key_pem TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  holds_private  INTEGER NOT NULL CHECK (holds_private IN (0, 1))
) STRICT;
CREATE INDEX signing_keys_by_office ON signing_keys (office_code, holds_private, created_at);

CREATE TABLE certificate_counters (
  procedure_code TEXT NOT NULL,
  year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  office_code    TEXT NOT NULL,
  last_seq       INTEGER NOT NULL CHECK (last_seq BETWEEN 1 AND 999999),
  PRIMARY KEY (procedure_code, year, office_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE certificates (
  id                TEXT PRIMARY KEY,
  number            TEXT NOT NULL UNIQUE,
  application_id    TEXT NOT NULL REFERENCES applications (id),
  reference         TEXT NOT NULL,
  procedure_code    TEXT NOT NULL,
  office_code       TEXT NOT NULL,
  year              INTEGER NOT NULL,
  seq               INTEGER NOT NULL CHECK (seq >= 1),
  holder_name       TEXT NOT NULL,
  -- Lower-case, accents removed: number, holder and reference, for the list's search.
  search_text       TEXT NOT NULL,
  issued_at         TEXT NOT NULL,
  expires_on        TEXT,
  issued_by         TEXT NOT NULL REFERENCES users (id),
  key_id            TEXT NOT NULL REFERENCES signing_keys (key_id),
  qr_text           TEXT NOT NULL,
  facts_json        TEXT NOT NULL,
  sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
  size              INTEGER NOT NULL CHECK (size > 0),
  file_state        TEXT NOT NULL DEFAULT 'pending' CHECK (file_state IN ('pending', 'stored')),
  status            TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  revoked_at        TEXT,
  revoked_by        TEXT REFERENCES users (id),
  revocation_reason TEXT,
  UNIQUE (procedure_code, year, office_code, seq),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL))
) STRICT;
CREATE INDEX certificates_by_application ON certificates (application_id, issued_at);
CREATE INDEX certificates_by_issue ON certificates (issued_at, id);
CREATE INDEX certificates_file_pending ON certificates (file_state) WHERE file_state = 'pending';

CREATE TABLE certificate_prints (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  certificate_id TEXT NOT NULL REFERENCES certificates (id),
  kind           TEXT NOT NULL CHECK (kind IN ('duplicate')),
  printed_at     TEXT NOT NULL,
  printed_by     TEXT NOT NULL REFERENCES users (id),
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64)
) STRICT;
CREATE INDEX certificate_prints_by_certificate ON certificate_prints (certificate_id, id);

CREATE INDEX outbox_certificate_events ON outbox (state, id) WHERE kind = 'certificate.issued';

-- Issued certificates are never deleted, and their facts, number and signature never change.
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never deleted'); END;
CREATE TRIGGER certificates_immutable BEFORE UPDATE OF id, number, application_id, procedure_code,
  office_code, year, seq, issued_at, key_id, qr_text, facts_json ON certificates
BEGIN SELECT RAISE(ABORT, 'an issued certificate is immutable'); END;
`;
