import type Database from 'better-sqlite3';
import type { WriteJob } from './pullWriter';

/**
 * A bulk first sync (issue 18 §4): while an empty cache takes in the portal's whole feed, the
 * secondary indexes, the search index's maintenance and the tallies' triggers are set aside, the
 * rows go in alone, and what was set aside is built afterwards on the writer thread, one step per
 * transaction.
 *
 * The marker (`sync_state.bulk_sync`) is the whole state of it, written in the transaction that
 * drops the objects and in every build step's own transaction, so a SIGKILL anywhere leaves
 * a marker that says exactly what is still missing:
 *   - `loading`: rows are coming; the objects it lists are not in the schema. The next pull goes
 *     on loading from its cursor (committed with its rows), then builds.
 *   - `building`: the listed indexes still to create, search entries from `searchFrom`, case
 *     keys from `keysFrom`, then the tallies. The next pull finishes the build before anything.
 * Each step is idempotent where it may be replayed (search entries are written with REPLACE,
 * keys with IGNORE, tallies counted again from the cases in the transaction that recreates their
 * triggers), so a step interrupted and run again ends the same.
 */

export interface DeferredObject {
  name: string;
  type: 'index' | 'trigger';
  sql: string;
}

export interface BulkMarker {
  phase: 'loading' | 'building';
  deferred: DeferredObject[];
  /** Search entries written for case rowids ≤ this (building). */
  searchFrom: number;
  /** Case keys written for case rowids ≤ this (building). */
  keysFrom: number;
  /** Highest case rowid when the build began: the steps by rowid stop there. */
  lastRowid: number;
}

/** What the header and the inbox say during a bulk sync. */
export interface BulkProgress {
  phase: 'loading' | 'indexes' | 'search' | 'tallies';
  done: number;
  total: number;
}

const MARKER_KEY = 'bulk_sync';

/** Tables whose secondary indexes wait (the ones a new case writes to). */
const INDEXED_TABLES = ['applications', 'documents', 'history_events'];

/**
 * Indexes that stay through a bulk load:
 * - partial indexes no new case enters (no conflict, no clerk, no decision yet): they cost a load
 *   nothing, and the header's counts read the first on every page (conflicts.ts);
 * - indexes a statement names (`INDEXED BY`): without them the statement cannot even be prepared,
 *   and Bureau could not start on a cache killed mid-load (tests/unit/bulkSync.test.ts checks
 *   that every `INDEXED BY` of the code is here).
 */
export const KEPT_INDEXES = [
  'applications_in_conflict',
  'applications_by_assignee',
  'applications_decisions',
  'applications_office_sla_running',
  'documents_due',
];

/**
 * Triggers on `applications` that wait: the tallies (migrations 002, 029), counted again from the
 * cases at the end, and the search index's maintenance (002), rebuilt from the cases. Any other
 * trigger (another migration's) stays and runs as usual: only what is rebuilt here may wait.
 */
const DEFERRED_TRIGGERS = [
  'applications_search_update',
  'applications_search_delete',
  'applications_tally_insert',
  'applications_tally_update',
  'applications_tally_delete',
  'dashboard_tally_insert',
  'dashboard_tally_update',
  'dashboard_tally_delete',
];
const SEARCH_TRIGGERS = new Set(['applications_search_update', 'applications_search_delete']);

/** Index entries written per build transaction, about (the indexes of a step times its cases). */
const INDEX_ENTRIES_PER_STEP = 200_000;

/** Case rowids per search or keys step: each step a short transaction. */
const ROWIDS_PER_STEP = 20_000;

/** The tallies counted from the cases, as migrations 002 and 029 fill them. */
const RECOUNT_TALLIES = `
DELETE FROM inbox_tallies;
INSERT INTO inbox_tallies (status, office_code, assignee_id, n)
  SELECT status, office_code, coalesce(assignee_id, ''), count(*) FROM applications GROUP BY 1, 2, 3;
DELETE FROM dashboard_intake;
INSERT INTO dashboard_intake (office_code, day, procedure_code, n)
  SELECT office_code, substr(submitted_at, 1, 10), procedure_code, count(*) FROM applications
  GROUP BY 1, 2, 3;
DELETE FROM dashboard_decisions;
INSERT INTO dashboard_decisions (office_code, decided_on, procedure_code, submitted_on, on_time, decided_by, n)
  SELECT office_code, decided_on, procedure_code, substr(submitted_at, 1, 10),
    decided_on <= due_date, coalesce(decided_by, ''), count(*)
  FROM applications WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
DELETE FROM dashboard_open;
INSERT INTO dashboard_open (office_code, procedure_code, assignee_id, submitted_on, due_date, paused, n)
  SELECT office_code, procedure_code, coalesce(assignee_id, ''), substr(submitted_at, 1, 10),
    due_date, status = 'info_requested', count(*)
  FROM applications WHERE is_open = 1 GROUP BY 1, 2, 3, 4, 5, 6;
`;

const SEARCH_STEP = `INSERT OR REPLACE INTO inbox_search (rowid, reference, applicant_name, company_name,
    nif, rccm, phone, phone_digits, email, name_joined)
  SELECT * FROM inbox_search_source WHERE case_rowid > ? AND case_rowid <= ?`;
const KEYS_STEP = `INSERT OR IGNORE INTO case_keys (kind, value, application_id)
  SELECT kind, value, application_id FROM case_keys_source
  WHERE case_rowid > ? AND case_rowid <= ? AND value <> ''`;

const SAVE_MARKER = `INSERT INTO sync_state (key, value) VALUES ('${MARKER_KEY}', ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function createBulkSync(db: Database.Database) {
  const readMarker = db.prepare<[], { value: string }>(
    `SELECT value FROM sync_state WHERE key = '${MARKER_KEY}'`,
  );
  const saveMarker = db.prepare(SAVE_MARKER);
  const deferrable = db.prepare<[], DeferredObject>(
    `SELECT name, type, sql FROM sqlite_schema
     WHERE sql IS NOT NULL AND (
       (type = 'index' AND tbl_name IN (${INDEXED_TABLES.map((t) => `'${t}'`).join(', ')})
         AND sql NOT LIKE 'CREATE UNIQUE%'
         AND name NOT IN (${KEPT_INDEXES.map((t) => `'${t}'`).join(', ')}))
       OR (type = 'trigger' AND tbl_name = 'applications'
         AND name IN (${DEFERRED_TRIGGERS.map((t) => `'${t}'`).join(', ')})))
     ORDER BY type, name`,
  );

  function marker(): BulkMarker | null {
    const row = readMarker.get();
    return row ? (JSON.parse(row.value) as BulkMarker) : null;
  }

  /** Sets aside what waits, in one transaction with the marker (main thread: an empty cache). */
  const enter = db.transaction((): BulkMarker => {
    const deferred = deferrable.all();
    // Unique indexes stay (they are checks, not speed); so do the tables' own keys.
    for (const object of deferred)
      db.exec(`DROP ${object.type.toUpperCase()} ${quoted(object.name)}`);
    const next: BulkMarker = {
      phase: 'loading',
      deferred,
      searchFrom: 0,
      keysFrom: 0,
      lastRowid: 0,
    };
    saveMarker.run(JSON.stringify(next));
    return next;
  });

  /**
   * The build's steps from the marker as it stands, each a writer job that does its part and
   * writes the marker that follows it, and the progress it reaches. `lastRowid`: the highest case
   * rowid now (the first step records it).
   */
  function buildSteps(
    current: BulkMarker,
    lastRowid: number,
  ): { job: WriteJob; progress: BulkProgress }[] {
    const steps: { job: WriteJob; progress: BulkProgress }[] = [];
    let state: BulkMarker = { ...current, deferred: [...current.deferred] };
    const step = (ops: WriteJob['ops'], next: BulkMarker, progress: BulkProgress) => {
      state = next;
      steps.push({
        job: {
          alone: true,
          records: 0,
          ops: [...ops, { kind: 'run', sql: SAVE_MARKER, params: [JSON.stringify(next)] }],
        },
        progress,
      });
    };
    if (state.phase === 'loading') {
      // Search maintenance back first: an update from now on keeps its entry right, and the
      // entries written by rowid below replace whatever a trigger wrote before them.
      const search = state.deferred.filter((object) => SEARCH_TRIGGERS.has(object.name));
      step(
        search.map((object) => ({ kind: 'exec', sql: object.sql })),
        {
          ...state,
          phase: 'building',
          lastRowid,
          deferred: state.deferred.filter((object) => !SEARCH_TRIGGERS.has(object.name)),
        },
        { phase: 'indexes', done: 0, total: 1 },
      );
    }
    const indexes = state.deferred.filter((object) => object.type === 'index');
    // Several indexes per transaction on a small cache (each commit has its cost), one at a time
    // on a large one (a clerk's own write waits for the step under way).
    const perStep = Math.max(1, Math.floor(INDEX_ENTRIES_PER_STEP / Math.max(1, state.lastRowid)));
    for (let from = 0; from < indexes.length; from += perStep) {
      const group = indexes.slice(from, from + perStep);
      const names = new Set(group.map((index) => index.name));
      step(
        group.map((index) => ({ kind: 'exec' as const, sql: index.sql })),
        { ...state, deferred: state.deferred.filter((object) => !names.has(object.name)) },
        { phase: 'indexes', done: from + group.length, total: indexes.length },
      );
    }
    const end = state.lastRowid;
    for (let from = state.searchFrom; from < end; from += ROWIDS_PER_STEP) {
      const to = Math.min(end, from + ROWIDS_PER_STEP);
      step(
        [{ kind: 'run', sql: SEARCH_STEP, params: [from, to] }],
        { ...state, searchFrom: to },
        {
          phase: 'search',
          done: to,
          total: end,
        },
      );
    }
    for (let from = state.keysFrom; from < end; from += ROWIDS_PER_STEP) {
      const to = Math.min(end, from + ROWIDS_PER_STEP);
      step(
        [{ kind: 'run', sql: KEYS_STEP, params: [from, to] }],
        { ...state, keysFrom: to },
        {
          phase: 'search',
          done: end,
          total: end,
        },
      );
    }
    // Tallies counted from the cases in the transaction that brings their triggers back.
    steps.push({
      job: {
        alone: true,
        records: 0,
        ops: [
          { kind: 'exec', sql: RECOUNT_TALLIES },
          ...state.deferred
            .filter((object) => object.type === 'trigger')
            .map((object) => ({ kind: 'exec' as const, sql: object.sql })),
          { kind: 'exec', sql: `DELETE FROM sync_state WHERE key = '${MARKER_KEY}'` },
        ],
      },
      progress: { phase: 'tallies', done: 1, total: 1 },
    });
    return steps;
  }

  return {
    marker,
    enter,
    buildSteps,
    lastRowid: (): number =>
      (db.prepare('SELECT coalesce(max(rowid), 0) FROM applications').pluck().get() as number) ?? 0,
  };
}
export type BulkSync = ReturnType<typeof createBulkSync>;
