import type Database from 'better-sqlite3';
import {
  createWorkingCalendar,
  type IsoDate,
  type WorkingCalendar,
} from '../../../shared/calendar/workingDays';
import { createHolidaysStore, readHolidayResource, type HolidaysStore } from './holidaysStore';

export interface HolidayCalendar {
  /**
   * The calendar the whole core holds (ingest, inbox badges, dashboard): it delegates to the
   * current holiday set, so an administrator's edit applies at once without rebuilding anything.
   */
  readonly calendar: WorkingCalendar;
  readonly store: HolidaysStore;
  /** Switches to a new holiday set; call once the transaction that stored it has committed. */
  replace(holidays: Iterable<IsoDate>): void;
}

export function createSwitchableCalendar(
  initial: Iterable<IsoDate>,
): Pick<HolidayCalendar, 'calendar' | 'replace'> {
  let current = createWorkingCalendar(initial);
  return {
    calendar: {
      isWorkingDay: (date) => current.isWorkingDay(date),
      addWorkingDays: (start, days) => current.addWorkingDays(start, days),
      workingDaysBetween: (from, to) => current.workingDaysBetween(from, to),
    },
    replace(holidays) {
      current = createWorkingCalendar(holidays);
    },
  };
}

/** The core's holiday calendar from the `holidays` table, seeded from resources/ when empty. */
export function openHolidayCalendar(db: Database.Database, resourcesDir: string): HolidayCalendar {
  const store = createHolidaysStore(db);
  if (store.isEmpty()) store.seedIfEmpty(readHolidayResource(resourcesDir));
  return { ...createSwitchableCalendar(store.dates()), store };
}
