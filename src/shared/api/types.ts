import type { CaseStatus } from '../domain/caseStatus';
import type { Role } from '../domain/roles';
import type { ProcedureDefinition } from '../catalog/procedureSchema';
import type { FormIssue } from '../catalog/validateForm';
import type { PortalApplication } from '../portal/portalApplication';

export const QUEUE_IDS = [
  'mine',
  'to_process',
  'waiting_applicant',
  'pending_signoff',
  'due_soon',
  'overdue',
  'done',
  'all',
] as const;
export type QueueId = (typeof QUEUE_IDS)[number];

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  trainingMode: boolean;
  portalUrl: string;
  dataDir: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  officeCode: string;
}

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue' | 'none';

export interface InboxRow {
  id: string;
  reference: string;
  procedureCode: string;
  status: CaseStatus;
  applicantName: string;
  companyName: string | null;
  region: string;
  city: string;
  officeCode: string;
  submittedAt: string;
  dueDate: string;
  /** Working days left until the deadline (negative when overdue); null once the case is closed. */
  workingDaysLeft: number | null;
  deadlineState: DeadlineState;
  assignee: { id: string; displayName: string } | null;
}

export interface InboxPage {
  rows: InboxRow[];
  /** Opaque keyset cursor for the next page; null at the end. */
  nextCursor: string | null;
}

export type QueueCounts = Record<QueueId, number>;

export interface ProcedureSummary {
  code: string;
  title: ProcedureDefinition['title'];
  shortTitle: ProcedureDefinition['shortTitle'];
  slaWorkingDays: number;
  signOffRequired: boolean;
}

export interface CaseDetail {
  row: InboxRow;
  record: PortalApplication;
  /** The definition the form is rendered from: sections, labels, units, options. */
  procedure: ProcedureDefinition;
  /** What the form check found (wrong NIF length, date in the future…), for the clerk to weigh. */
  formIssues: FormIssue[];
}

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  lastSuccessAt: string | null;
  /** Set while offline: since when the portal has been unreachable. */
  offlineSince: string | null;
  pendingActions: number;
  quarantined: number;
  /** Records applied in the current or last pull. */
  pulled: number;
  errorMessage: string | null;
}
