import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { dueDateOf } from '../../../shared/domain/deadline';
import type { Catalog } from '../catalog/loadCatalog';
import type {
  ApplicationsRepository,
  BatchOutcome,
  IncomingApplication,
} from '../cases/applicationsRepository';
import { nextTurn, schedulerOf, type Clock } from '../clock';
import { nextDelay, type SyncTuning } from './backoff';
import type { Conflicts } from './conflicts';
import {
  isTransient,
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from './portalClient';
import type { SyncStateStore } from './syncStateStore';
import { createPullCheckpoints } from './pullCheckpoints';
import type { Quarantine } from './quarantine';
import { portalIdOf, validatePortalRecord } from './validatePortalRecord';

export interface PullDependencies {
  db: Database.Database;
  portal: PortalClient;
  catalog: Catalog;
  calendar: WorkingCalendar;
  applications: ApplicationsRepository;
  syncState: SyncStateStore;
  conflicts: Conflicts;
  quarantine: Quarantine;
  clock: Clock;
  tuning: SyncTuning;
  /** `v2`: an enrolled desk reads `/api/v2/applications` (records with their `work` block). */
  feedRoute?: () => 'v1' | 'v2';
  /** Records just written, with their `work` block, inside the page's transaction (leases). */
  onWritten?: (items: readonly { id: string; work: unknown }[]) => void;
}

export interface PageOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** Newer portal versions held back because the case is in conflict. */
  conflicted: number;
  changedIds: string[];
}

export interface PullProgress extends PageOutcome {
  pages: number;
  /** Pages ignored because the portal (or a proxy) served an older position again. */
  stalePages: number;
  remaining: number | null;
}

/** After this many stale pages in a row the pull stops; the next sync resumes from the cursor. */
const MAX_STALE_IN_A_ROW = 10;

/**
 * One write transaction's share of the main thread: its work plus the commit it will cost
 * (pages written, fsync), after which the event loop gets a turn. Measured event-loop delay
 * during a 20k pull: see docs/status.md.
 */
const SLICE_BUDGET_MS = 20;

/** First pause before asking again for a page after a dropped connection; doubles each time. */
const UNREACHABLE_RETRY_MS = 250;

/**
 * Pulls the portal's change feed from the stored cursor to its end. Each page is applied in one
 * transaction together with the cursor that follows it, so a crash never skips or half-applies a
 * page; malformed records go to quarantine and the rest of the page still lands.
 */
function emptyOutcome(): PageOutcome {
  return { inserted: 0, updated: 0, unchanged: 0, quarantined: 0, conflicted: 0, changedIds: [] };
}

export function createPuller(deps: PullDependencies) {
  const { quarantine } = deps;
  // Backoff waits go through the core's scheduler (a test's fake decides when they are over).
  const scheduler = schedulerOf(deps.clock);
  const checkpoints = createPullCheckpoints(deps.db);

  /** Validates a run of raw items: the valid ones placed (office, deadline), the others quarantined. */
  function prepare(items: readonly unknown[], now: string, outcome: PageOutcome) {
    const valid: IncomingApplication[] = [];
    const clock = new Date(now);
    for (const raw of items) {
      try {
        const check = validatePortalRecord(raw, deps.catalog, clock);
        if (!check.ok) {
          quarantine.refuse(raw, check.portalId, check.reason, now);
          outcome.quarantined++;
          continue;
        }
        const procedure = deps.catalog.get(check.record.procedureCode);
        const dueDate = dueDateOf(
          deps.calendar,
          check.record.submittedAt,
          procedure?.slaWorkingDays ?? 0,
          0, // a new case has not waited for the applicant yet
        );
        // The v2 `work` block (who holds the case…) is the portal's arbitration, not the
        // applicant's record: it lives beside the case, never in the record's content.
        const { work, ...record } = check.record as typeof check.record & { work?: unknown };
        valid.push({ record, officeCode: check.officeCode, dueDate, work });
      } catch (error) {
        refuseUnexpected(raw, error, now, outcome);
      }
    }
    return valid;
  }

  /** An item our own code choked on: quarantined like a malformed one, and the page goes on. */
  function refuseUnexpected(raw: unknown, error: unknown, now: string, outcome: PageOutcome) {
    const detail = error instanceof Error ? `${error.name} : ${error.message}` : String(error);
    const reference =
      raw && typeof raw === 'object' && 'reference' in raw ? String(raw.reference) : '';
    const reason = detail.includes('UNIQUE constraint failed: applications.reference')
      ? `référence « ${reference.slice(0, 40)} » déjà portée par un autre dossier du cache ; signalez-le au support du portail`
      : `enregistrement impossible à intégrer (erreur interne : ${detail.slice(0, 200)}) ; signalez-le à l'administrateur`;
    quarantine.refuse(raw, portalIdOf(raw), reason, now);
    outcome.quarantined++;
  }

  /** One run of records written together, or rolled back together (a savepoint). */
  const upsertRun = deps.db.transaction((valid: readonly IncomingApplication[], now: string) =>
    deps.applications.upsertManyFromPortal(valid, now, (incoming) =>
      deps.conflicts.interceptPortalVersion(incoming, now),
    ),
  );

  /**
   * Writes a run; when a write fails (a record the validation let through but the cache refuses),
   * the run is rolled back and written record by record so only the guilty one is quarantined.
   */
  function writeRun(valid: IncomingApplication[], now: string, outcome: PageOutcome) {
    let results: BatchOutcome[];
    let written = valid;
    try {
      results = upsertRun(valid, now);
    } catch {
      results = [];
      written = [];
      for (const incoming of valid) {
        try {
          results.push(...upsertRun([incoming], now));
          written.push(incoming);
        } catch (error) {
          refuseUnexpected(incoming.record, error, now, outcome);
        }
      }
    }
    quarantine.resolved(written.map((incoming) => incoming.record.id));
    deps.onWritten?.(written.map((incoming) => ({ id: incoming.record.id, work: incoming.work })));
    results.forEach((result, index) => {
      const record = written[index]?.record;
      const id = record?.id ?? '';
      if (result === 'divergent') {
        outcome.unchanged++;
        quarantine.refuse(
          record,
          id,
          `le portail a renvoyé la version ${record?.version ?? '?'} de ce dossier avec un contenu différent ; Bureau garde celle qu'il avait déjà. Signalez-le au support du portail`,
          now,
          `same-version:${id}:${record?.version ?? ''}`,
        );
        return;
      }
      if (result === 'held') outcome.conflicted++;
      else outcome[result]++;
      if (result !== 'unchanged') outcome.changedIds.push(id);
    });
  }

  /**
   * The commit comes on top of a slice's work and grows with it (each new case dirties a page in
   * every index, all written at commit), so a slice stops when its work plus the commit it will
   * cost reaches the budget; the commit's cost per record is learnt from the slices before.
   */
  const pace = { commitMsPerRecord: 0.1, workMs: 0 };

  /**
   * Applies a page from `start` in one transaction until the page ends or the time budget is
   * spent, in runs of `applyBatchSize` records (one lookup and multi-row inserts per run); returns
   * where it stopped. Only the transaction that reaches the page's end carries the cursor, so the
   * cursor moves only once all of the page's data is committed; a crash in between replays the
   * page from the old cursor, which the version guard makes harmless.
   */
  const applySlice = deps.db.transaction(
    (
      items: readonly unknown[],
      start: number,
      cursor: { nextCursor: string; cursorSequence: number | undefined },
      outcome: PageOutcome,
    ): number => {
      const began = performance.now();
      const now = deps.clock.now().toISOString();
      const run = Math.max(1, deps.tuning.applyBatchSize);
      let next = start;
      do {
        const valid = prepare(items.slice(next, next + run), now, outcome);
        next += run;
        writeRun(valid, now, outcome);
      } while (
        next < items.length &&
        performance.now() - began + pace.commitMsPerRecord * (next - start) < SLICE_BUDGET_MS
      );
      // Items are version-guarded, so a stale page is harmless; only the cursor must not go back.
      if (next >= items.length && !isStale(cursor.cursorSequence)) {
        deps.syncState.set('pull_cursor', cursor.nextCursor);
        if (cursor.cursorSequence !== undefined) {
          deps.syncState.set('pull_cursor_seq', String(cursor.cursorSequence));
        }
      }
      pace.workMs = performance.now() - began;
      return next;
    },
  );

  /**
   * Pull transactions commit without syncing the WAL (synchronous = NORMAL; ~30–45 % faster
   * ingest, measured with bench/ingestSteps.ts). The file stays consistent whatever happens; a
   * power cut may lose the last pulled pages, cursor included, which the next sync pulls again.
   * The next commit made with the connection's own setting (FULL: a clerk's decision) syncs
   * the WAL, these pages with it.
   */
  function withoutWalSync<T>(write: () => T): T {
    const previous = deps.db.pragma('synchronous', { simple: true }) as number;
    deps.db.pragma('synchronous = NORMAL');
    try {
      return write();
    } finally {
      deps.db.pragma(`synchronous = ${previous}`);
    }
  }

  /**
   * A page is written in transactions of about SLICE_BUDGET_MS each (work and commit), with a
   * full turn of the event loop between them: no block of the main thread much exceeds the
   * budget, whatever the machine's speed, while each commit (and its fsync) is shared by as many
   * records as fit. The WAL checkpoints that these commits call for run on a worker thread.
   */
  async function applyPage(
    items: unknown[],
    nextCursor: string,
    cursorSequence: number | undefined,
  ): Promise<PageOutcome> {
    const total = emptyOutcome();
    let start = 0;
    do {
      if (start > 0) await nextTurn();
      // Counted apart and merged once committed: a rolled-back slice adds nothing.
      const slice = emptyOutcome();
      const began = performance.now();
      const from = start;
      start = withoutWalSync(() => applySlice(items, start, { nextCursor, cursorSequence }, slice));
      const commitMs = performance.now() - began - pace.workMs;
      const records = Math.max(1, Math.min(start, items.length) - from);
      pace.commitMsPerRecord = 0.7 * pace.commitMsPerRecord + (0.3 * commitMs) / records;
      total.inserted += slice.inserted;
      total.updated += slice.updated;
      total.unchanged += slice.unchanged;
      total.quarantined += slice.quarantined;
      total.conflicted += slice.conflicted;
      total.changedIds.push(...slice.changedIds);
      await checkpoints.afterSlice();
    } while (start < items.length);
    return total;
  }

  /**
   * The cursor is opaque, so its order comes from the page's optional `cursorSequence`. A page
   * whose sequence is below the stored one is a replay of an older position (a proxy's cache, a
   * duplicated response). Equal is not stale: it is how « nothing new » looks.
   */
  function isStale(cursorSequence: number | undefined): boolean {
    if (cursorSequence === undefined) return false;
    const stored = deps.syncState.get('pull_cursor_seq');
    return stored !== null && cursorSequence < Number(stored);
  }

  async function fetchPage(cursor: string | null, pageSize: number, signal?: AbortSignal) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.portal.fetchApplications(cursor, pageSize, deps.feedRoute?.() ?? 'v1');
      } catch (error) {
        if (!isTransient(error) || attempt + 1 >= deps.tuning.pageAttempts) throw error;
        if (error instanceof PortalUnreachableError) {
          // A dropped connection on a poor link is retried, but quickly (~4 s in all): past that
          // the portal is down and the offline probe takes over, so the header says « hors
          // ligne » instead of « synchronisation… » for the whole backoff.
          await scheduler.sleep(Math.min(UNREACHABLE_RETRY_MS * 2 ** attempt, 2_000), signal);
          continue;
        }
        const retryAfter = error instanceof PortalResponseError ? error.retryAfterMs : null;
        await scheduler.sleep(nextDelay(attempt, retryAfter, deps.tuning), signal);
      }
    }
  }

  return {
    async pull(options: {
      pageSize: number;
      onPage?: (progress: PullProgress) => void;
      /** Ends a backoff wait at once (Bureau is stopping): the pull rejects with its reason. */
      signal?: AbortSignal;
    }): Promise<PullProgress> {
      const total: PullProgress = {
        pages: 0,
        stalePages: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        quarantined: 0,
        conflicted: 0,
        changedIds: [],
        remaining: null,
      };
      let staleInARow = 0;
      checkpoints.begin();
      try {
        for (;;) {
          const cursor = deps.syncState.get('pull_cursor');
          const page = await fetchPage(cursor, options.pageSize, options.signal);
          const stale = isStale(page.cursorSequence);
          const outcome = await applyPage(page.items, page.nextCursor, page.cursorSequence);
          total.pages++;
          total.inserted += outcome.inserted;
          total.updated += outcome.updated;
          total.unchanged += outcome.unchanged;
          total.quarantined += outcome.quarantined;
          total.conflicted += outcome.conflicted;
          total.changedIds.push(...outcome.changedIds);
          if (stale) {
            total.stalePages++;
            if (++staleInARow >= MAX_STALE_IN_A_ROW) break;
          } else {
            staleInARow = 0;
            total.remaining = page.remaining ?? null;
          }
          options.onPage?.({ ...total, changedIds: outcome.changedIds });
          // A stale page says nothing about the end of the feed: ask again from our cursor.
          if (!stale && (!page.hasMore || page.items.length === 0)) break;
          // Give the event loop a turn between pages so the UI transport stays responsive.
          await nextTurn();
        }
      } finally {
        await checkpoints.end();
      }
      deps.syncState.set('last_success_at', deps.clock.now().toISOString());
      return total;
    },
  };
}
export type Puller = ReturnType<typeof createPuller>;
