/**
 * Text modules (issue 20 §1): an office's own phrases for the comment boxes, added, edited and
 * retired by its administrators (the shipped ones are files under `resources/text-modules/`).
 *
 * - One row per phrase, owned by `textModules/textModuleStore.ts`; the office column scopes it.
 * - `procedure_code` NULL: offered for every procedure. The boxes it is offered in are three
 *   flags, at least one set.
 * - Retiring keeps the row (the audit journal names it) and frees its keyword: one phrase in
 *   force per office, procedure and keyword.
 * - Listing an office's phrases in force is one range of `text_modules_in_force`.
 */
export const sql = /* sql */ `
CREATE TABLE text_modules (
  id               TEXT PRIMARY KEY,
  office_code      TEXT NOT NULL CHECK (length(office_code) BETWEEN 2 AND 10),
  procedure_code   TEXT CHECK (procedure_code IS NULL OR length(procedure_code) > 0),
  keyword          TEXT NOT NULL CHECK (keyword GLOB '[a-z0-9]*' AND length(keyword) BETWEEN 2 AND 24),
  title            TEXT NOT NULL CHECK (length(title) > 0),
  body             TEXT NOT NULL CHECK (length(body) > 0),
  for_reject       INTEGER NOT NULL CHECK (for_reject IN (0, 1)),
  for_request_info INTEGER NOT NULL CHECK (for_request_info IN (0, 1)),
  for_note         INTEGER NOT NULL CHECK (for_note IN (0, 1)),
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL,
  retired_at       TEXT,
  retired_by       TEXT,
  CHECK (for_reject + for_request_info + for_note > 0),
  CHECK ((retired_at IS NULL) = (retired_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX text_modules_keyword_in_force
  ON text_modules (office_code, ifnull(procedure_code, ''), keyword) WHERE retired_at IS NULL;
CREATE INDEX text_modules_in_force ON text_modules (office_code, keyword) WHERE retired_at IS NULL;
`;
