/**
 * Ingest speed (issue 4): new cases enter the search index in one statement per batch instead of
 * one trigger run per row.
 *
 * The per-row insert trigger of 002 cost ~50 µs per case (measured, bench/ingestSteps.ts); the
 * same rows written as one `INSERT … SELECT` per batch cost ~20 µs. The applications repository
 * is the only writer of new cases and now indexes them itself, right after inserting them, in
 * the same transaction (`indexNewCases`), from this view: the search text of a case is defined
 * once, here, in SQL (the same expressions as 002's triggers). Updates and deletes keep their
 * triggers: they are rare, and a trigger is the only place that sees the old row.
 *
 * Anyone who ever inserts into `applications` other than through the repository must index the
 * row too: `INSERT INTO inbox_search (rowid, …) SELECT * FROM inbox_search_source WHERE …`.
 */
export const sql = /* sql */ `
DROP TRIGGER applications_search_insert;

-- Two queue indexes hold only the cases their queues can show. « Mes dossiers » reads assigned
-- cases; a case arrives from the portal unassigned, so it no longer costs a write there. « À
-- traiter » reads open cases of the office; most of a large cache is closed history, which no
-- longer costs a write there either. Same names and columns: the queues' plans are unchanged
-- (tests/unit/inboxQueryPlan.test.ts), since their conditions imply each WHERE. Measured at 20k
-- cases: ~20 % less write time per case (bench/ingestSteps.ts).
DROP INDEX applications_by_assignee;
CREATE INDEX applications_by_assignee ON applications (assignee_id, is_open, due_date, id)
  WHERE assignee_id IS NOT NULL;
DROP INDEX applications_by_office;
CREATE INDEX applications_by_office ON applications (office_code, is_open, assignee_id, due_date, id)
  WHERE is_open = 1;

CREATE VIEW inbox_search_source (case_rowid, reference, applicant_name, company_name, nif, rccm,
  phone, phone_digits, email, name_joined) AS
SELECT a.rowid, a.reference, a.applicant_name, a.company_name, a.nif, a.rccm, a.phone,
  replace(replace(a.phone, '+', ''), ' ', '') || ' ' ||
    substr(replace(replace(a.phone, '+', ''), ' ', ''), 4),
  a.email,
  CASE WHEN a.applicant_name GLOB '*[''-]*' OR a.company_name GLOB '*[''-]*'
    THEN replace(replace(a.applicant_name || ' ' || coalesce(a.company_name, ''), '''', ''), '-', '')
  END
FROM applications a;
`;
