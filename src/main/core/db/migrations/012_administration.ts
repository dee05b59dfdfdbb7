/**
 * Administration: the office's own settings (one row, seeded with the training office so a new
 * install works at once), the editable holiday calendar (seeded in code at start-up from
 * resources/calendar, since that file is a resource and may be newer than the database), and the
 * indexes the audit viewer's filters walk in `seq` order.
 */
export const sql = /* sql */ `
CREATE TABLE office_settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  code               TEXT NOT NULL,
  name               TEXT NOT NULL,
  region             TEXT NOT NULL,
  numbering_code     TEXT NOT NULL,
  opens_at           TEXT NOT NULL,
  closes_at          TEXT NOT NULL,
  lock_after_minutes INTEGER NOT NULL CHECK (lock_after_minutes BETWEEN 1 AND 240),
  updated_at         TEXT,
  CHECK (opens_at < closes_at)
) STRICT;
INSERT INTO office_settings (id, code, name, region, numbering_code, opens_at, closes_at,
                             lock_after_minutes)
VALUES (1, 'LOM', 'Direction régionale Lomé-Commune', 'Grand Lomé', 'LOM', '07:30', '17:30', 15);

CREATE TABLE holidays (
  date        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_by_entity ON audit_log (entity_id, seq);
`;
