import type Database from 'better-sqlite3';

/**
 * What a cache holds once synced, in a form two caches can be compared by (bulk first sync
 * against the page-by-page pull): the rows without the moment they were written, the schema, the
 * tallies, and what the search index finds.
 */
export function cacheSnapshot(db: Database.Database, searchTerms: readonly string[]) {
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
  return {
    schema: all(
      `SELECT type, name, tbl_name, sql FROM sqlite_schema
       WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`,
    ),
    cases: all(
      `SELECT id, reference, procedure_code, status, is_open, office_code, region, city,
         applicant_name, company_name, nif, rccm, phone, email, submitted_at, due_date,
         portal_version, portal_updated_at, record_json, assignee_id, decided_on, conflict_json
       FROM applications ORDER BY id`,
    ),
    history: all(
      `SELECT application_id, at, kind, from_status, to_status, details_json FROM history_events
       ORDER BY application_id, at, kind, details_json`,
    ),
    documents: all('SELECT * FROM documents ORDER BY id'),
    keys: all('SELECT kind, value, application_id FROM case_keys ORDER BY 1, 2, 3'),
    tallies: tallies(db),
    search: searchTerms.map((term) => ({
      term,
      ids: db
        .prepare(
          `SELECT a.id FROM inbox_search s JOIN applications a ON a.rowid = s.rowid
           WHERE inbox_search MATCH ? ORDER BY a.id`,
        )
        .pluck()
        .all(`"${term.replaceAll('"', '""')}"*`),
    })),
  };
}

/** The tallies the triggers keep (migrations 002 and 029), groups at zero left out. */
export function tallies(db: Database.Database) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    inbox: all(
      'SELECT status, office_code, assignee_id, n FROM inbox_tallies WHERE n <> 0 ORDER BY 1, 2, 3',
    ),
    intake: all('SELECT * FROM dashboard_intake ORDER BY 1, 2, 3'),
    decisions: all('SELECT * FROM dashboard_decisions ORDER BY 1, 2, 3, 4, 5, 6'),
    open: all('SELECT * FROM dashboard_open ORDER BY 1, 2, 3, 4, 5, 6'),
  };
}

/** The same tallies counted from the cases themselves (as migration029.test.ts checks them). */
export function talliesCountedFromCases(db: Database.Database) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    inbox: all(
      `SELECT status, office_code, coalesce(assignee_id, '') AS assignee_id, count(*) AS n
       FROM applications GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    intake: all(
      `SELECT office_code, substr(submitted_at, 1, 10) AS day, procedure_code, count(*) AS n
       FROM applications GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    decisions: all(
      `SELECT office_code, decided_on, procedure_code, substr(submitted_at, 1, 10) AS submitted_on,
         decided_on <= due_date AS on_time, coalesce(decided_by, '') AS decided_by, count(*) AS n
       FROM applications WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
       ORDER BY 1, 2, 3, 4, 5, 6`,
    ),
    open: all(
      `SELECT office_code, procedure_code, coalesce(assignee_id, '') AS assignee_id,
         substr(submitted_at, 1, 10) AS submitted_on, due_date, status = 'info_requested' AS paused,
         count(*) AS n
       FROM applications WHERE is_open = 1 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    ),
  };
}

/** Search terms from the cache: family names, a reference, a NIF. */
export function searchTermsOf(db: Database.Database): string[] {
  const names = db
    .prepare(
      `SELECT DISTINCT lower(substr(applicant_name, instr(applicant_name, ' ') + 1, 5)) FROM applications
       WHERE rowid % 397 = 1 LIMIT 12`,
    )
    .pluck()
    .all() as string[];
  const more = db
    .prepare(`SELECT reference FROM applications WHERE rowid % 499 = 3 LIMIT 4`)
    .pluck()
    .all() as string[];
  return [...names, ...more].filter((term) => term.length >= 3);
}
