import type Database from 'better-sqlite3';
import type { Holiday, HolidaysSaved } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { createWorkingCalendar } from '../../../shared/calendar/workingDays';
import { DomainError } from '../api/domainError';
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
  for (const holiday of holidays) {
    if (!holiday.date.startsWith(`${year}-`)) {
      throw new DomainError(
        'invalid_input',
        `Le ${frenchDay(holiday.date)} (« ${holiday.label} ») n'est pas en ${year}. Enregistrez-le avec les jours fériés de son année.`,
      );
    }
    if (seen.has(holiday.date)) {
      throw new DomainError(
        'invalid_input',
        `Le ${frenchDay(holiday.date)} figure deux fois. Gardez une seule ligne par date (réunissez les libellés si deux fêtes tombent le même jour).`,
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
 * re-derives the deadlines the change can move and writes one audit row, in one transaction;
 * the live calendar switches only once that has committed.
 */
export function createHolidaysAdmin(deps: {
  db: Database.Database;
  holidays: HolidayCalendar;
  catalog: Catalog;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
}) {
  const { db, holidays, audit, clock } = deps;
  const recompute = createDueDateRecompute(db, deps.catalog);

  return {
    list: (year: number): Holiday[] => holidays.store.ofYear(year),

    save(year: number, edited: readonly Holiday[], actor: CurrentUser): HolidaysSaved {
      checkYear(year, edited);
      const sorted = [...edited].sort((a, b) => a.date.localeCompare(b.date));
      const { dates, movedIds } = db.transaction(() => {
        const before = holidays.store.ofYear(year);
        holidays.store.replaceYear(year, sorted);
        const dates = holidays.store.dates();
        const changed = changedDates(before, sorted);
        const movedIds = recompute(changed, createWorkingCalendar(dates));
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
        if (added.length + removed.length + relabeled.length === 0) return { dates, movedIds };
        audit.append({
          at: clock.now().toISOString(),
          actorId: actor.id,
          officeCode: actor.officeCode,
          action: 'holidays.saved',
          entityType: 'holiday_calendar',
          entityId: String(year),
          summary: {
            added,
            removed,
            edited: relabeled,
            recomputedDeadlines: movedIds.length,
          },
        });
        return { dates, movedIds };
      })();
      holidays.replace(dates);
      // Badges (working days left) change for every open case, not only the moved ones.
      deps.events.emit('cases.changed', { ids: movedIds.slice(0, 500) });
      return { holidays: holidays.store.ofYear(year), recomputedDeadlines: movedIds.length };
    },
  };
}
