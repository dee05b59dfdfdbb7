import type { DashboardData } from '../../../shared/api/dashboardTypes';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
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

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
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
  const openByDay = queries.openBySubmissionDay(scope);
  const overdueRows = queries.overdue(scope, overdueLimit);
  const workingDays = workingDayCounter(calendar, [
    scope.from,
    scope.today,
    ...decisions.flatMap((row) => [row.submittedOn, row.decidedOn]),
    ...openByDay.map((row) => row.day),
    ...overdueRows.map((row) => row.dueDate),
  ]);

  const receivedByDay = new Map(intake.map((row) => [row.day, row.n]));
  const decidedByDay = new Map<string, number>();
  const decidedByClerk = new Map<string, number>();
  const processingDays: number[] = [];
  let onTime = 0;
  for (const row of decisions) {
    decidedByDay.set(row.decidedOn, (decidedByDay.get(row.decidedOn) ?? 0) + 1);
    if (row.decidedBy)
      decidedByClerk.set(row.decidedBy, (decidedByClerk.get(row.decidedBy) ?? 0) + 1);
    if (row.decidedOn <= row.dueDate) onTime++;
    processingDays.push(Math.max(0, workingDays(row.submittedOn, row.decidedOn)));
  }

  const backlog = new Map(queries.backlogByProcedure(scope).map((row) => [row.procedureCode, row]));
  const inScope = catalog.procedures
    .map((procedure) => procedure.code)
    .filter((code) => !scope.procedureCodes || scope.procedureCodes.includes(code));
  const procedureCodes = [
    ...inScope,
    ...[...backlog.keys()].filter((code) => !inScope.includes(code)),
  ];

  const ages = AGE_BUCKETS.map(({ bucket, label }) => ({ bucket, label, open: 0 }));
  for (const row of openByDay) {
    const age = Math.max(0, workingDays(row.day, scope.today));
    const index = AGE_BUCKETS.findIndex((bucket) => age <= bucket.max);
    const entry = ages[index];
    if (entry) entry.open += row.n;
  }

  const byAssignee = new Map(queries.backlogByAssignee(scope).map((row) => [row.assigneeId, row]));
  let open = 0;
  let overdue = 0;
  for (const row of byAssignee.values()) {
    open += row.open;
    overdue += row.overdue;
  }

  const decided = decisions.length;
  return {
    period: { from: scope.from, to: scope.to },
    asOf: scope.today,
    totals: { received: intake.reduce((sum, row) => sum + row.n, 0), decided, open, overdue },
    daily: daysBetween(scope.from, scope.to).map((day) => ({
      day,
      received: receivedByDay.get(day) ?? 0,
      decided: decidedByDay.get(day) ?? 0,
    })),
    backlogByProcedure: procedureCodes.map((code) => ({
      procedureCode: code,
      shortTitle: catalog.get(code)?.shortTitle.fr ?? code,
      open: backlog.get(code)?.open ?? 0,
      overdue: backlog.get(code)?.overdue ?? 0,
    })),
    backlogByAge: ages,
    sla: {
      decided,
      onTime,
      compliancePercent: decided === 0 ? null : Math.round((onTime / decided) * 1000) / 10,
    },
    medianProcessingDays: median(processingDays),
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
      workingDaysLate: Math.max(0, workingDays(row.dueDate, scope.today)),
    })),
  };
}
