import type { ApiReason } from './refusals';
import type { Role } from '../domain/roles';

/** A member of the supervisor's office who can be given cases, with the load they carry now. */
export interface StaffLoad {
  userId: string;
  displayName: string;
  role: Role;
  /** Procedures this person handles; `null`: all of them. */
  procedureCodes: string[] | null;
  openCases: number;
  overdue: number;
  dueSoon: number;
}

export interface SkippedCase {
  caseId: string;
  reference: string | null;
  /** In French (logs, older renderers). */
  reason: string;
  /** The same as a key and parameters, for the renderer to say in the user's language. */
  refusal?: ApiReason;
}

export interface AssignmentOutcome {
  assigned: number;
  skipped: SkippedCase[];
}

/** Which cases a balancing run distributes. */
export type BalanceSource =
  | { kind: 'unassigned' }
  | { kind: 'selection'; caseIds: string[] }
  /** A clerk's open cases, e.g. before leave. */
  | { kind: 'assignee'; userId: string };

export interface BalancePlanItem {
  caseId: string;
  reference: string;
  procedureCode: string;
  applicantName: string;
  dueDate: string;
  fromAssigneeId: string | null;
  assigneeId: string;
}

export interface BalancePlan {
  items: BalancePlanItem[];
  /** Cases no chosen clerk may take (procedure not handled, case closed…). */
  unassignable: SkippedCase[];
  /** Open load per chosen clerk before and after the plan. */
  loads: { userId: string; displayName: string; before: number; after: number }[];
  /** True when the source held more cases than one run distributes. */
  truncated: boolean;
}

export interface InboxNotification {
  id: number;
  /** Assigned to me, or taken over from me by a supervisor (design multi-desk §3.7). */
  kind: 'case.assigned' | 'case.taken_over';
  caseId: string;
  reference: string;
  /** Who assigned it, or who took it over. */
  byName: string;
  at: string;
  read: boolean;
  /**
   * Notifications told as one (« 73 dossiers vous ont été affectés par Edem Lawson »): a bulk
   * assignment by the same person at the same moment. `ids` are all of them (`id` the newest);
   * `caseId`/`reference` are the newest's.
   */
  count: number;
  ids: number[];
}

export interface NotificationList {
  unread: number;
  items: InboxNotification[];
}
