import type { CaseStatus } from '../domain/caseStatus';

/**
 * « À régulariser » and the outbox view (issue 17): what needs a person because of sync, and
 * what this desk sent, sends or could not send to the portal. Kept apart from syncTypes.ts (the
 * engine's own shapes) to keep merges small.
 */

/**
 * - conflict: the portal changed the case while local actions waited (`conflict_json`);
 * - refused_action: the portal refused one of the case's actions for good (outbox 'failed');
 * - quarantined: a portal record that could not enter the cache, with its reason;
 * - document_failed: attachments Bureau gave up downloading.
 */
export const WORKLIST_KINDS = [
  'conflict',
  'refused_action',
  'quarantined',
  'document_failed',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

/** The case a worklist item or an outbox action is about, as the lists show it. */
export interface WorkCase {
  id: string;
  reference: string;
  applicantName: string;
  procedureCode: string;
  status: CaseStatus;
}

export interface WorklistItem {
  /** Stable across reads: `<kind>:<case id or quarantine id>`. */
  key: string;
  kind: WorklistKind;
  /** When it happened (detected, refused, received); null when unknown (attachments keep no date). */
  at: string | null;
  /** Null for a quarantined record that never became a case. */
  case: WorkCase | null;
  /** The portal's id of a quarantined record (null when it had no usable id). */
  portalId: string | null;
  /**
   * The French detail the core holds, as is: the conflict's or the portal's sentence, the
   * quarantine reason, the last download error. Null when there is none.
   */
  detail: string | null;
  /** A portal event kind (`PortalEventKind`): refused_action, the refused one; conflict, the first waiting. */
  actionKind: string | null;
  /** refused_action / conflict: how many actions wait; document_failed: how many attachments. */
  count: number;
  /** quarantined: how many times the portal sent it. */
  seenCount: number;
}

export interface Worklist {
  /** Newest first, at most the requested limit. */
  items: WorklistItem[];
  /** Every item of the worklist, shown or not. */
  total: number;
  counts: Record<WorklistKind, number>;
}

/** The states of an outbox action as the outbox view names them. */
export const OUTBOX_FILTERS = ['waiting', 'refused', 'sent', 'cancelled', 'all'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export interface OutboxEntry {
  id: number;
  case: WorkCase;
  /** One of the portal's event kinds (`PortalEventKind`), as stored. */
  kind: string;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  createdAt: string;
  /** When the portal accepted it (or was found to have applied it). */
  sentAt: string | null;
  /** The next try of a postponed action. */
  nextAttemptAt: string | null;
  attempts: number;
  /** French: the last error or the portal's refusal. */
  lastError: string | null;
  /** Who acted, when recorded (v2 actions). */
  actorName: string | null;
  /** The case is in conflict: its queue waits for a person. */
  caseInConflict: boolean;
}

export interface OutboxPage {
  rows: OutboxEntry[];
  /** Keyset cursor (the last id) for the next page; null at the end. */
  nextCursor: number | null;
  /** How many actions of the office are in each state. */
  counts: Record<Exclude<OutboxFilter, 'all'>, number>;
}
