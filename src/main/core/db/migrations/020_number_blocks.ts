/**
 * Certificate numbers in an office of many desks (design multi-desk §4, §5.1): blocks of numbers
 * the portal reserved for this desk, and what the national registry said of each certificate.
 * A desk alone keeps `certificate_counters`; its certificates stay `legacy` until it enrolls.
 * A cancelled certificate (the registry refused it) is never deleted: it stays listed, marked.
 */
export const sql = /* sql */ `
CREATE TABLE certificate_blocks (
  block_id           TEXT PRIMARY KEY,
  procedure_code     TEXT NOT NULL,
  year               INTEGER NOT NULL,
  office_code        TEXT NOT NULL,
  first_seq          INTEGER NOT NULL,
  last_seq           INTEGER NOT NULL,
  next_seq           INTEGER NOT NULL,
  highest_registered INTEGER,
  received_at        TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('open', 'exhausted', 'returned', 'closed')),
  CHECK (1 <= first_seq AND first_seq <= next_seq AND next_seq <= last_seq + 1
         AND last_seq <= 999999)
) STRICT, WITHOUT ROWID;
CREATE INDEX certificate_blocks_usable
  ON certificate_blocks (procedure_code, year, state, first_seq);

ALTER TABLE certificates ADD COLUMN desk_id TEXT;
ALTER TABLE certificates ADD COLUMN block_id TEXT;
ALTER TABLE certificates ADD COLUMN cancelled_at TEXT;
ALTER TABLE certificates ADD COLUMN cancellation_json TEXT;
ALTER TABLE certificates ADD COLUMN registry_state TEXT NOT NULL DEFAULT 'legacy'
  CHECK (registry_state IN ('legacy', 'pending', 'registered', 'refused'));
`;
