import type { QueueId } from '../../../shared/api/types';

export interface QueueScope {
  userId: string;
  officeCode: string;
  today: string;
  /** Last date that still counts as "échéance proche". */
  dueSoonUntil: string;
}

/** The SQL condition of each queue; parameters are named from `QueueScope`. */
export const QUEUE_CONDITIONS: Record<QueueId, string> = {
  mine: 'a.assignee_id = @userId AND a.is_open = 1',
  to_process:
    "a.office_code = @officeCode AND a.is_open = 1 AND a.assignee_id IS NULL AND a.status IN ('submitted', 'in_review')",
  waiting_applicant: "a.status = 'info_requested'",
  pending_signoff: "a.status = 'pending_signoff'",
  due_soon: 'a.is_open = 1 AND a.due_date >= @today AND a.due_date <= @dueSoonUntil',
  overdue: 'a.is_open = 1 AND a.due_date < @today',
  done: 'a.is_open = 0',
  all: '1 = 1',
};

/** The same conditions as `deadlineState` in the rows, so the filter agrees with the badges. */
export const DEADLINE_CONDITIONS = {
  overdue: 'a.is_open = 1 AND a.due_date < @today',
  due_soon: 'a.is_open = 1 AND a.due_date >= @today AND a.due_date <= @dueSoonUntil',
  on_time: 'a.is_open = 1 AND a.due_date > @dueSoonUntil',
} as const;
