import type { CaseStatus } from '../domain/caseStatus';
import type { WorkflowAction } from '../domain/caseWorkflow';
import type { UnconfirmedPortalChanges } from '../portal/reviewedChanges';
import type { ApiReason } from './refusals';

/** Case-review shapes crossing the API boundary: workflow, checklist, notes, history. */

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface CaseClaim {
  holder: PersonRef;
  since: string;
  /** When the claim lapses if nobody works on the case (ISO instant). */
  expiresAt: string;
  /**
   * The portal's lease (enrolled desks): a claim or a check-out for offline work, and the portal's
   * clock when read, so every desk words it the same (`leaseLabel`, design multi-desk §8).
   */
  lease?: { kind: 'claim' | 'checkout'; portalNow: string };
}

export interface CaseDecision {
  kind: 'approved' | 'rejected' | 'info_requested' | 'signoff_requested' | 'signoff_returned';
  at: string;
  by: PersonRef;
  comment: string | null;
  reasonCodes: string[];
  missingDocuments: string[];
  fieldsToCorrect: string[];
}

export interface CaseWorkflowView {
  claim: CaseClaim | null;
  /** What this user may do now, in display order (from the shared state machine). */
  allowedActions: WorkflowAction[];
  /** Decisions shown disabled, with the French reason (checklist incomplete, held by someone else…). */
  /** `reason` in French; `refusal` the same as a key and parameters, to say in the UI's language. */
  blockedActions: { action: WorkflowAction; reason: string; refusal?: ApiReason }[];
  signOffRequestedBy: PersonRef | null;
  /** True while the case waits for the applicant: the deadline is paused. */
  slaPaused: boolean;
  /** Working days added to the deadline by earlier waits for the applicant. */
  slaPausedDays: number;
  /** The latest decision or request on the case, for the header and the sign-off screen. */
  lastDecision: CaseDecision | null;
  /**
   * Offline without a lease of this user confirmed by the portal: the actions in
   * `provisionalActions` are provisional and must be confirmed as such (design multi-desk §8).
   */
  provisionalActions: WorkflowAction[];
}

/** « Emporter hors ligne »: each case taken until `until` (the portal's lease), or refused. */
export interface CheckOutResult {
  checkedOut: { id: string; reference: string; until: string | null }[];
  refused: { id: string; reference: string; reason: string; refusal?: ApiReason }[];
}

export interface ChecklistTick {
  itemId: string;
  checked: boolean;
  by: PersonRef;
  at: string;
}

export interface CaseNote {
  id: number;
  author: PersonRef;
  at: string;
  body: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  /** received, claimed, released, taken_over, info_requested, applicant_replied, approved… */
  kind: string;
  actor: PersonRef | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  details: Record<string, unknown>;
}

/** What the applicant's latest reply changed, to highlight it in the form and documents. */
export interface ReplyChanges {
  at: string;
  /** Form field ids whose value changed. */
  fields: string[];
  /** Applicant fields that changed (address, phone…). */
  applicantFields: string[];
  /** Ids of documents that arrived with the reply. */
  documentIds: string[];
}

/**
 * Reviewed data the portal changed after the decision, until a person confirms having checked it:
 * meanwhile sign-off and issuing are refused (issue 13).
 */
export interface PendingPortalChanges extends UnconfirmedPortalChanges {
  /** Whether this user may confirm them (the case's holder or a supervisor of its office). */
  canConfirm: boolean;
}

export interface CaseReview {
  workflow: CaseWorkflowView;
  checklist: ChecklistTick[];
  notes: CaseNote[];
  history: HistoryEntry[];
  replyChanges: ReplyChanges | null;
  portalChanges: PendingPortalChanges | null;
}

export interface DocumentContent {
  id: string;
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64-encoded (attachments are at most a few MB). */
  base64: string;
}
