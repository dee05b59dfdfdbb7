import type { InboxFilters, QueueId } from '../../../shared/api/types';

export interface QueueScope {
  userId: string;
  officeCode: string;
  today: string;
  /** Last date that still counts as "échéance proche". */
  dueSoonUntil: string;
}

/**
 * How a condition names a column of `applications a`. `+a.column` (unary plus) keeps SQLite from
 * choosing that column's index for the condition, which is then checked row by row on the walk
 * of another index (see `walkIndex` in buildListQuery.ts).
 */
export type ColumnRef = (column: string) => string;
export const indexedColumn: ColumnRef = (column) => `a.${column}`;
export const unindexedColumn: ColumnRef = (column) => `+a.${column}`;

/**
 * Open and not waiting for the applicant: the SLA clock runs. With `indexedColumn`, written
 * exactly as the partial index `applications_sla_running` (migration 008) so SQLite can use it.
 */
const slaRunning = (col: ColumnRef) =>
  `${col('is_open')} = 1 AND ${col('status')} <> 'info_requested'`;

export type DeadlineFilter = NonNullable<InboxFilters['deadlineStates']>[number];

/** The same conditions as `deadlineState` in the rows, so the filter agrees with the badges. */
export const DEADLINE_CONDITIONS: Record<DeadlineFilter, (col: ColumnRef) => string> = {
  overdue: (col) => `${slaRunning(col)} AND ${col('due_date')} < @today`,
  due_soon: (col) =>
    `${slaRunning(col)} AND ${col('due_date')} >= @today AND ${col('due_date')} <= @dueSoonUntil`,
  on_time: (col) => `${slaRunning(col)} AND ${col('due_date')} > @dueSoonUntil`,
};

/**
 * The scope rule (README « Who sees what »): every queue and every count holds the reader's own
 * office's cases only, whatever the role (agent, superviseur, administrateur); « Mes dossiers »
 * narrows it to the reader's assignments. It is written here once and every queue starts with it,
 * so the lists, their totals and the navigation's counts cannot disagree (the tallies in
 * `countQueues` apply the same rule). Where the queue's own index does not lead with the office,
 * the office is checked row by row (`+a.office_code`) on the walk of that index; the deadline
 * queues range over `applications_office_sla_running` (migration 026), led by the office.
 */
export const officeScope = (col: ColumnRef) => `${col('office_code')} = @officeCode`;

/** The SQL condition of each queue; parameters are named from `QueueScope`. */
export const QUEUE_CONDITIONS: Record<QueueId, string> = {
  mine: `${officeScope(unindexedColumn)} AND a.assignee_id = @userId AND a.is_open = 1`,
  to_process: `${officeScope(indexedColumn)} AND a.is_open = 1 AND a.assignee_id IS NULL AND a.status IN ('submitted', 'in_review')`,
  waiting_applicant: `${officeScope(unindexedColumn)} AND a.status = 'info_requested'`,
  pending_signoff: `${officeScope(unindexedColumn)} AND a.status = 'pending_signoff'`,
  due_soon: `${officeScope(indexedColumn)} AND ${DEADLINE_CONDITIONS.due_soon(indexedColumn)}`,
  overdue: `${officeScope(indexedColumn)} AND ${DEADLINE_CONDITIONS.overdue(indexedColumn)}`,
  done: `${officeScope(unindexedColumn)} AND a.is_open = 0`,
  all: officeScope(unindexedColumn),
};
