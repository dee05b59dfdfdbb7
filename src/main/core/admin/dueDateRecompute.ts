import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import {
  createWorkingCalendar,
  isoDateOf,
  type WorkingCalendar,
} from '../../../shared/calendar/workingDays';
import { dueDateOf } from '../../../shared/domain/deadline';
import { DomainError } from '../api/domainError';
import { createDeadlineWriter } from '../cases/caseWriter';
import type { Catalog } from '../catalog/loadCatalog';
import { parseJsonColumn } from '../db/jsonColumn';
import { changedDates as changedDatesColumn } from '../db/storedColumns';

interface OpenCase {
  id: string;
  procedure_code: string;
  submitted_at: string;
  sla_paused_days: number;
  due_date: string;
}

interface PendingRow {
  changed_dates: string;
  after_submitted_at: string;
  after_id: string;
}

/** Cases read per chunk (at most as many deadline rewrites). */
export const RECOMPUTE_CHUNK = 500;
/**
 * A chunk also ends once its rewrites have run this long, adjusted so that the transaction, commit
 * included, stays near TARGET_TX_MS: at 100k cases one rewrite costs ~0.2 ms (the deadline is in
 * six indexes) and the commit as much again (fsync of the pages they dirtied), so 500 rewrites in
 * one transaction took ~110 ms.
 */
const TARGET_TX_MS = 30;
const MIN_BUDGET_MS = 2;
const MAX_BUDGET_MS = 20;

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The pending row's changed dates (a single row, id 1). */
const changedDatesOf = (row: PendingRow): string[] =>
  parseJsonColumn(changedDatesColumn, row.changed_dates, {
    table: 'holiday_recompute',
    column: 'changed_dates',
    rowId: 1,
  });

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Re-derives the stored deadline of open cases after the holiday calendar changed, with the one
 * formula (`dueDateOf`: submission day + the procedure's SLA + the working days already spent
 * waiting for the applicant), counted on the new calendar. Only cases whose
 * deadline window (submission day, deadline] can contain a changed date are read: the others
 * cannot move. Cases waiting for the applicant are included: their stored deadline is what the
 * applicant's reply extends, so it must follow the new calendar too.
 *
 * Rewriting thousands of deadlines in one transaction froze the event loop for seconds, so the
 * work is incremental: the transaction that saves the calendar also records it as pending (the
 * `holiday_recompute` row, migration 016), then chunks of cases, in (submission instant, id) order — which a rewrite
 * never changes — are rewritten one transaction each (at most 500 cases, ~30 ms), the cursor
 * advancing with them; the last one clears the row. A start finds a row left by a stopped
 * Bureau and finishes the work.
 */
export function createDueDateRecompute(db: Database.Database, catalog: Catalog) {
  const writer = createDeadlineWriter(db);
  // applications_by_open_submitted (is_open, submitted_at, id): a range walked in index order.
  // The deadline test is made on the rows read, so that LIMIT bounds the rows a chunk reads.
  const candidates = db.prepare<
    { beforeDay: string; afterAt: string; afterId: string; limit: number },
    OpenCase
  >(
    `SELECT id, procedure_code, submitted_at, sla_paused_days, due_date
       FROM applications
      WHERE is_open = 1 AND (submitted_at, id) > (@afterAt, @afterId) AND submitted_at < @beforeDay
      ORDER BY submitted_at, id LIMIT @limit`,
  );
  const pending = db.prepare<[], PendingRow>(
    'SELECT changed_dates, after_submitted_at, after_id FROM holiday_recompute WHERE id = 1',
  );
  const writePending = db.prepare<[string, string, string]>(
    `INSERT OR REPLACE INTO holiday_recompute (id, changed_dates, after_submitted_at, after_id)
     VALUES (1, ?, ?, ?)`,
  );
  const clearPending = db.prepare('DELETE FROM holiday_recompute WHERE id = 1');

  /**
   * Walks the next chunk of cases the changed dates can move, calling `move` for each deadline
   * that differs on `calendar`; stops early once `budgetMs` is spent. Returns where it stopped.
   */
  function walkChunk(
    changedDates: readonly string[],
    after: { at: string; id: string },
    calendar: WorkingCalendar,
    dueDates: Map<string, string>,
    move: (id: string, dueDate: string) => void,
    budgetMs = Infinity,
  ): { next: { at: string; id: string }; done: boolean } {
    const sorted = [...changedDates].sort();
    // No changed date moves no deadline (markPending never records an empty list; a cache may).
    if (sorted.length === 0) return { next: after, done: true };
    const earliest = sorted[0]!;
    const started = performance.now();
    const rows = candidates.all({
      // submitted_at is an instant; a day's margin covers any offset, the exact test is below.
      beforeDay: nextDay(sorted[sorted.length - 1]!),
      afterAt: after.at,
      afterId: after.id,
      limit: RECOMPUTE_CHUNK,
    });
    let next = after;
    for (const row of rows) {
      // Checked after at least one row, so that every chunk moves the cursor on.
      if (next !== after && performance.now() - started > budgetMs) return { next, done: false };
      next = { at: row.submitted_at, id: row.id };
      if (row.due_date < earliest) continue;
      const sla = catalog.get(row.procedure_code)?.slaWorkingDays ?? 0;
      // Thousands of cases share a submission day and an SLA: count each pair's days once.
      const key = `${isoDateOf(new Date(row.submitted_at))}+${sla + row.sla_paused_days}`;
      let dueDate = dueDates.get(key);
      if (dueDate === undefined) {
        dueDate = dueDateOf(calendar, row.submitted_at, sla, row.sla_paused_days);
        dueDates.set(key, dueDate);
      }
      if (dueDate !== row.due_date) move(row.id, dueDate);
    }
    return { next, done: rows.length < RECOMPUTE_CHUNK };
  }

  const stopped = () =>
    new DomainError(
      'unavailable',
      'Bureau s’est arrêté pendant le recalcul des échéances : il le terminera au prochain démarrage.',
    );

  return {
    /**
     * How many deadlines the changed dates move on `calendar`, read in chunks between which the
     * event loop runs; nothing is written.
     */
    async count(changedDates: readonly string[], calendar: WorkingCalendar): Promise<number> {
      if (changedDates.length === 0) return 0;
      const dueDates = new Map<string, string>();
      let after = { at: '', id: '' };
      let moved = 0;
      for (;;) {
        if (!db.open) throw stopped();
        const chunk = walkChunk(changedDates, after, calendar, dueDates, () => moved++);
        if (chunk.done) return moved;
        after = chunk.next;
        await nextTurn();
      }
    },

    /**
     * Records the changed dates as pending, merged with any left pending (the cursor starts over:
     * the deadlines already rewritten are simply found unchanged). Call inside the transaction
     * that saves the calendar.
     */
    markPending(changedDates: readonly string[]): void {
      if (changedDates.length === 0) return;
      const left = pending.get();
      const merged = new Set([...(left ? changedDatesOf(left) : []), ...changedDates]);
      writePending.run(JSON.stringify([...merged].sort()), '', '');
    },

    /**
     * Rewrites the pending deadlines, one transaction per chunk with a turn of the event loop
     * between them, on the calendar the `holidays` table now holds. Returns the ids whose
     * deadline moved (none when nothing was pending).
     */
    async finishPending(holidayDates: () => readonly string[]): Promise<string[]> {
      const movedIds: string[] = [];
      if (!pending.get()) return movedIds;
      const calendar = createWorkingCalendar(holidayDates());
      const dueDates = new Map<string, string>();
      let budgetMs = MAX_BUDGET_MS / 2;
      for (;;) {
        if (!db.open) throw stopped();
        const started = performance.now();
        const done = db.transaction(() => {
          const row = pending.get();
          if (!row) return true;
          const changedDates = changedDatesOf(row);
          const after = { at: row.after_submitted_at, id: row.after_id };
          const chunk = walkChunk(
            changedDates,
            after,
            calendar,
            dueDates,
            (id, dueDate) => {
              writer.rewriteDueDate(id, dueDate);
              movedIds.push(id);
            },
            budgetMs,
          );
          if (chunk.done) clearPending.run();
          else writePending.run(row.changed_dates, chunk.next.at, chunk.next.id);
          return chunk.done;
        })();
        if (done) return movedIds;
        const took = performance.now() - started;
        if (took > TARGET_TX_MS) budgetMs = Math.max(MIN_BUDGET_MS, budgetMs / 2);
        else if (took < TARGET_TX_MS / 2) budgetMs = Math.min(MAX_BUDGET_MS, budgetMs * 1.5);
        await nextTurn();
      }
    },

    isPending: (): boolean => pending.get() !== undefined,
  };
}
export type DueDateRecompute = ReturnType<typeof createDueDateRecompute>;
