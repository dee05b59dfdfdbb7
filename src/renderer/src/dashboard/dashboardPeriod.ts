/** The period presets of the dashboard's filter, as calendar days (`YYYY-MM-DD`). */
export const PERIOD_PRESETS = ['last7', 'last30', 'thisMonth', 'lastMonth', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Today as a calendar day. Togo is on UTC all year, like the core's deadlines. */
export function todayOf(now: Date): string {
  return isoDay(now.getTime());
}

/** The days a preset covers, ending today for the rolling ones. `custom` keeps `custom`. */
export function periodOf(preset: PeriodPreset, today: string, custom: Period): Period {
  const time = Date.parse(`${today}T00:00:00Z`);
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'last7':
      return { from: isoDay(time - 6 * DAY_MS), to: today };
    case 'last30':
      return { from: isoDay(time - 29 * DAY_MS), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth':
      return {
        from: isoDay(Date.UTC(year, month - 2, 1)),
        to: isoDay(Date.UTC(year, month - 1, 1) - DAY_MS),
      };
    case 'custom':
      return custom;
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The core refuses longer periods (a year and a day). */
const MAX_PERIOD_DAYS = 367;

/** What is wrong with a custom period, if anything: the core would refuse it. */
export function periodProblem(period: Period): 'incomplete' | 'order' | 'length' | null {
  if (!ISO_DAY.test(period.from) || !ISO_DAY.test(period.to)) return 'incomplete';
  if (period.from > period.to) return 'order';
  const days = (Date.parse(period.to) - Date.parse(period.from)) / DAY_MS + 1;
  return days > MAX_PERIOD_DAYS ? 'length' : null;
}

export function isValidPeriod(period: Period): boolean {
  return periodProblem(period) === null;
}
