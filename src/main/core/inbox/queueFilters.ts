import type { QueueId } from '../../../shared/api/types';

export interface QueueScope {
  userId: string;
  officeCode: string;
  today: string;
  /** Last date that still counts as "échéance proche". */
  dueSoonUntil: string;
}

/**
 * Open and not waiting for the applicant: the SLA clock runs. Written exactly as the partial
 * index `applications_sla_running` (migration 008) so SQLite can use it.
 */
const SLA_RUNNING = "a.is_open = 1 AND a.status <> 'info_requested'";

/** The SQL condition of each queue; parameters are named from `QueueScope`. */
export const QUEUE_CONDITIONS: Record<QueueId, string> = {
  mine: 'a.assignee_id = @userId AND a.is_open = 1',
  to_process:
    "a.office_code = @officeCode AND a.is_open = 1 AND a.assignee_id IS NULL AND a.status IN ('submitted', 'in_review')",
  waiting_applicant: "a.status = 'info_requested'",
  pending_signoff: "a.status = 'pending_signoff'",
  due_soon: `${SLA_RUNNING} AND a.due_date >= @today AND a.due_date <= @dueSoonUntil`,
  overdue: `${SLA_RUNNING} AND a.due_date < @today`,
  done: 'a.is_open = 0',
  all: '1 = 1',
};

/** The same conditions as `deadlineState` in the rows, so the filter agrees with the badges. */
export const DEADLINE_CONDITIONS = {
  overdue: `${SLA_RUNNING} AND a.due_date < @today`,
  due_soon: `${SLA_RUNNING} AND a.due_date >= @today AND a.due_date <= @dueSoonUntil`,
  on_time: `${SLA_RUNNING} AND a.due_date > @dueSoonUntil`,
} as const;
