/**
 * Cases checked against what the administration already holds (issue 20 §2).
 *
 * - `case_keys`: each case's identifiers, normalised, one row per (kind, value): `nif`, `rccm`,
 *   `id` (the applicant's ID number), `phone` (+228…), and `certificate` (the number of the
 *   certificate the portal says it issued for an issued case). « Same applicant » and « is this
 *   number a certificate we issued » are then one range of the primary key each, at any size.
 *   Normalisation is written once, here, in SQL (`case_keys_source`): trim, upper-case, spaces,
 *   dashes, dots and brackets removed; a phone of 8 digits or `00228…` becomes `+228…`. A
 *   certificate number keeps its dashes (`CIE-2026-LOM-000123`), only spaces go.
 * - Written like the search index (migration 006): the applications repository inserts the new
 *   cases' keys in one `INSERT … SELECT` per batch; a trigger rewrites a case's keys when its
 *   identifiers or record change (rare: a portal correction); the rows go with their case.
 * - `duplicate_links`: « marquer comme doublon », a person's decision with its reason, written
 *   by the case writer (history and audit in the same transaction); one row per pair, read from
 *   either side.
 * - Backfill: the keys of every case already cached.
 */
const clean = (expression: string) =>
  `upper(replace(replace(replace(replace(replace(replace(trim(${expression}), ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), char(160), ''))`;

export const sql = /* sql */ `
CREATE TABLE case_keys (
  kind           TEXT NOT NULL CHECK (kind IN ('nif', 'rccm', 'id', 'phone', 'certificate')),
  value          TEXT NOT NULL CHECK (length(value) > 0),
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value, application_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_keys_by_application ON case_keys (application_id, kind);

CREATE VIEW case_keys_source (case_rowid, kind, value, application_id) AS
SELECT rowid, 'nif', ${clean('nif')}, id FROM applications WHERE nif IS NOT NULL
UNION ALL
SELECT rowid, 'rccm', ${clean('rccm')}, id FROM applications WHERE rccm IS NOT NULL
UNION ALL
SELECT rowid, 'id', ${clean("json_extract(record_json, '$.applicant.idNumber')")}, id
  FROM applications WHERE json_extract(record_json, '$.applicant.idNumber') IS NOT NULL
UNION ALL
SELECT rowid, 'phone',
  CASE
    WHEN ${clean('phone')} GLOB '+*' THEN ${clean('phone')}
    WHEN ${clean('phone')} GLOB '00*' THEN '+' || substr(${clean('phone')}, 3)
    WHEN length(${clean('phone')}) = 8 THEN '+228' || ${clean('phone')}
    ELSE ${clean('phone')}
  END, id FROM applications WHERE phone <> ''
UNION ALL
SELECT rowid, 'certificate',
  upper(replace(trim(json_extract(record_json, '$.certificate.number')), ' ', '')), id
  FROM applications WHERE json_extract(record_json, '$.certificate.number') IS NOT NULL;

CREATE TRIGGER case_keys_update AFTER UPDATE OF nif, rccm, phone, record_json ON applications
BEGIN
  DELETE FROM case_keys WHERE application_id = old.id;
  INSERT OR IGNORE INTO case_keys (kind, value, application_id)
    SELECT kind, value, application_id FROM case_keys_source
    WHERE case_rowid = new.rowid AND value <> '';
END;

INSERT OR IGNORE INTO case_keys (kind, value, application_id)
  SELECT kind, value, application_id FROM case_keys_source WHERE value <> '';

CREATE TABLE duplicate_links (
  application_id TEXT NOT NULL REFERENCES applications (id),
  duplicate_of   TEXT NOT NULL REFERENCES applications (id),
  reason         TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  marked_by      TEXT NOT NULL REFERENCES users (id),
  marked_at      TEXT NOT NULL,
  PRIMARY KEY (application_id, duplicate_of),
  CHECK (application_id <> duplicate_of)
) STRICT, WITHOUT ROWID;
CREATE INDEX duplicate_links_by_other ON duplicate_links (duplicate_of, application_id);
`;
