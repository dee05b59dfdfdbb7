import type { DashboardData } from '../../../shared/api/dashboardTypes';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import { deadlineStanding } from '../../../shared/domain/deadline';
import type { Catalog } from '../catalog/loadCatalog';
import type { DashboardQueries, DashboardScope } from './dashboardQueries';

const DAY_MS = 86_400_000;
const epochDay = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const isoDay = (epoch: number) => new Date(epoch * DAY_MS).toISOString().slice(0, 10);

/** Every calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = epochDay(from); day <= epochDay(to); day++) days.push(isoDay(day));
  return days;
}

export function dayAfter(day: string): string {
  return isoDay(epochDay(day) + 1);
}

/**
 * Working days between many pairs of dates: one pass over the calendar for the whole span, then
 * a subtraction per pair. The same count as `calendar.workingDaysBetween` (start excluded, end
 * included), without walking each case's days again.
 */
export function workingDayCounter(calendar: WorkingCalendar, days: Iterable<string>) {
  let first = Infinity;
  let last = -Infinity;
  for (const day of days) {
    const epoch = epochDay(day);
    if (epoch < first) first = epoch;
    if (epoch > last) last = epoch;
  }
  const ordinals: number[] = [];
  let count = 0;
  for (let epoch = first; epoch <= last; epoch++) {
    if (epoch > first && calendar.isWorkingDay(isoDay(epoch))) count++;
    ordinals.push(count);
  }
  return (from: string, to: string): number => {
    const a = ordinals[epochDay(from) - first];
    const b = ordinals[epochDay(to) - first];
    return a === undefined || b === undefined ? calendar.workingDaysBetween(from, to) : b - a;
  };
}

/** The median of values given with their counts; between the two middle values for an even total. */
export function weightedMedian(values: readonly { days: number; n: number }[]): number | null {
  const total = values.reduce((sum, value) => sum + value.n, 0);
  if (total === 0) return null;
  const sorted = [...values].sort((a, b) => a.days - b.days);
  // The values at positions ⌊(total−1)/2⌋ and ⌊total/2⌋ (0-based) of the expanded list.
  const at = (position: number) => {
    let seen = 0;
    for (const value of sorted) {
      seen += value.n;
      if (position < seen) return value.days;
    }
    return sorted.at(-1)?.days ?? 0;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

/** Working days since submission, open cases. Upper bounds inclusive; the last is open-ended. */
export const AGE_BUCKETS = [
  { bucket: '0-2', label: '0 à 2 jours ouvrés', max: 2 },
  { bucket: '3-5', label: '3 à 5 jours ouvrés', max: 5 },
  { bucket: '6-10', label: '6 à 10 jours ouvrés', max: 10 },
  { bucket: '11-20', label: '11 à 20 jours ouvrés', max: 20 },
  { bucket: '21+', label: 'Plus de 20 jours ouvrés', max: Infinity },
] as const;

export const OVERDUE_LIST_LIMIT = 100;

/** Everything the dashboard shows for one scope, from the queries' rows. */
export function buildDashboard(
  queries: DashboardQueries,
  catalog: Catalog,
  calendar: WorkingCalendar,
  scope: DashboardScope,
  overdueLimit = OVERDUE_LIST_LIMIT,
): DashboardData {
  const intake = queries.intake(scope);
  const decisions = queries.decisions(scope);
  const openBacklog = queries.openBacklog(scope);
  const overdueRows = queries.overdue(scope, overdueLimit);
  const workingDays = workingDayCounter(calendar, [
    scope.from,
    scope.today,
    ...decisions.flatMap((row) => [row.submittedOn, row.decidedOn]),
    ...openBacklog.map((row) => row.submittedOn),
    ...overdueRows.map((row) => row.dueDate),
  ]);

  const receivedByDay = new Map(intake.map((row) => [row.day, row.n]));
  const decidedByDay = new Map<string, number>();
  const decidedByClerk = new Map<string, number>();
  const processing: { days: number; n: number }[] = [];
  let decided = 0;
  let onTime = 0;
  for (const row of decisions) {
    decided += row.n;
    onTime += row.onTime * row.n;
    decidedByDay.set(row.decidedOn, (decidedByDay.get(row.decidedOn) ?? 0) + row.n);
    if (row.decidedBy) {
      decidedByClerk.set(row.decidedBy, (decidedByClerk.get(row.decidedBy) ?? 0) + row.n);
    }
    processing.push({ days: Math.max(0, workingDays(row.submittedOn, row.decidedOn)), n: row.n });
  }

  const tally = () => ({ open: 0, overdue: 0 });
  const byProcedure = new Map<string, { open: number; overdue: number }>();
  const byAssignee = new Map<string, { open: number; overdue: number }>();
  const totals = tally();
  const ages = AGE_BUCKETS.map(({ bucket, label }) => ({ bucket, label, open: 0 }));
  for (const row of openBacklog) {
    const counts = [totals, byProcedure.get(row.procedureCode) ?? tally()];
    byProcedure.set(row.procedureCode, counts[1]!);
    if (row.assigneeId) {
      const clerk = byAssignee.get(row.assigneeId) ?? tally();
      byAssignee.set(row.assigneeId, clerk);
      counts.push(clerk);
    }
    for (const entry of counts) {
      entry.open += row.n;
      entry.overdue += row.overdue * row.n;
    }
    const age = Math.max(0, workingDays(row.submittedOn, scope.today));
    const bucket = ages[AGE_BUCKETS.findIndex((candidate) => age <= candidate.max)];
    if (bucket) bucket.open += row.n;
  }
  const inScope = catalog.procedures
    .map((procedure) => procedure.code)
    .filter((code) => !scope.procedureCodes || scope.procedureCodes.includes(code));
  const procedureCodes = [
    ...inScope,
    ...[...byProcedure.keys()].filter((code) => !inScope.includes(code)).sort(),
  ];

  return {
    period: { from: scope.from, to: scope.to },
    asOf: scope.today,
    totals: { received: intake.reduce((sum, row) => sum + row.n, 0), decided, ...totals },
    daily: daysBetween(scope.from, scope.to).map((day) => ({
      day,
      received: receivedByDay.get(day) ?? 0,
      decided: decidedByDay.get(day) ?? 0,
    })),
    backlogByProcedure: procedureCodes.map((code) => ({
      procedureCode: code,
      shortTitle: catalog.get(code)?.shortTitle.fr ?? code,
      open: byProcedure.get(code)?.open ?? 0,
      overdue: byProcedure.get(code)?.overdue ?? 0,
    })),
    backlogByAge: ages,
    sla: {
      decided,
      onTime,
      compliancePercent: decided === 0 ? null : Math.round((onTime / decided) * 1000) / 10,
    },
    medianProcessingDays: weightedMedian(processing),
    clerks: queries.staff(scope.officeCode).map((user) => ({
      userId: user.userId,
      displayName: user.displayName,
      role: user.role,
      decided: decidedByClerk.get(user.userId) ?? 0,
      open: byAssignee.get(user.userId)?.open ?? 0,
      overdue: byAssignee.get(user.userId)?.overdue ?? 0,
    })),
    overdue: overdueRows.map((row) => ({
      ...row,
      // The badge's own count (« En retard de 1 j ouvré » on the Sunday after a Friday deadline).
      workingDaysLate: -deadlineStanding(
        { workingDaysBetween: workingDays },
        scope.today,
        row.dueDate,
      ).workingDaysLeft,
    })),
  };
}
