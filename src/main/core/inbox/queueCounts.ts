import type Database from 'better-sqlite3';
import { QUEUE_IDS, type QueueCounts } from '../../../shared/api/types';
import { isOpenStatus, type CaseStatus } from '../../../shared/domain/caseStatus';
import { QUEUE_CONDITIONS, type QueueScope } from './queueFilters';

interface Tally {
  status: CaseStatus;
  office_code: string;
  assignee_id: string;
  n: number;
}

export function createQueueCounters(db: Database.Database) {
  return {
    tallies: db.prepare<[], Tally>(
      'SELECT status, office_code, assignee_id, n FROM inbox_tallies WHERE n > 0',
    ),
    // Date-based queues cannot be tallied (today moves); they count the office's cases whose
    // SLA clock runs by due date: a range of the partial index, which holds exactly those cases
    // (the planner, without statistics, would rather take another index and read every row).
    dueSoon: db.prepare<{ officeCode: string; today: string; dueSoonUntil: string }, { n: number }>(
      `SELECT count(*) AS n FROM applications a INDEXED BY applications_office_sla_running
       WHERE ${QUEUE_CONDITIONS.due_soon}`,
    ),
    overdue: db.prepare<{ officeCode: string; today: string }, { n: number }>(
      `SELECT count(*) AS n FROM applications a INDEXED BY applications_office_sla_running
       WHERE ${QUEUE_CONDITIONS.overdue}`,
    ),
  };
}
export type QueueCounters = ReturnType<typeof createQueueCounters>;

/**
 * Every queue's count: status/office/assignee queues from the tallies, date queues by index; all
 * under the scope rule of `QUEUE_CONDITIONS` (the reader's office only).
 */
export function countQueues(counters: QueueCounters, scope: QueueScope): QueueCounts {
  const counts = Object.fromEntries(QUEUE_IDS.map((queue) => [queue, 0])) as QueueCounts;
  for (const tally of counters.tallies.all()) {
    if (tally.office_code !== scope.officeCode) continue;
    const open = isOpenStatus(tally.status);
    counts.all += tally.n;
    if (!open) counts.done += tally.n;
    if (tally.status === 'info_requested') counts.waiting_applicant += tally.n;
    if (tally.status === 'pending_signoff') counts.pending_signoff += tally.n;
    if (open && tally.assignee_id === scope.userId) counts.mine += tally.n;
    if (
      tally.assignee_id === '' &&
      (tally.status === 'submitted' || tally.status === 'in_review')
    ) {
      counts.to_process += tally.n;
    }
  }
  const { officeCode, today, dueSoonUntil } = scope;
  counts.due_soon = counters.dueSoon.get({ officeCode, today, dueSoonUntil })?.n ?? 0;
  counts.overdue = counters.overdue.get({ officeCode, today })?.n ?? 0;
  return counts;
}
