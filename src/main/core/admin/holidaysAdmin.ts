import type Database from 'better-sqlite3';
import type { Holiday, HolidaysSaved } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { createWorkingCalendar } from '../../../shared/calendar/workingDays';
import { refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { HolidayCalendar } from '../calendar/holidayCalendar';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import type { EventBus } from '../eventBus';
import { createDueDateRecompute } from './dueDateRecompute';

function frenchDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

function checkYear(year: number, holidays: readonly Holiday[]): void {
  const seen = new Set<string>();
  for (const [index, holiday] of holidays.entries()) {
    if (!holiday.date.startsWith(`${year}-`)) {
      throw refusal(
        'invalid_input',
        'holidayWrongYear',
        { day: frenchDay(holiday.date), label: holiday.label, year },
        `holidays.${index}.date`,
      );
    }
    if (seen.has(holiday.date)) {
      throw refusal(
        'invalid_input',
        'holidayTwice',
        { day: frenchDay(holiday.date) },
        `holidays.${index}.date`,
      );
    }
    seen.add(holiday.date);
  }
}

/** Dates that became, or stopped being, holidays: only these can move a deadline. */
function changedDates(before: readonly Holiday[], after: readonly Holiday[]): string[] {
  const was = new Set(before.map((holiday) => holiday.date));
  const is = new Set(after.map((holiday) => holiday.date));
  return [...[...is].filter((date) => !was.has(date)), ...[...was].filter((date) => !is.has(date))];
}

/**
 * The holiday calendar as administrators edit it, one year at a time. Saving stores the year,
 * records the deadline recompute it calls for as pending and writes one audit row, in one
 * transaction; the live calendar switches once that has committed. The deadlines the change moves
 * are then rewritten in short transactions (see `createDueDateRecompute`), before `save` answers.
 * A recompute a stopped Bureau left pending is finished when this is created, at start.
 */
export function createHolidaysAdmin(deps: {
  db: Database.Database;
  holidays: HolidayCalendar;
  catalog: Catalog;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, holidays, audit, clock } = deps;
  const recompute = createDueDateRecompute(db, deps.catalog);

  // One save (or start-up recompute) at a time: each counts and rewrites against the calendar
  // the previous one left.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.catch(() => undefined).then(task);
    queue = next;
    return next;
  }

  async function finishPending(): Promise<string[]> {
    const movedIds = await recompute.finishPending(() => holidays.store.dates());
    // Badges (working days left) change for every open case, not only the moved ones.
    deps.events.emit('cases.changed', { ids: movedIds.slice(0, 500) });
    return movedIds;
  }

  const resumed = serially(async () => {
    if (recompute.isPending()) await finishPending();
  }).catch((error: unknown) => {
    if (db.open) deps.log('recalcul des échéances après les jours fériés interrompu', error);
  });

  return {
    /** Settles once a recompute left pending at start is finished (or has failed, logged). */
    resumed,

    list: (year: number): Holiday[] => holidays.store.ofYear(year),

    save(year: number, edited: readonly Holiday[], actor: CurrentUser): Promise<HolidaysSaved> {
      checkYear(year, edited);
      const sorted = [...edited].sort((a, b) => a.date.localeCompare(b.date));
      return serially(async () => {
        const before = holidays.store.ofYear(year);
        const changed = changedDates(before, sorted);
        const otherYears = holidays.store.dates().filter((date) => !date.startsWith(`${year}-`));
        const newCalendar = createWorkingCalendar([...otherYears, ...sorted.map((h) => h.date)]);
        // Counted before the commit, read-only and in chunks, for the audit row: nothing else
        // can change the calendar meanwhile (saves queue up).
        const planned = await recompute.count(changed, newCalendar);
        const dates = db.transaction(() => {
          holidays.store.replaceYear(year, sorted);
          recompute.markPending(changed);
          const beforeByDate = new Map(before.map((holiday) => [holiday.date, holiday]));
          const relabeled = sorted.filter((holiday) => {
            const previous = beforeByDate.get(holiday.date);
            return (
              previous &&
              (previous.label !== holiday.label || previous.provisional !== holiday.provisional)
            );
          });
          const added = sorted.filter((holiday) => !beforeByDate.has(holiday.date));
          const removed = before.filter((holiday) => changed.includes(holiday.date));
          if (added.length + removed.length + relabeled.length > 0) {
            audit.append({
              at: clock.now().toISOString(),
              actorId: actor.id,
              officeCode: actor.officeCode,
              action: 'holidays.saved',
              entityType: 'holiday_calendar',
              entityId: String(year),
              summary: { added, removed, edited: relabeled, recomputedDeadlines: planned },
            });
          }
          return holidays.store.dates();
        })();
        holidays.replace(dates);
        const movedIds = await finishPending();
        return { holidays: holidays.store.ofYear(year), recomputedDeadlines: movedIds.length };
      });
    },
  };
}
