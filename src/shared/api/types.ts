import type { CaseStatus } from '../domain/caseStatus';
import type { Role } from '../domain/roles';
import type { ProcedureDefinition } from '../catalog/procedureSchema';
import type { FormIssue } from '../catalog/validateForm';
import type { PortalApplication } from '../portal/portalApplication';
import type { CaseReview } from './caseTypes';
import type { CaseSyncState } from './syncTypes';
import type { ApiReason } from './refusals';

/**
 * A searched or filtered list counts its cases up to this many; beyond, `inbox.total` answers
 * TOTAL_CAP + 1 and the list says « plus de 10 000 dossiers »: counting every hit of a common name
 * in a million cases costs more than the number is worth.
 */
export const TOTAL_CAP = 10_000;

/**
 * A searched list counts up to this many: a common name hits tens of thousands of cases at 1M,
 * and counting them inside a queue means walking it (~60 ms for 10 000); « plus de 1 000 » says
 * enough to refine the search.
 */
export const SEARCH_TOTAL_CAP = 1_000;

/**
 * A search with at most this many hits across the cache is ranked by relevance; a broader one
 * (a common family name, a short prefix) is listed by deadline unless the clerk picks a sort.
 * Among thousands of hits on the same name bm25 separates nothing a clerk would recognise, and
 * ranking them all costs a bm25 and a case lookup per hit (~60 ms for a common name at 1M cases).
 * Every hit stays in the list either way.
 */
export const RANKED_HITS_MAX = 1_000;

/** The cap `inbox.total` applies to a query (see TOTAL_CAP and SEARCH_TOTAL_CAP). */
export function totalCapFor(query: { search: string }): number {
  return query.search.trim() === '' ? TOTAL_CAP : SEARCH_TOTAL_CAP;
}

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

/** `paused`: waiting for the applicant, the SLA clock is stopped. `none`: the case is closed. */
export type DeadlineState = 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'none';

export const SORT_KEYS = ['deadline', 'submitted', 'reference', 'applicant'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface InboxSort {
  key: SortKey;
  direction: SortDirection;
}

export const SEARCHABLE_FIELDS = [
  'reference',
  'applicantName',
  'companyName',
  'nif',
  'rccm',
  'phone',
  'email',
] as const;
export type SearchableField = (typeof SEARCHABLE_FIELDS)[number];

/** Where a search hit matched, with the character ranges to highlight in `value`. */
export interface SearchMatch {
  field: SearchableField;
  value: string;
  ranges: [start: number, end: number][];
}

/** Filters combine with AND; values inside one filter combine with OR. */
export interface InboxFilters {
  procedureCodes?: string[] | undefined;
  statuses?: CaseStatus[] | undefined;
  officeCodes?: string[] | undefined;
  regions?: string[] | undefined;
  /** User ids; the literal 'none' selects unassigned cases. */
  assigneeIds?: string[] | undefined;
  /** Inclusive calendar dates, YYYY-MM-DD. */
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  deadlineStates?: Exclude<DeadlineState, 'none' | 'paused'>[] | undefined;
}

/** Everything that defines a list: what a saved view stores. */
export interface InboxQuery {
  queue: QueueId;
  filters: InboxFilters;
  /** Absent: by relevance (bm25) when searching, else by deadline, earliest first. */
  sort?: InboxSort | undefined;
  search: string;
}

export interface SavedView {
  id: string;
  name: string;
  query: InboxQuery;
  createdAt: string;
}

export interface InboxFilterOptions {
  offices: { code: string; name: string }[];
  regions: string[];
  assignees: { id: string; displayName: string }[];
}

/**
 * Who holds a case on the portal, by the portal's clock (enrolled desks, design multi-desk §8):
 * « Pris en charge par Kossi Agbodjan jusqu'à 16:40 » (`leaseLabel`).
 */
export interface CaseHolder {
  id: string;
  displayName: string;
  kind: 'claim' | 'checkout';
  expiresAt: string;
  /** The portal's clock when the case was read: the label's « today ». */
  portalNow: string;
}

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
  /**
   * The portal changed reviewed data after the decision and nobody has confirmed checking it yet:
   * sign-off and the certificate wait (issue 13).
   */
  portalChangesToConfirm: boolean;
  /** The case waits for a person because of sync: in conflict with the portal (issue 17). */
  inConflict: boolean;
  assignee: { id: string; displayName: string } | null;
  /** The portal's lease in force (enrolled desks); absent or null: nobody holds it. */
  holder?: CaseHolder | null;
  /** Set when the list was searched: the best matching field, for highlighting. */
  searchMatch?: SearchMatch | null;
}

export interface InboxPage {
  rows: InboxRow[];
  /** Opaque keyset cursor for the next page; null at the end. */
  nextCursor: string | null;
  /**
   * A search without a sort: how it is ordered. By relevance, unless it hits too many cases to
   * rank (a common name, a short prefix): then by deadline, every hit kept.
   */
  rankedBy?: 'relevance' | 'deadline';
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
  /** Documents' download state, undelivered actions, conflict with the portal. */
  sync: CaseSyncState;
  /** Claim, allowed actions, checklist, notes, history, what the applicant's reply changed. */
  review: CaseReview;
}

/** `paused`: an enrolled desk whose portal speaks only API v1 (the reason is `errorMessage`). */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'paused' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  lastSuccessAt: string | null;
  /** Set while offline: since when the portal has been unreachable. */
  offlineSince: string | null;
  pendingActions: number;
  /** Actions the portal refused: their cases wait for a clerk's decision. */
  failedActions: number;
  /** Cases in conflict with the portal. */
  conflicts: number;
  quarantined: number;
  /** Records applied in the current or last pull. */
  pulled: number;
  /** Changes the portal still has for us in the current pull, when it says so. */
  remaining: number | null;
  errorMessage: string | null;
  /** The same as a key and parameters when Bureau wrote it (not the portal's own words). */
  errorReason?: ApiReason | null;
  /**
   * A bulk first sync under way or not finished: the cases loading, then the cache's indexes,
   * search and counts being built (until then search finds nothing and lists are slow).
   */
  preparing?: CachePreparation | null;
}

export interface CachePreparation {
  phase: 'loading' | 'indexes' | 'search' | 'tallies';
  done: number;
  total: number;
}
