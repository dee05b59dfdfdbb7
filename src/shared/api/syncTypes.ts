import type { CaseStatus } from '../domain/caseStatus';
import type { PortalApplication } from '../portal/portalApplication';

/** Sync-engine shapes crossing the API boundary (kept apart from types.ts to keep merges small). */

/** What `sync.status` tells beside the phase: the link's last sign of life (issue 17). */
export interface SyncContact {
  /** The last time the portal answered (ISO, kept across restarts); null: never. */
  lastContactAt: string | null;
}

export type DocumentState = 'pending' | 'downloading' | 'ready' | 'failed';

export interface DocumentStatus {
  id: string;
  state: DocumentState;
  attempts: number;
  /** French reason of the last failure, for the clerk. */
  lastError: string | null;
}

export interface LocalActionSummary {
  id: number;
  kind: string;
  state: 'pending' | 'sending' | 'failed';
  createdAt: string;
  lastError: string | null;
  /** Decided offline without a lease confirmed by the portal (« Provisoire »). */
  provisional?: boolean;
}

export interface CaseConflict {
  /** portal_changed: the portal moved on while local actions were undelivered; action_rejected: the portal refused one. */
  reason: 'portal_changed' | 'action_rejected';
  detectedAt: string;
  /** French, for the clerk. */
  message: string;
  local: {
    status: CaseStatus;
    officeCode: string;
    portalVersion: number;
    actions: LocalActionSummary[];
  };
  /** The portal's newer version, when the portal moved on; null for a plain rejection. */
  portal: PortalApplication | null;
}

/** What cases.get adds about the case's sync: documents, undelivered actions, conflict. */
export interface CaseSyncState {
  documents: DocumentStatus[];
  actions: LocalActionSummary[];
  conflict: CaseConflict | null;
}

export interface QuarantineEntry {
  id: number;
  portalId: string | null;
  /** French, for a person: what is wrong with the item. */
  reason: string;
  /** The latest time the portal sent it. */
  receivedAt: string;
  firstReceivedAt: string;
  /** How many times the portal sent it (replayed pages, later syncs). */
  seenCount: number;
}

export interface QuarantinePage {
  rows: QuarantineEntry[];
  total: number;
  /** Keyset cursor (the last id) for the next page; null at the end. */
  nextCursor: number | null;
}

export interface NoteAdded {
  noteId: number;
  at: string;
}
