import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { dueDateOf } from '../../../shared/domain/deadline';
import type { Catalog } from '../catalog/loadCatalog';
import {
  NEW_CASE_SQL,
  newCaseRows,
  type ApplicationsRepository,
  type BatchOutcome,
  type IncomingApplication,
} from '../cases/applicationsRepository';
import { inTurns, nextTurn, schedulerOf, type Clock } from '../clock';
import { nextDelay, type SyncTuning } from './backoff';
import type { Conflicts } from './conflicts';
import {
  isTransient,
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from './portalClient';
import type { SyncStateStore } from './syncStateStore';
import { createBulkSync, type BulkProgress } from './bulkSync';
import { createPullCheckpoints } from './pullCheckpoints';
import {
  createPullWriter,
  runWriteJob,
  WriterRefusal,
  type PullWriter,
  type WriteOp,
} from './pullWriter';
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
  // The writer thread opens the cache's file a second time: an in-memory cache writes here.
  const onFile = !deps.db.memory && deps.db.name !== '';
  const bulk = onFile ? createBulkSync(deps.db) : null;
  let bulkProgress: BulkProgress | null = null;
  const knownIds = deps.db
    .prepare<[string], string>(
      'SELECT id FROM applications WHERE id IN (SELECT value FROM json_each(?))',
    )
    .pluck();
  const countCases = deps.db.prepare<[], number>('SELECT count(*) FROM applications').pluck();

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

  /**
   * A page the writer thread can take: every record valid, new to the cache (not in it, not
   * twice in the page, not on its way in an earlier page) and without a `work` block. Such a page
   * is exactly what `insertNew` would write — no conflict, no portal transition, no lease — so the
   * thread writes the same rows. Anything else (an update, a quarantine, an enrolled desk's
   * leases) goes through the main thread's path, after the pages before it are committed.
   * Checked in turns of the event loop of SLICE_BUDGET_MS at most, as the main thread's path
   * writes: a page of 500 checked at once held the main thread 20–80 ms (measured).
   */
  async function newCasesOnly(
    items: readonly unknown[],
    now: string,
    inFlight: ReadonlySet<string>,
  ): Promise<IncomingApplication[] | null> {
    const clock = new Date(now);
    const valid: IncomingApplication[] = [];
    const ids = new Set<string>();
    let writable = true;
    await inTurns(items, SLICE_BUDGET_MS, (raw) => {
      let check: ReturnType<typeof validatePortalRecord>;
      try {
        check = validatePortalRecord(raw, deps.catalog, clock);
      } catch {
        return (writable = false);
      }
      if (!check.ok) return (writable = false);
      const { work, ...record } = check.record as typeof check.record & { work?: unknown };
      if (work !== undefined || ids.has(record.id) || inFlight.has(record.id)) {
        return (writable = false);
      }
      ids.add(record.id);
      const procedure = deps.catalog.get(record.procedureCode);
      const dueDate = dueDateOf(
        deps.calendar,
        record.submittedAt,
        procedure?.slaWorkingDays ?? 0,
        0,
      );
      valid.push({ record, officeCode: check.officeCode, dueDate });
      return true;
    });
    if (!writable || knownIds.all(JSON.stringify([...ids])).length > 0) return null;
    return valid;
  }

  const SET_STATE = `INSERT INTO sync_state (key, value) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`;

  /**
   * The writer's job for a page of new cases: the rows `insertNew` writes (without their search
   * entries and keys while a bulk load defers them), the quarantine entries they resolve, and the
   * page's cursor unless the page is stale — all in the thread's transaction.
   */
  function newCasesJob(
    valid: readonly IncomingApplication[],
    now: string,
    cursor: { nextCursor: string; cursorSequence: number | undefined } | null,
    indexed: boolean,
  ) {
    const rows = newCaseRows(valid, now);
    const { cases, history, documents, keys } = NEW_CASE_SQL;
    const ops: WriteOp[] = [
      indexed
        ? { kind: 'rows', ...cases, values: rows.cases, collect: true }
        : { kind: 'rows', ...cases, tail: '', values: rows.cases },
    ];
    if (indexed) {
      ops.push({ kind: 'run', sql: NEW_CASE_SQL.search, rowids: true });
      if (rows.keys.length > 0) ops.push({ kind: 'rows', ...keys, values: rows.keys });
    }
    if (rows.deciders.length > 0) {
      ops.push({
        kind: 'run',
        sql: NEW_CASE_SQL.deciders,
        params: [JSON.stringify(rows.deciders)],
      });
    }
    ops.push({ kind: 'rows', ...history, values: rows.history });
    if (rows.documents.length > 0) ops.push({ kind: 'rows', ...documents, values: rows.documents });
    ops.push({
      kind: 'run',
      sql: 'DELETE FROM quarantine WHERE item_key IN (SELECT value FROM json_each(?))',
      params: [JSON.stringify(valid.map(({ record }) => `id:${record.id.slice(0, 64)}`))],
    });
    if (cursor) {
      ops.push({ kind: 'run', sql: SET_STATE, params: ['pull_cursor', cursor.nextCursor] });
      if (cursor.cursorSequence !== undefined) {
        ops.push({
          kind: 'run',
          sql: SET_STATE,
          params: ['pull_cursor_seq', String(cursor.cursorSequence)],
        });
      }
    }
    return { ops, records: valid.length };
  }

  function startWriter(): PullWriter | null {
    if (!onFile) return null;
    try {
      return createPullWriter(deps.db.name);
    } catch {
      return null;
    }
  }

  /**
   * A bulk load ends by building what it set aside (bulkSync.ts), one step per transaction on
   * the writer thread (on this one when the thread cannot start), reporting each step.
   */
  async function buildDeferred(
    onBulk: ((progress: BulkProgress | null) => void) | undefined,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const marker = bulk?.marker();
    if (!bulk || !marker) return;
    const steps = bulk.buildSteps(marker, bulk.lastRowid());
    const writer = startWriter();
    try {
      for (const step of steps) {
        if (signal?.aborted) return; // Bureau stops: the next start finishes from the marker
        if (writer?.alive) await writer.submit(step.job);
        else runWriteJob(deps.db, step.job);
        bulkProgress = step.progress;
        onBulk?.(bulkProgress);
        await nextTurn();
      }
    } finally {
      await writer?.close();
    }
    bulkProgress = null;
    onBulk?.(null);
  }

  /** A page on its way through the writer thread. */
  interface Flight {
    items: unknown[];
    nextCursor: string;
    cursorSequence: number | undefined;
    remaining: number | null;
    stale: boolean;
    ids: string[];
    done: Promise<void>;
    state: 'pending' | 'written' | 'refused';
  }

  async function settleQuietly(flights: readonly Flight[]): Promise<void> {
    await Promise.all(flights.map((flight) => flight.done));
  }

  /** Records on their way at most: the fetch stays a few pages ahead of the writer. */
  const MAX_IN_FLIGHT_RECORDS = 4_000;

  return {
    /** The bulk load or build under way, for the header and the inbox; null otherwise. */
    bulkProgress: (): BulkProgress | null => bulkProgress,
    /** A bulk sync was interrupted and is not finished yet (the cache lacks indexes or search). */
    bulkPending: (): boolean => bulk?.marker() != null,
    async pull(options: {
      pageSize: number;
      onPage?: (progress: PullProgress) => void;
      /** A bulk load's progress, then its build's; null once all is built. */
      onBulk?: (progress: BulkProgress | null) => void;
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
      let writer: PullWriter | null = null;
      let writerFailed = false;
      const flights: Flight[] = [];
      const inFlight = new Set<string>();
      let inFlightRecords = 0;
      let loading = false;
      let loadedBefore = 0;

      /** A page's outcome counted, in feed order, once it is committed. */
      const account = (
        page: { stale: boolean; remaining: number | null },
        outcome: PageOutcome,
      ) => {
        total.pages++;
        total.inserted += outcome.inserted;
        total.updated += outcome.updated;
        total.unchanged += outcome.unchanged;
        total.quarantined += outcome.quarantined;
        total.conflicted += outcome.conflicted;
        total.changedIds.push(...outcome.changedIds);
        if (page.stale) total.stalePages++;
        else total.remaining = page.remaining;
        if (loading) {
          const done = loadedBefore + total.inserted + total.updated;
          // onPage below tells the header (the status reads bulkProgress).
          bulkProgress = { phase: 'loading', done, total: done + (total.remaining ?? 0) };
        }
        options.onPage?.({ ...total, changedIds: outcome.changedIds });
      };

      /**
       * Waits for the pages on their way (all, or down to `keep` records), counting each in
       * order. Pages the thread refused (a write failed: a duplicate reference…) are written
       * again here on the main thread's path, in order, which quarantines only the guilty record.
       */
      const settle = async (keep: number) => {
        while (flights.length > 0 && (inFlightRecords > keep || flights[0]?.state !== 'pending')) {
          const flight = flights[0]!;
          await flight.done;
          if (flight.state === 'refused') {
            // Every later page was refused too (the thread takes nothing after a failure).
            await Promise.all(flights.map((later) => later.done));
            writer?.reset();
            const refused = flights.splice(0);
            for (const page of refused) for (const id of page.ids) inFlight.delete(id);
            inFlightRecords = 0;
            for (const page of refused) {
              const outcome = await applyPage(page.items, page.nextCursor, page.cursorSequence);
              account(page, outcome);
            }
            return;
          }
          flights.shift();
          for (const id of flight.ids) inFlight.delete(id);
          inFlightRecords -= flight.ids.length;
          account(flight, {
            ...emptyOutcome(),
            inserted: flight.ids.length,
            changedIds: flight.ids,
          });
        }
      };

      checkpoints.begin();
      try {
        if (bulk?.marker()?.phase === 'building') {
          // Killed while building: the cache is made whole before anything else is written.
          await buildDeferred(options.onBulk, options.signal);
        }
        loading = bulk?.marker()?.phase === 'loading';
        if (loading) loadedBefore = countCases.get() ?? 0;
        let cursor = deps.syncState.get('pull_cursor');
        const storedSeq = deps.syncState.get('pull_cursor_seq');
        let lastSeq = storedSeq === null ? null : Number(storedSeq);
        const fetchFrom = (from: string | null) => {
          const next = fetchPage(from, options.pageSize, options.signal);
          next.catch(() => {}); // awaited below; a pull that ends first leaves it unobserved
          return next;
        };
        let ahead = fetchFrom(cursor);
        for (let first = true; ; first = false) {
          const page = await ahead;
          // As isStale(), against the pages already taken (some not yet committed).
          const stale =
            page.cursorSequence !== undefined && lastSeq !== null && page.cursorSequence < lastSeq;
          const remaining = page.remaining ?? null;
          // The next page is asked for now, while this one is checked and written: its cursor
          // is this page's (or, after a stale page, ours again).
          const last = stale
            ? staleInARow + 1 >= MAX_STALE_IN_A_ROW
            : !page.hasMore || page.items.length === 0;
          if (!last) ahead = fetchFrom(stale ? cursor : page.nextCursor);
          if (first && !loading && bulk && shouldLoadInBulk(page.items.length, remaining)) {
            bulk.enter();
            loading = true;
            loadedBefore = countCases.get() ?? 0;
          }
          const now = deps.clock.now().toISOString();
          const fresh =
            !writerFailed && (loading || page.items.length >= deps.tuning.writerMinRecords)
              ? await newCasesOnly(page.items, now, inFlight)
              : null;
          if (fresh && fresh.length > 0 && (writer ??= startWriter())?.alive) {
            const cursorMove = stale
              ? null
              : { nextCursor: page.nextCursor, cursorSequence: page.cursorSequence };
            const flight: Flight = {
              items: page.items,
              nextCursor: page.nextCursor,
              cursorSequence: page.cursorSequence,
              remaining,
              stale,
              ids: fresh.map(({ record }) => record.id),
              done: Promise.resolve(),
              state: 'pending',
            };
            flight.done = writer.submit(newCasesJob(fresh, now, cursorMove, !loading)).then(
              () => void (flight.state = 'written'),
              (error: unknown) => {
                flight.state = 'refused';
                if (!(error instanceof WriterRefusal)) writerFailed = true;
              },
            );
            flights.push(flight);
            for (const id of flight.ids) inFlight.add(id);
            inFlightRecords += flight.ids.length;
          } else {
            if (writer && !writer.alive) writerFailed = true;
            await settle(0);
            account(
              { stale, remaining },
              await applyPage(page.items, page.nextCursor, page.cursorSequence),
            );
          }
          if (stale) {
            if (++staleInARow >= MAX_STALE_IN_A_ROW) break;
          } else {
            staleInARow = 0;
            cursor = page.nextCursor;
            if (page.cursorSequence !== undefined) lastSeq = page.cursorSequence;
          }
          // A stale page says nothing about the end of the feed: ask again from our cursor.
          if (!stale && (!page.hasMore || page.items.length === 0)) break;
          await settle(MAX_IN_FLIGHT_RECORDS);
          // Give the event loop a turn between pages so the UI transport stays responsive.
          await nextTurn();
        }
        await settle(0);
      } catch (error) {
        // A bulk load cut short (offline, a refusal) is built now, over the rows it has: the
        // cache is whole again while the portal is away. Not when Bureau stops: the next start.
        if (!options.signal?.aborted) await settleQuietly(flights);
        if (!options.signal?.aborted && bulk?.marker()) {
          await writer?.close();
          await buildDeferred(options.onBulk, options.signal).catch(() => {});
        }
        throw error;
      } finally {
        // A failed pull still waits for what is on its way: it commits, or is refused whole.
        await Promise.all(flights.map((flight) => flight.done));
        await writer?.close();
        await checkpoints.end();
      }
      deps.syncState.set('last_success_at', deps.clock.now().toISOString());
      await buildDeferred(options.onBulk, options.signal);
      return total;
    },
  };

  /**
   * A bulk load pays for itself when the feed is large and the cache small beside it: the
   * indexes are then built once over all the rows instead of growing with every page.
   */
  function shouldLoadInBulk(items: number, remaining: number | null): boolean {
    const min = deps.tuning.bulkFirstSyncMin;
    if (min <= 0 || remaining === null || items + remaining < min) return false;
    return (countCases.get() ?? 0) * 10 <= items + remaining;
  }
}
export type Puller = ReturnType<typeof createPuller>;
