import type Database from 'better-sqlite3';
import {
  OUTBOX_FILTERS,
  type OutboxEntry,
  type OutboxFilter,
  type OutboxPage,
  type WorkCase,
  type Worklist,
  type WorklistItem,
  type WorklistKind,
} from '../../../shared/api/worklistTypes';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import { OFFICES } from '../../../shared/domain/offices';

/**
 * Reads for « À régulariser » and the outbox view (issue 17). Read-only: the tables keep their
 * owners (`outbox.ts`, `conflicts.ts`, `quarantine.ts`, `documentDownloader.ts`); this module only
 * gathers what needs a person, scoped to one office like the office's queues:
 *
 * - a case (conflict, refused action, failed attachment) belongs to its office (`office_code`);
 * - a quarantined record never became a case: it belongs to the office of the cached case with
 *   its id, else to the office of its applicant's region; a record with neither (no id, no known
 *   region: an account, a key, a broken item) concerns the whole desk and every office sees it.
 */

interface CaseColumns {
  id: string;
  reference: string;
  applicant_name: string;
  procedure_code: string;
  status: CaseStatus;
}

interface FlaggedCase extends CaseColumns {
  reason: 'portal_changed' | 'action_rejected' | null;
  message: string | null;
  detected_at: string | null;
}

interface OpenAction {
  application_id: string;
  kind: string;
  state: 'pending' | 'sending' | 'failed';
  created_at: string;
  last_error: string | null;
}

interface FailedDocuments extends CaseColumns {
  n: number;
  file_name: string;
  last_error: string | null;
}

interface QuarantineRow {
  id: number;
  portal_id: string | null;
  reason: string;
  received_at: string;
  seen_count: number;
  case_id: string | null;
  reference: string | null;
  applicant_name: string | null;
  procedure_code: string | null;
  status: CaseStatus | null;
}

interface OutboxRecord extends CaseColumns {
  action_id: number;
  kind: string;
  state: OutboxEntry['state'];
  created_at: string;
  sent_at: string | null;
  next_attempt_at: string | null;
  attempts: number;
  last_error: string | null;
  actor_name: unknown;
  in_conflict: number;
}

const CASE_COLUMNS = 'a.id, a.reference, a.applicant_name, a.procedure_code, a.status';

const caseOf = (row: CaseColumns): WorkCase => ({
  id: row.id,
  reference: row.reference,
  applicantName: row.applicant_name,
  procedureCode: row.procedure_code,
  status: row.status,
});

/** A conflict read without trusting its column: a value of another shape is shown as a bare conflict. */
const conflictField = (path: string) =>
  `CASE WHEN json_valid(a.conflict_json) THEN json_extract(a.conflict_json, '${path}') END`;

/** Cases of the office that are in conflict or hold a refused action (each index read once). */
export const FLAGGED_CASES = `
  SELECT ${CASE_COLUMNS},
    ${conflictField('$.reason')} AS reason,
    ${conflictField('$.message')} AS message,
    ${conflictField('$.detectedAt')} AS detected_at
  FROM applications a
  WHERE a.office_code = @office AND a.id IN (
    SELECT id FROM applications WHERE conflict_json IS NOT NULL
    UNION SELECT application_id FROM outbox WHERE state = 'failed')`;

/** `state <> 'ready'` repeats the partial index `documents_pending` so SQLite may use it. */
export const FAILED_DOCUMENTS = `
  SELECT ${CASE_COLUMNS}, count(*) AS n, min(d.file_name) AS file_name,
    (SELECT last_error FROM documents WHERE application_id = a.id AND state = 'failed'
     ORDER BY rowid LIMIT 1) AS last_error
  FROM documents d JOIN applications a ON a.id = d.application_id
  WHERE d.state <> 'ready' AND d.state = 'failed' AND a.office_code = @office
  GROUP BY a.id`;

/**
 * The office a quarantined record belongs to, as a condition: the cached case's, else its
 * region's; neither known, every office sees it. Invalid JSON (a cut text) has no region.
 */
const QUARANTINE_VISIBLE = `
  CASE
    WHEN a.id IS NOT NULL THEN a.office_code = @office
    WHEN q.region IN (SELECT value FROM json_each(@allRegions))
      THEN q.region IN (SELECT value FROM json_each(@officeRegions))
    ELSE 1
  END`;
export const QUARANTINE_ROWS = `
  WITH q AS (
    SELECT id, portal_id, reason, received_at, seen_count,
      CASE WHEN json_valid(raw_json) THEN json_extract(raw_json, '$.applicant.region') END AS region
    FROM quarantine)
  SELECT q.id, q.portal_id, q.reason, q.received_at, q.seen_count, a.id AS case_id, a.reference,
    a.applicant_name, a.procedure_code, a.status
  FROM q LEFT JOIN applications a ON a.id = q.portal_id
  WHERE ${QUARANTINE_VISIBLE}`;

const OUTBOX_STATES: Record<Exclude<OutboxFilter, 'all'>, string> = {
  waiting: "('pending', 'sending')",
  refused: "('failed')",
  sent: "('sent')",
  cancelled: "('cancelled')",
};

/** One page of the office's outbox, newest first: a walk down the primary key (or `state`'s index). */
export function outboxPageSql(filter: OutboxFilter): string {
  const state = filter === 'all' ? '' : `o.state IN ${OUTBOX_STATES[filter]} AND `;
  return `
    SELECT o.id AS action_id, o.kind, o.state, o.created_at, o.sent_at, o.next_attempt_at,
      o.attempts, o.last_error,
      CASE WHEN json_valid(o.actor_json) THEN json_extract(o.actor_json, '$.displayName') END
        AS actor_name,
      ${CASE_COLUMNS}, a.conflict_json IS NOT NULL AS in_conflict
    FROM outbox o JOIN applications a ON a.id = o.application_id
    WHERE ${state}o.id < @cursor AND a.office_code = @office
    ORDER BY o.id DESC LIMIT @limit`;
}

const ALL_REGIONS = JSON.stringify(OFFICES.flatMap((office) => [...office.regions]));
const regionsOf = (office: string): string =>
  JSON.stringify(OFFICES.find((candidate) => candidate.code === office)?.regions ?? []);

const byNewest = (a: WorklistItem, b: WorklistItem) =>
  (b.at ?? '').localeCompare(a.at ?? '') || a.key.localeCompare(b.key);

export function createSyncWorklist(db: Database.Database) {
  const flagged = db.prepare<{ office: string }, FlaggedCase>(FLAGGED_CASES);
  const openActions = db.prepare<[string], OpenAction>(`
    SELECT application_id, kind, state, created_at, last_error FROM outbox
    WHERE state IN ('pending', 'sending', 'failed')
      AND application_id IN (SELECT value FROM json_each(?))
    ORDER BY id`);
  const failedDocuments = db.prepare<{ office: string }, FailedDocuments>(FAILED_DOCUMENTS);
  const quarantined = db.prepare<
    { office: string; officeRegions: string; allRegions: string; limit: number },
    QuarantineRow
  >(`${QUARANTINE_ROWS} ORDER BY q.id DESC LIMIT @limit`);
  const quarantinedCount = db
    .prepare<{ office: string; officeRegions: string; allRegions: string }, number>(
      `SELECT count(*) FROM (${QUARANTINE_ROWS})`,
    )
    .pluck();
  const flaggedCount = db
    .prepare<{ office: string }, number>(`SELECT count(*) FROM (${FLAGGED_CASES})`)
    .pluck();
  const failedDocumentCount = db
    .prepare<{ office: string }, number>(`SELECT count(*) FROM (${FAILED_DOCUMENTS})`)
    .pluck();

  const outboxPage = new Map(
    OUTBOX_FILTERS.map((filter) => [
      filter,
      db.prepare<{ office: string; cursor: number; limit: number }, OutboxRecord>(
        outboxPageSql(filter),
      ),
    ]),
  );
  const outboxCounts = db.prepare<{ office: string }, { state: OutboxEntry['state']; n: number }>(`
    SELECT o.state, count(*) AS n FROM outbox o JOIN applications a ON a.id = o.application_id
    WHERE a.office_code = @office GROUP BY o.state`);

  const quarantineScope = (office: string) => ({
    office,
    officeRegions: regionsOf(office),
    allRegions: ALL_REGIONS,
  });

  /** One item per case in conflict or holding a refused action. */
  function caseItems(office: string): WorklistItem[] {
    const cases = flagged.all({ office });
    if (cases.length === 0) return [];
    const actions = new Map<string, OpenAction[]>();
    for (const action of openActions.all(JSON.stringify(cases.map((row) => row.id)))) {
      actions.set(action.application_id, [...(actions.get(action.application_id) ?? []), action]);
    }
    return cases.map((row) => {
      const open = actions.get(row.id) ?? [];
      const refused = open.filter((action) => action.state === 'failed');
      const kind: WorklistKind =
        row.reason === 'action_rejected' || refused.length > 0 ? 'refused_action' : 'conflict';
      const shown = kind === 'refused_action' ? refused : open;
      return {
        key: `${kind}:${row.id}`,
        kind,
        at: row.detected_at ?? shown[0]?.created_at ?? open[0]?.created_at ?? null,
        case: caseOf(row),
        portalId: null,
        // A refusal: the portal's own reason; a conflict: the core's sentence of what happened.
        detail:
          kind === 'refused_action'
            ? (refused[0]?.last_error ?? row.message)
            : (row.message ?? null),
        actionKind: shown[0]?.kind ?? open[0]?.kind ?? null,
        count: shown.length,
        seenCount: 1,
      };
    });
  }

  function documentItems(office: string): WorklistItem[] {
    return failedDocuments.all({ office }).map((row) => ({
      key: `document_failed:${row.id}`,
      kind: 'document_failed',
      // Documents keep no date of their last try: such items sort last.
      at: null,
      case: caseOf(row),
      portalId: null,
      detail: row.last_error ? `${row.file_name} : ${row.last_error}` : row.file_name,
      actionKind: null,
      count: row.n,
      seenCount: 1,
    }));
  }

  function quarantineItems(office: string, limit: number): WorklistItem[] {
    return quarantined.all({ ...quarantineScope(office), limit }).map((row) => ({
      key: `quarantined:${row.id}`,
      kind: 'quarantined',
      at: row.received_at,
      case:
        row.case_id !== null
          ? caseOf({
              id: row.case_id,
              reference: row.reference ?? '',
              applicant_name: row.applicant_name ?? '',
              procedure_code: row.procedure_code ?? '',
              status: row.status ?? 'submitted',
            })
          : null,
      portalId: row.portal_id,
      detail: row.reason,
      actionKind: null,
      count: 1,
      seenCount: row.seen_count,
    }));
  }

  function counts(office: string): Worklist['counts'] {
    const cases = caseItems(office);
    return {
      conflict: cases.filter((item) => item.kind === 'conflict').length,
      refused_action: cases.filter((item) => item.kind === 'refused_action').length,
      quarantined: quarantinedCount.get(quarantineScope(office)) ?? 0,
      document_failed: failedDocumentCount.get({ office }) ?? 0,
    };
  }

  return {
    /** Everything of `office` that needs a person because of sync, newest first. */
    list(office: string, limit: number): Worklist {
      const items = [
        ...caseItems(office),
        ...documentItems(office),
        ...quarantineItems(office, limit),
      ].sort(byNewest);
      const tally = counts(office);
      return {
        items: items.slice(0, limit),
        total: Object.values(tally).reduce((sum, n) => sum + n, 0),
        counts: tally,
      };
    },

    /** The navigation's count: every item, read with counts only. */
    count(office: string): number {
      return (
        (flaggedCount.get({ office }) ?? 0) +
        (failedDocumentCount.get({ office }) ?? 0) +
        (quarantinedCount.get(quarantineScope(office)) ?? 0)
      );
    },

    /** The office's outbox, newest first, keyset-paged by action id. */
    outbox(office: string, filter: OutboxFilter, cursor: number | null, limit: number): OutboxPage {
      const records = outboxPage
        .get(filter)!
        .all({ office, cursor: cursor ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 });
      const shown = records.slice(0, limit);
      const tally: OutboxPage['counts'] = { waiting: 0, refused: 0, sent: 0, cancelled: 0 };
      for (const { state, n } of outboxCounts.all({ office })) {
        if (state === 'pending' || state === 'sending') tally.waiting += n;
        else if (state === 'failed') tally.refused += n;
        else tally[state] += n;
      }
      return {
        rows: shown.map((row) => ({
          id: row.action_id,
          case: caseOf(row),
          kind: row.kind,
          state: row.state,
          createdAt: row.created_at,
          sentAt: row.sent_at,
          nextAttemptAt: row.next_attempt_at,
          attempts: row.attempts,
          lastError: row.last_error,
          actorName: typeof row.actor_name === 'string' ? row.actor_name : null,
          caseInConflict: row.in_conflict === 1,
        })),
        nextCursor: records.length > limit ? (shown.at(-1)?.action_id ?? null) : null,
        counts: tally,
      };
    },
  };
}
export type SyncWorklist = ReturnType<typeof createSyncWorklist>;
