/**
 * Who holds a case, as the portal arbitrates it (design multi-desk §3.7, §5.1): the lease of the
 * `work` block of each record in the v2 feed, kept beside the case (one row per held case, so the
 * feed's hot write path stays as it is). Outbox rows gain what a v2 event carries: the portal
 * version the person's decision was based on, and who acted (a directory id).
 */
export const sql = /* sql */ `
CREATE TABLE case_leases (
  application_id TEXT PRIMARY KEY REFERENCES applications (id),
  holder_id      TEXT NOT NULL,
  holder_name    TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('claim', 'checkout')),
  desk_id        TEXT,
  since          TEXT,
  expires_at     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

ALTER TABLE outbox ADD COLUMN expected_version INTEGER;
ALTER TABLE outbox ADD COLUMN actor_json TEXT;
`;
