import type Database from 'better-sqlite3';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { Catalog } from '../catalog/loadCatalog';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import type { Clock } from '../clock';
import { nextDelay, sleep, type SyncTuning } from './backoff';
import type { Conflicts } from './conflicts';
import { isTransient, PortalResponseError, type PortalClient } from './portalClient';
import type { SyncStateStore } from './syncStateStore';
import { validatePortalRecord } from './validatePortalRecord';

export interface PullDependencies {
  db: Database.Database;
  portal: PortalClient;
  catalog: Catalog;
  calendar: WorkingCalendar;
  applications: ApplicationsRepository;
  syncState: SyncStateStore;
  conflicts: Conflicts;
  clock: Clock;
  tuning: SyncTuning;
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

const MAX_RAW_LENGTH = 100_000;

function safeStringify(raw: unknown): string {
  try {
    const text = JSON.stringify(raw) ?? String(raw);
    return text.length > MAX_RAW_LENGTH ? `${text.slice(0, MAX_RAW_LENGTH)}…` : text;
  } catch {
    return String(raw).slice(0, MAX_RAW_LENGTH);
  }
}

/**
 * Pulls the portal's change feed from the stored cursor to its end. Each page is applied in one
 * transaction together with the cursor that follows it, so a crash never skips or half-applies a
 * page; malformed records go to quarantine and the rest of the page still lands.
 */
function emptyOutcome(): PageOutcome {
  return { inserted: 0, updated: 0, unchanged: 0, quarantined: 0, conflicted: 0, changedIds: [] };
}

export function createPuller(deps: PullDependencies) {
  const quarantine = deps.db.prepare(
    'INSERT INTO quarantine (received_at, portal_id, reason, raw_json) VALUES (?, ?, ?, ?)',
  );

  /**
   * Applies one slice of a page; the slice that carries the cursor is the page's last, so the
   * cursor still moves only once all of the page's data is committed. A crash between slices
   * replays the page from the old cursor, which the version guard makes harmless.
   */
  const applySlice = deps.db.transaction(
    (
      items: unknown[],
      cursor: { nextCursor: string; cursorSequence: number | undefined } | null,
    ): PageOutcome => {
      const now = deps.clock.now().toISOString();
      const outcome = emptyOutcome();
      for (const raw of items) {
        const check = validatePortalRecord(raw, deps.catalog);
        if (!check.ok) {
          quarantine.run(now, check.portalId, check.reason, safeStringify(raw));
          outcome.quarantined++;
          continue;
        }
        const procedure = deps.catalog.get(check.record.procedureCode);
        const submittedOn = isoDateOf(new Date(check.record.submittedAt));
        const dueDate = deps.calendar.addWorkingDays(submittedOn, procedure?.slaWorkingDays ?? 0);
        const incoming = { record: check.record, officeCode: check.officeCode, dueDate };
        if (deps.conflicts.interceptPortalVersion(incoming, now)) {
          outcome.conflicted++;
          outcome.changedIds.push(check.record.id);
          continue;
        }
        const result = deps.applications.upsertFromPortal(incoming, now);
        outcome[result]++;
        if (result !== 'unchanged') outcome.changedIds.push(check.record.id);
      }
      // Items are version-guarded, so a stale page is harmless; only the cursor must not go back.
      if (cursor && !isStale(cursor.cursorSequence)) {
        deps.syncState.set('pull_cursor', cursor.nextCursor);
        if (cursor.cursorSequence !== undefined) {
          deps.syncState.set('pull_cursor_seq', String(cursor.cursorSequence));
        }
      }
      return outcome;
    },
  );

  /**
   * A page of 200 records costs ~100 ms of validation and indexing; in slices of
   * `applyBatchSize` with a turn of the event loop between them, no single block of the main
   * thread exceeds the ~50 ms budget while the HTTP page size stays efficient.
   */
  async function applyPage(
    items: unknown[],
    nextCursor: string,
    cursorSequence: number | undefined,
  ): Promise<PageOutcome> {
    const total = emptyOutcome();
    const size = Math.max(1, deps.tuning.applyBatchSize);
    for (let start = 0; start === 0 || start < items.length; start += size) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const last = start + size >= items.length;
      const slice = applySlice(
        items.slice(start, start + size),
        last ? { nextCursor, cursorSequence } : null,
      );
      total.inserted += slice.inserted;
      total.updated += slice.updated;
      total.unchanged += slice.unchanged;
      total.quarantined += slice.quarantined;
      total.conflicted += slice.conflicted;
      total.changedIds.push(...slice.changedIds);
    }
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

  async function fetchPage(cursor: string | null, pageSize: number) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.portal.fetchApplications(cursor, pageSize);
      } catch (error) {
        if (!isTransient(error) || attempt + 1 >= deps.tuning.pageAttempts) throw error;
        const retryAfter = error instanceof PortalResponseError ? error.retryAfterMs : null;
        await sleep(nextDelay(attempt, retryAfter, deps.tuning));
      }
    }
  }

  return {
    async pull(options: {
      pageSize: number;
      onPage?: (progress: PullProgress) => void;
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
      for (;;) {
        const cursor = deps.syncState.get('pull_cursor');
        const page = await fetchPage(cursor, options.pageSize);
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
        await new Promise((resolve) => setImmediate(resolve));
      }
      deps.syncState.set('last_success_at', deps.clock.now().toISOString());
      return total;
    },
  };
}
export type Puller = ReturnType<typeof createPuller>;
