import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Holiday } from '../../../shared/api/adminTypes';

interface HolidayFile {
  holidays: { date: string; name: string; provisional?: boolean }[];
}

interface HolidayRow {
  date: string;
  label: string;
  provisional: number;
}

/** Lunar feasts: their dates are announced late each year by decree (see the resource's _about). */
const LUNAR_FEAST = /ramadan|tabaski|maouloud/i;

const toHoliday = (row: HolidayRow): Holiday => ({
  date: row.date,
  label: row.label,
  provisional: row.provisional === 1,
});

/** Reads the holiday calendar shipped in resources/ (the seed of a new database). */
export function readHolidayResource(resourcesDir: string): Holiday[] {
  const file = join(resourcesDir, 'calendar', 'togo-holidays.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as HolidayFile;
  // Two feasts may fall on one day (Tabaski on Whit Monday in 2027): one row, both names.
  const byDate = new Map<string, Holiday>();
  for (const holiday of data.holidays) {
    const provisional = holiday.provisional ?? LUNAR_FEAST.test(holiday.name);
    const same = byDate.get(holiday.date);
    byDate.set(
      holiday.date,
      same
        ? {
            date: holiday.date,
            label: `${same.label} / ${holiday.name}`,
            provisional: same.provisional || provisional,
          }
        : { date: holiday.date, label: holiday.name, provisional },
    );
  }
  return [...byDate.values()];
}

/** The `holidays` table: public holidays by date, edited by administrators per year. */
export function createHolidaysStore(db: Database.Database) {
  const count = db.prepare<[], number>('SELECT count(*) FROM holidays').pluck();
  const allDates = db.prepare<[], string>('SELECT date FROM holidays ORDER BY date').pluck();
  const ofYear = db.prepare<[string, string], HolidayRow>(
    'SELECT date, label, provisional FROM holidays WHERE date >= ? AND date < ? ORDER BY date',
  );
  const deleteYear = db.prepare<[string, string]>(
    'DELETE FROM holidays WHERE date >= ? AND date < ?',
  );
  const insert = db.prepare<[string, string, number]>(
    'INSERT INTO holidays (date, label, provisional) VALUES (?, ?, ?)',
  );
  const yearBounds = (year: number): [string, string] => [`${year}-01-01`, `${year + 1}-01-01`];
  const insertAll = (holidays: readonly Holiday[]) => {
    for (const holiday of holidays) {
      insert.run(holiday.date, holiday.label, holiday.provisional ? 1 : 0);
    }
  };

  return {
    isEmpty: (): boolean => (count.get() ?? 0) === 0,
    dates: (): string[] => allDates.all(),
    ofYear: (year: number): Holiday[] => ofYear.all(...yearBounds(year)).map(toHoliday),
    /** Seeds an empty table (a new database); never overwrites what administrators edited. */
    seedIfEmpty(holidays: readonly Holiday[]): boolean {
      return db.transaction(() => {
        if ((count.get() ?? 0) > 0) return false;
        insertAll(holidays);
        return true;
      })();
    },
    /** Replaces one year's holidays; call inside the caller's transaction. */
    replaceYear(year: number, holidays: readonly Holiday[]): void {
      deleteYear.run(...yearBounds(year));
      insertAll(holidays);
    },
  };
}
export type HolidaysStore = ReturnType<typeof createHolidaysStore>;
