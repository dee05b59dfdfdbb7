/**
 * Working-day arithmetic on calendar dates (`YYYY-MM-DD`, no time zone: Togo is on UTC all year).
 * Weekends and the given public holidays are not working days.
 */
export type IsoDate = string;

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** The date `days` working days after `start` (start itself not counted). */
  addWorkingDays(start: IsoDate, days: number): IsoDate;
  /** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
}

const DAY_MS = 86_400_000;

function toEpochDay(date: IsoDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoDateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

export function createWorkingCalendar(holidays: Iterable<IsoDate>): WorkingCalendar {
  const holidayDays = new Set([...holidays].map(toEpochDay));
  const isWorking = (day: number): boolean => {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6 && !holidayDays.has(day);
  };
  const countBetween = (fromDay: number, toDay: number): number => {
    let count = 0;
    for (let day = fromDay + 1; day <= toDay; day++) if (isWorking(day)) count++;
    return count;
  };
  return {
    isWorkingDay: (date) => isWorking(toEpochDay(date)),
    addWorkingDays(start, days) {
      let day = toEpochDay(start);
      for (let remaining = days; remaining > 0;) {
        day++;
        if (isWorking(day)) remaining--;
      }
      return fromEpochDay(day);
    },
    workingDaysBetween(from, to) {
      const fromDay = toEpochDay(from);
      const toDay = toEpochDay(to);
      return toDay >= fromDay ? countBetween(fromDay, toDay) : -countBetween(toDay, fromDay);
    },
  };
}
