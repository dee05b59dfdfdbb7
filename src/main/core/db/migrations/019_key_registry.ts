/**
 * The national key registry (design multi-desk §3.5, §5.1): every desk's public key with the desk
 * that holds it and its revocation (`retired` keys still verify what they signed; `compromised`
 * ones do not), and the other desks' negative certificate statuses (revoked, cancelled) so that
 * any desk verifies any certificate offline.
 */
export const sql = /* sql */ `
ALTER TABLE signing_keys ADD COLUMN desk_id TEXT;
ALTER TABLE signing_keys ADD COLUMN registered_at TEXT;
ALTER TABLE signing_keys ADD COLUMN revoked_at TEXT;
ALTER TABLE signing_keys ADD COLUMN revocation_reason TEXT
  CHECK (revocation_reason IN ('retired', 'compromised'));
ALTER TABLE signing_keys ADD COLUMN compromised_since TEXT;

CREATE TABLE registry_marks (
  number      TEXT PRIMARY KEY,
  status      TEXT NOT NULL CHECK (status IN ('revoked', 'cancelled')),
  at          TEXT NOT NULL,
  reason      TEXT,
  key_id      TEXT,
  replaced_by TEXT,
  sequence    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`;
