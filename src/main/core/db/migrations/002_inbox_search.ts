/**
 * Inbox at scale: full-text search, tallies for the queue counts, sort indexes, saved views.
 *
 * Search is a contentless FTS5 table keyed by the applications' rowid. Contentless because the
 * text is already in `applications` (highlighting is computed in JS from that row), so the index
 * holds only postings — about half the size of an external-content table's shadow data, and no
 * second copy to keep consistent. `contentless_delete=1` lets the triggers delete and replace
 * rows by rowid. The rowid of `applications` is implicit (its key is TEXT), so a VACUUM could
 * renumber it: Bureau never runs VACUUM; if it ever must, `rebuildSearchIndex` re-derives the index.
 *
 * Tokenizer: unicode61 with remove_diacritics 2 folds case and accents ("eloi" = "Éloi"). No
 * extra tokenchars on purpose: apostrophes and hyphens stay separators, so "N'Kégbé" indexes
 * "n" + "kegbe" and "Koudjo-Lawson" indexes "koudjo" + "lawson". The query side quotes each
 * word as a phrase, so "n'kegbe" and "koudjo-lawson" still match as typed while "kegbe" or
 * "lawson" alone match too. `name_joined` adds the glued form ("nkegbe", "koudjolawson") for
 * clerks who type the name without its apostrophe or hyphen; it is NULL (no tokens) for the
 * vast majority of names that have neither. `phone_digits` holds the number with and without
 * the country code, so "90123456", "90 12 34 56" and "+22890123456" all match.
 */
const SEARCH_COLUMNS = `reference, applicant_name, company_name, nif, rccm, phone, phone_digits, email, name_joined`;
const searchValues = (row: 'new' | 'old') => `${row}.rowid, ${row}.reference, ${row}.applicant_name,
    ${row}.company_name, ${row}.nif, ${row}.rccm, ${row}.phone,
    replace(replace(${row}.phone, '+', ''), ' ', '') || ' ' ||
      substr(replace(replace(${row}.phone, '+', ''), ' ', ''), 4),
    ${row}.email,
    CASE WHEN ${row}.applicant_name GLOB '*[''-]*' OR ${row}.company_name GLOB '*[''-]*'
      THEN replace(replace(${row}.applicant_name || ' ' || coalesce(${row}.company_name, ''), '''', ''), '-', '')
    END`;
const tallyKey = (row: 'new' | 'old') =>
  `${row}.status, ${row}.office_code, coalesce(${row}.assignee_id, '')`;

export const sql = /* sql */ `
CREATE VIRTUAL TABLE inbox_search USING fts5(
  ${SEARCH_COLUMNS},
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
INSERT INTO inbox_search (rowid, ${SEARCH_COLUMNS}) SELECT ${searchValues('new').replaceAll('new.', 'a.')}
  FROM applications a;

CREATE TRIGGER applications_search_insert AFTER INSERT ON applications BEGIN
  INSERT INTO inbox_search (rowid, ${SEARCH_COLUMNS}) VALUES (${searchValues('new')});
END;
-- The portal update rewrites every column; only a change to a searched one touches the index.
CREATE TRIGGER applications_search_update AFTER UPDATE OF reference, applicant_name, company_name,
  nif, rccm, phone, email ON applications
  WHEN old.reference IS NOT new.reference OR old.applicant_name IS NOT new.applicant_name
    OR old.company_name IS NOT new.company_name OR old.nif IS NOT new.nif
    OR old.rccm IS NOT new.rccm OR old.phone IS NOT new.phone OR old.email IS NOT new.email
BEGIN
  DELETE FROM inbox_search WHERE rowid = old.rowid;
  INSERT INTO inbox_search (rowid, ${SEARCH_COLUMNS}) VALUES (${searchValues('new')});
END;
CREATE TRIGGER applications_search_delete AFTER DELETE ON applications BEGIN
  DELETE FROM inbox_search WHERE rowid = old.rowid;
END;

-- Queue counts at a million cases: count(*) over the closed history (most of the cache) costs
-- tens of milliseconds, so the status/office/assignee queues sum this small tally instead
-- (a few hundred rows at most). Date-based queues (due soon, overdue) count open cases
-- through applications_by_due, which stays small.
CREATE TABLE inbox_tallies (
  status      TEXT NOT NULL,
  office_code TEXT NOT NULL,
  assignee_id TEXT NOT NULL, -- '' when unassigned: NULLs would defeat the primary key
  n           INTEGER NOT NULL,
  PRIMARY KEY (status, office_code, assignee_id)
) STRICT, WITHOUT ROWID;
INSERT INTO inbox_tallies (status, office_code, assignee_id, n)
  SELECT status, office_code, coalesce(assignee_id, ''), count(*) FROM applications GROUP BY 1, 2, 3;

CREATE TRIGGER applications_tally_insert AFTER INSERT ON applications BEGIN
  INSERT INTO inbox_tallies (status, office_code, assignee_id, n) VALUES (${tallyKey('new')}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER applications_tally_update AFTER UPDATE OF status, office_code, assignee_id
  ON applications
  WHEN old.status IS NOT new.status OR old.office_code IS NOT new.office_code
    OR old.assignee_id IS NOT new.assignee_id
BEGIN
  UPDATE inbox_tallies SET n = n - 1
    WHERE (status, office_code, assignee_id) = (${tallyKey('old')});
  INSERT INTO inbox_tallies (status, office_code, assignee_id, n) VALUES (${tallyKey('new')}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER applications_tally_delete AFTER DELETE ON applications BEGIN
  UPDATE inbox_tallies SET n = n - 1
    WHERE (status, office_code, assignee_id) = (${tallyKey('old')});
END;

-- Sort orders other than the deadline (which 001 indexes per queue already).
CREATE INDEX applications_by_submitted ON applications (submitted_at, id);
CREATE INDEX applications_by_applicant ON applications (applicant_name COLLATE NOCASE, id);
-- Filters that are not a queue's leading column: procedure (the most used) and region.
CREATE INDEX applications_by_procedure ON applications (procedure_code, due_date, id);
CREATE INDEX applications_by_region ON applications (region, due_date, id);

CREATE TABLE saved_views (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       TEXT NOT NULL COLLATE NOCASE,
  query_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, name)
) STRICT;
`;
