import type Database from 'better-sqlite3';
import { isOpenStatus, type CaseStatus } from '../../../shared/domain/caseStatus';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import {
  accumulatePortalChanges,
  CONFIRMATION_STATUSES,
  DECIDED_STATUSES,
  reviewedChanges,
} from '../../../shared/portal/reviewedChanges';
import { storedPortalChangesOf, storedRecordOf } from '../db/storedColumns';
import { caseKeysOf } from '../linked/caseKeyRows';
import { creditedDecider, DECIDED } from './creditedDecider';

export interface IncomingApplication {
  record: PortalApplication;
  officeCode: string;
  dueDate: string;
  /** The v2 feed's `work` block (lease…), kept out of the record; undefined from a v1 feed. */
  work?: unknown;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';
/**
 * `held`: a newer version that `beforeUpdate` kept out of the cache (the case is in conflict).
 * `divergent`: the version already cached, sent again with other content; the cache keeps what
 * it has (a version names one content) and the caller keeps a trace.
 */
export type BatchOutcome = UpsertOutcome | 'held' | 'divergent';

/** JSON with object keys sorted, so two serializations of one content compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface KnownCase {
  portal_version: number;
  status: string;
  office_code: string;
}

/** Rows per multi-row INSERT: few statement runs, far below SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 50;

/** `(?, ?, …), (?, ?, …)…`: `rows` tuples of `width` placeholders. */
function valuesClause(rows: number, width: number): string {
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => tuple).join(', ');
}

/** A status change the portal made to a cached case, seen before the new version is written. */
export interface PortalTransition {
  incoming: IncomingApplication;
  fromStatus: string;
  toStatus: string;
}

export interface ApplicationsRepositoryOptions {
  /**
   * Called inside the page's transaction before a status change from the portal is written (the
   * old row is still readable). Returns extra details for the history line, e.g. what the
   * applicant's reply changed; the workflow also shifts the deadline for the paused SLA here.
   */
  onPortalTransition?: (transition: PortalTransition) => Record<string, unknown> | undefined;
}

/**
 * The statements that write new cases, each a multi-row INSERT of `width` columns: the repository
 * runs them here, the pull's writer thread (sync/pullWriter.ts) runs the same ones on its own
 * connection, so both write exactly the same rows.
 */
export const NEW_CASE_SQL = {
  cases: {
    head: `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code,
        region, city, applicant_name, company_name, nif, rccm, phone, email, submitted_at,
        due_date, portal_version, portal_updated_at, record_json, synced_at, updated_at)`,
    width: 21,
    tail: 'RETURNING rowid',
  },
  history: {
    head: 'INSERT INTO history_events (application_id, at, kind, to_status, details_json)',
    width: 5,
    tail: '',
  },
  documents: {
    head: 'INSERT INTO documents (id, application_id, code, file_name, mime_type, size, sha256)',
    width: 7,
    tail: 'ON CONFLICT (id) DO NOTHING',
  },
  /** Search entries of the cases just written (`?`: their rowids as a JSON array). */
  search: `INSERT INTO inbox_search (rowid, reference, applicant_name, company_name, nif, rccm, phone,
      phone_digits, email, name_joined)
    SELECT * FROM inbox_search_source WHERE case_rowid IN (SELECT value FROM json_each(?))`,
  /**
   * Who decided the cases that arrive already decided, as the portal credits them
   * (creditedDecider.ts), when that person is in the office's directory (`?`: a JSON array of
   * [case id, person id]). Without it, a desk that first sees a case decided on another desk would
   * credit nobody on its dashboard.
   */
  deciders: `UPDATE applications SET decided_by = users.id
    FROM json_each(?) AS credited JOIN users ON users.id = credited.value ->> 1
    WHERE applications.id = credited.value ->> 0`,
  /** Their identifiers (migration 028), computed from the records (caseKeyRows.ts). */
  keys: {
    head: 'INSERT OR IGNORE INTO case_keys (kind, value, application_id)',
    width: 3,
    tail: '',
  },
} as const;

/** The values of new cases' rows, flat in NEW_CASE_SQL's column order. */
export function newCaseRows(items: readonly IncomingApplication[], now: string) {
  const cases: unknown[] = [];
  const history: unknown[] = [];
  const documents: unknown[] = [];
  const keys: unknown[] = [];
  const deciders: [string, string][] = [];
  for (const { record, officeCode, dueDate, work } of items) {
    const decider = DECIDED.has(record.status) ? creditedDecider(work, record.status) : null;
    if (decider) deciders.push([record.id, decider]);
    cases.push(
      record.id,
      record.reference,
      record.procedureCode,
      record.status,
      isOpenStatus(record.status) ? 1 : 0,
      officeCode,
      record.applicant.region,
      record.applicant.city,
      `${record.applicant.firstName} ${record.applicant.lastName}`,
      record.company?.name ?? null,
      record.company?.nif ?? null,
      record.company?.rccm ?? null,
      record.applicant.phone,
      record.applicant.email,
      record.submittedAt,
      dueDate,
      record.version,
      record.updatedAt,
      JSON.stringify(record),
      now,
      now,
    );
    history.push(
      record.id,
      record.submittedAt,
      'received',
      record.status,
      JSON.stringify({ version: record.version }),
    );
    for (const document of record.documents) {
      documents.push(
        document.id,
        record.id,
        document.code,
        document.fileName,
        document.mimeType,
        document.size,
        document.sha256,
      );
    }
    for (const [kind, value] of caseKeysOf(record)) keys.push(kind, value, record.id);
  }
  return { cases, history, documents, keys, deciders };
}

/** Writes portal records into the cache. Callers own the transaction. */
export function createApplicationsRepository(
  db: Database.Database,
  options: ApplicationsRepositoryOptions = {},
) {
  const findKnown = db.prepare<[string], KnownCase>(
    'SELECT portal_version, status, office_code FROM applications WHERE id = ?',
  );
  const findKnownMany = db.prepare<[string], KnownCase & { id: string }>(
    `SELECT id, portal_version, status, office_code FROM applications
     WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const storedRecord = db.prepare<[string], { record_json: string }>(
    'SELECT record_json FROM applications WHERE id = ?',
  );
  const clearAssignee = db.prepare('UPDATE applications SET assignee_id = NULL WHERE id = ?');
  const acknowledge = db.prepare(`
    UPDATE applications SET portal_version = @portalVersion, portal_updated_at = @portalUpdatedAt,
      record_json = @recordJson, synced_at = @now, updated_at = @now
    WHERE id = @id`);
  const update = db.prepare(`
    UPDATE applications SET status = @status, is_open = @isOpen, office_code = @officeCode,
      region = @region, city = @city, applicant_name = @applicantName, company_name = @companyName,
      nif = @nif, rccm = @rccm, phone = @phone, email = @email,
      portal_version = @portalVersion, portal_updated_at = @portalUpdatedAt,
      record_json = @recordJson, synced_at = @now, updated_at = @now
    WHERE id = @id`);
  const insertDocument = db.prepare(`
    INSERT INTO documents (id, application_id, code, file_name, mime_type, size, sha256)
    VALUES (@id, @applicationId, @code, @fileName, @mimeType, @size, @sha256)
    ON CONFLICT (id) DO NOTHING`);
  const insertChange = db.prepare(`
    INSERT INTO history_events (application_id, at, kind, from_status, to_status, details_json)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const reviewedState = db.prepare<
    [string],
    {
      status: CaseStatus;
      portal_version: number;
      record_json: string;
      portal_changes_json: string | null;
    }
  >(
    'SELECT status, portal_version, record_json, portal_changes_json FROM applications WHERE id = ?',
  );
  const setPortalChanges = db.prepare(
    'UPDATE applications SET portal_changes_json = ? WHERE id = ?',
  );
  // New cases are written in multi-row statements; migration 006 moved their search indexing
  // here (one INSERT … SELECT per batch instead of a trigger run per row).
  const indexNewCases = db.prepare(NEW_CASE_SQL.search);
  const creditDeciders = db.prepare(NEW_CASE_SQL.deciders);
  const multiRow = new Map<string, Database.Statement>();
  function insertRows(head: string, width: number, tail: string, values: unknown[]): number[] {
    const rowids: number[] = [];
    const rows = values.length / width;
    for (let start = 0; start < rows; start += ROWS_PER_INSERT) {
      const count = Math.min(ROWS_PER_INSERT, rows - start);
      const sql = `${head} VALUES ${valuesClause(count, width)} ${tail}`;
      let statement = multiRow.get(sql);
      if (!statement) multiRow.set(sql, (statement = db.prepare(sql)));
      const bound = values.slice(start * width, (start + count) * width);
      if (statement.reader) {
        for (const row of statement.raw().all(bound) as [number][]) rowids.push(row[0]);
      } else {
        statement.run(bound);
      }
    }
    return rowids;
  }

  function columns({ record, officeCode, dueDate }: IncomingApplication, now: string) {
    return {
      id: record.id,
      reference: record.reference,
      procedureCode: record.procedureCode,
      status: record.status,
      isOpen: isOpenStatus(record.status) ? 1 : 0,
      officeCode,
      region: record.applicant.region,
      city: record.applicant.city,
      applicantName: `${record.applicant.firstName} ${record.applicant.lastName}`,
      companyName: record.company?.name ?? null,
      nif: record.company?.nif ?? null,
      rccm: record.company?.rccm ?? null,
      phone: record.applicant.phone,
      email: record.applicant.email,
      submittedAt: record.submittedAt,
      dueDate,
      portalVersion: record.version,
      portalUpdatedAt: record.updatedAt,
      recordJson: JSON.stringify(record),
      now,
    };
  }

  function insertDocuments(record: PortalApplication): void {
    for (const document of record.documents) {
      insertDocument.run({ ...document, applicationId: record.id });
    }
  }

  /**
   * Writes new cases (never seen before) in multi-row statements: the rows, their search entries,
   * their « received » history lines and their documents.
   */
  function insertNew(items: readonly IncomingApplication[], now: string): void {
    if (items.length === 0) return;
    const rows = newCaseRows(items, now);
    const rowids = insertRows(NEW_CASE_SQL.cases.head, 21, NEW_CASE_SQL.cases.tail, rows.cases);
    indexNewCases.run(JSON.stringify(rowids));
    insertRows(NEW_CASE_SQL.keys.head, 3, NEW_CASE_SQL.keys.tail, rows.keys);
    if (rows.deciders.length > 0) creditDeciders.run(JSON.stringify(rows.deciders));
    insertRows(NEW_CASE_SQL.history.head, 5, NEW_CASE_SQL.history.tail, rows.history);
    insertRows(NEW_CASE_SQL.documents.head, 7, NEW_CASE_SQL.documents.tail, rows.documents);
  }

  /**
   * A newer portal version of a case decided here (issue 13): what it changes in the reviewed data
   * (applicant, company, form, documents) goes into the history; while the case can still get a
   * certificate, the changes also wait for a person's confirmation (`portal_changes_json`), which
   * issuing and sign-off require. Runs before the new record is written: the stored one is what
   * the decision saw. `statusAfter`: the case's status once the version is written.
   */
  function noteChangesAfterDecision(record: PortalApplication, statusAfter?: CaseStatus): void {
    const stored = reviewedState.get(record.id);
    if (!stored || !DECIDED_STATUSES.includes(stored.status)) return;
    // A stored value of another shape throws, naming its column and row: in a pull, the page's
    // run is then written record by record and only this record is quarantined (writeRun).
    const waiting = storedPortalChangesOf(record.id, stored.portal_changes_json);
    const diff = reviewedChanges(storedRecordOf(record.id, stored.record_json), record);
    const awaitsCertificate = CONFIRMATION_STATUSES.includes(statusAfter ?? stored.status);
    let next = awaitsCertificate ? waiting : null;
    if (diff.changes.length > 0 || diff.omitted > 0) {
      if (awaitsCertificate) {
        next = accumulatePortalChanges(waiting, diff, {
          detectedAt: record.updatedAt,
          version: record.version,
        });
      }
      insertChange.run(
        record.id,
        record.updatedAt,
        'portal_data_changed_after_decision',
        null,
        null,
        JSON.stringify({
          fromVersion: stored.portal_version,
          version: record.version,
          decidedStatus: stored.status,
          changes: diff.changes,
          omitted: diff.omitted,
          confirmationRequired: next !== null,
        }),
      );
    }
    if (next !== waiting) setPortalChanges.run(next ? JSON.stringify(next) : null, record.id);
  }

  /** Writes a newer portal version over the cached one and records what the portal changed. */
  function applyUpdate(
    incoming: IncomingApplication,
    known: { status: string; office_code: string; portal_version: number },
    now: string,
  ): void {
    const { record } = incoming;
    const extra =
      known.status !== record.status
        ? options.onPortalTransition?.({
            incoming,
            fromStatus: known.status,
            toStatus: record.status,
          })
        : undefined;
    noteChangesAfterDecision(record, record.status);
    // due_date is not rewritten: it follows from submittedAt (fixed) and the SLA pauses the
    // workflow records, not from the portal.
    update.run(columns(incoming, now));
    const details = JSON.stringify({
      fromVersion: known.portal_version,
      version: record.version,
      ...extra,
    });
    if (known.status !== record.status) {
      const kind =
        record.status === 'withdrawn'
          ? 'portal_withdrawn'
          : known.status === 'info_requested' && record.status === 'in_review'
            ? 'applicant_replied'
            : 'portal_status_changed';
      insertChange.run(record.id, record.updatedAt, kind, known.status, record.status, details);
    }
    if (known.office_code !== incoming.officeCode) {
      // Re-routed to another office by the portal: the clerk who held it here no longer does.
      clearAssignee.run(record.id);
      insertChange.run(
        record.id,
        record.updatedAt,
        'portal_reassigned',
        null,
        null,
        JSON.stringify({ fromOffice: known.office_code, toOffice: incoming.officeCode }),
      );
    }
    insertDocuments(record);
  }

  /**
   * A version already cached, sent again. Replays are common and change nothing. When the stored
   * record is older than its version, the version was advanced by our own event (pushOutbox):
   * the portal's record of it is taken in, the workflow columns stay. Any other difference is
   * `divergent`: a version names one content, so the cache keeps what it has.
   */
  const catchUpOwnVersion = db.prepare(
    'UPDATE applications SET record_json = ?, portal_updated_at = ? WHERE id = ?',
  );
  function sameVersionOutcome(record: PortalApplication): 'unchanged' | 'divergent' {
    const stored = storedRecord.get(record.id)?.record_json;
    if (stored === undefined || stored === JSON.stringify(record)) return 'unchanged';
    const parsed = storedRecordOf(record.id, stored);
    if (parsed.version < record.version) {
      catchUpOwnVersion.run(JSON.stringify(record), record.updatedAt, record.id);
      return 'unchanged';
    }
    return canonicalJson(parsed) === canonicalJson(record) ? 'unchanged' : 'divergent';
  }

  /**
   * The batch form of `upsertFromPortal`, for a page of the change feed: one lookup for the whole
   * batch, new cases written together. Items are applied in order, with the same version guard
   * (a newer version replaces an older one, anything else changes nothing), so a case appearing
   * twice in a batch ends at its newest version. For a newer version of a case already cached,
   * `beforeUpdate` is asked first (in order, before that update is written); when it returns true
   * the version is held back (conflicts) and the outcome is `held`.
   */
  function upsertMany(
    items: readonly IncomingApplication[],
    now: string,
    beforeUpdate?: (incoming: IncomingApplication) => boolean,
  ): BatchOutcome[] {
    const known = new Map<string, KnownCase>();
    for (const row of findKnownMany.all(JSON.stringify(items.map((item) => item.record.id)))) {
      known.set(row.id, row);
    }
    const outcomes: BatchOutcome[] = [];
    let pending: IncomingApplication[] = [];
    const pendingIds = new Set<string>();
    // Cases `beforeUpdate` held back: it may have written them itself (conflicts.ts takes in a
    // version made only by our own actions), so a later copy in the batch reads them again.
    const reread = new Set<string>();
    for (const incoming of items) {
      const { record } = incoming;
      if (reread.delete(record.id)) {
        const row = findKnown.get(record.id);
        if (row) known.set(record.id, row);
      }
      const cached = known.get(record.id);
      if (cached && cached.portal_version >= record.version) {
        outcomes.push(
          cached.portal_version === record.version ? sameVersionOutcome(record) : 'unchanged',
        );
        continue;
      }
      if (cached) {
        // Seen earlier in this batch: its row must exist before it is read or updated.
        if (pendingIds.has(record.id)) {
          insertNew(pending, now);
          pending = [];
          pendingIds.clear();
        }
        if (beforeUpdate?.(incoming)) {
          outcomes.push('held');
          reread.add(record.id);
          continue;
        }
        applyUpdate(incoming, cached, now);
        outcomes.push('updated');
      } else {
        pending.push(incoming);
        pendingIds.add(record.id);
        outcomes.push('inserted');
      }
      known.set(record.id, {
        portal_version: record.version,
        status: record.status,
        office_code: incoming.officeCode,
      });
    }
    insertNew(pending, now);
    return outcomes;
  }

  return {
    /** Newer portal versions replace older ones; replays and out-of-order pages change nothing. */
    upsertFromPortal(incoming: IncomingApplication, now: string): UpsertOutcome {
      const outcome = upsertMany([incoming], now)[0];
      return outcome === 'divergent' ? 'unchanged' : (outcome as UpsertOutcome);
    },
    upsertManyFromPortal: upsertMany,
    /** The clerk chose the portal's version in a conflict: it replaces the local state. */
    takePortalVersion(incoming: IncomingApplication, now: string): void {
      const known = findKnown.get(incoming.record.id);
      if (known) applyUpdate(incoming, known, now);
    },
    /**
     * The clerk kept the local state in a conflict: the portal's record (the applicant's data,
     * documents, version) is taken in, the local workflow columns (status, office, assignee) stay.
     */
    acknowledgePortalVersion(incoming: IncomingApplication, now: string): void {
      const { record } = incoming;
      // The local status stays: a decision kept against the portal's newer data is checked too.
      noteChangesAfterDecision(record);
      acknowledge.run({
        id: record.id,
        portalVersion: record.version,
        portalUpdatedAt: record.updatedAt,
        recordJson: JSON.stringify(record),
        now,
      });
      insertDocuments(record);
    },
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
