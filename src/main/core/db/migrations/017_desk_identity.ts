/**
 * Which desk this cache is (design multi-desk §5.1). `single` is today's behaviour: a desk alone,
 * never enrolled; `office` once it enrolled with a v2 portal (its id is then in `desk/desk.json`
 * too, outside the database, so a copied database is recognised). `office_desks` mirrors the
 * portal's list of the office's desks for « Postes de travail ».
 */
export const sql = /* sql */ `
CREATE TABLE desk_identity (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  mode        TEXT NOT NULL CHECK (mode IN ('single', 'office')),
  desk_id     TEXT,
  office_code TEXT NOT NULL,
  label       TEXT,
  key_id      TEXT,
  portal_api  INTEGER CHECK (portal_api IN (1, 2)),
  enrolled_at TEXT,
  CHECK ((mode = 'office') = (desk_id IS NOT NULL))
) STRICT;
INSERT INTO desk_identity (id, mode, office_code) SELECT 1, 'single', code FROM office_settings;

CREATE TABLE office_desks (
  desk_id            TEXT PRIMARY KEY,
  label              TEXT NOT NULL,
  key_id             TEXT,
  enrolled_at        TEXT NOT NULL,
  last_contact_at    TEXT,
  directory_sequence INTEGER,
  app_version        TEXT,
  pending_actions    INTEGER,
  failed_actions     INTEGER,
  retired_at         TEXT
) STRICT, WITHOUT ROWID;
`;
