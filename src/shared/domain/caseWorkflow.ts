import { holderParams, type RefusalVerb } from '../api/refusalWords';
import {
  frenchRefusal,
  type ApiReason,
  type RefusalKey,
  type RefusalParams,
} from '../api/refusals';
import { isOpenStatus, type CaseStatus } from './caseStatus';
import type { LeaseKind } from './leaseLabel';
import type { Role } from './roles';

export { deBefore } from '../api/refusalWords';

/**
 * The one state machine of a case. The renderer asks it which actions to show; the core asks it
 * again before writing anything, so a refused action never depends on the UI having hidden it.
 */

export const WORKFLOW_ACTIONS = [
  'claim',
  'release',
  'takeOver',
  'tickChecklist',
  'requestInfo',
  'approve',
  'reject',
  'signOffApprove',
  'signOffReturn',
  'withdrawProposal',
  'issueCertificate',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Everything the decision depends on, read from the case and the session. */
export interface WorkflowContext {
  status: CaseStatus;
  role: Role;
  userId: string;
  /** Who holds the case now (an expired claim counts as none). */
  claimedBy: string | null;
  /**
   * On an enrolled desk, when the portal's lease names another person: « Kossi Agbodjan jusqu'à
   * 16:40 » (leaseHolderLabel), so a refusal says who holds the case and until when.
   */
  holderLabel?: string | null;
  /** The same, as data, so the refusal is said in the reader's language (the label's fallback). */
  holder?: {
    name: string;
    lease: { expiresAt: string; portalNow: string; kind: LeaseKind } | null;
  } | null;
  signOffRequired: boolean;
  /** Who sent the case to sign-off (four-eyes: that person may not sign it off). */
  signOffRequestedBy: string | null;
  /** A case in conflict with the portal waits for the conflict to be resolved. */
  inConflict: boolean;
  /** Checklist items not yet ticked: approval needs every point checked. */
  checklistRemaining: number;
  /** Staff work the cases of their own office only (the portal routes each case to one). */
  sameOffice: boolean;
  /**
   * Reviewed data the portal changed after the decision, described in French, until a person
   * confirms having checked it (issue 13): the decision was taken on other data, so neither the
   * sign-off nor the certificate may follow unseen. Absent or null: nothing waits.
   */
  unconfirmedPortalChanges?: string | null;
  /** The same description in English, for the refusal said in English. */
  unconfirmedPortalChangesEn?: string | null;
  /**
   * Offline on a desk of a multi-desk office, without a lease of this person confirmed by the
   * portal (design multi-desk §6.3): what they decide may meet a colleague's work on reconnect,
   * so it is allowed only once they accept it as provisional.
   */
  provisionalOnly?: boolean;
}

export type WorkflowCheck =
  | { allowed: true; to: CaseStatus }
  | {
      allowed: false;
      code: WorkflowRefusal;
      /** In French (the core's message, logs). */
      reason: string;
      /** The same refusal as a key and parameters, for the renderer to say in its language. */
      refusal: ApiReason;
    };

export type WorkflowRefusal =
  | 'forbidden_role'
  | 'wrong_status'
  | 'not_claimed'
  | 'claimed_by_other'
  | 'already_claimed'
  | 'four_eyes'
  | 'not_proposer'
  | 'in_conflict'
  | 'other_office'
  | 'checklist_incomplete'
  | 'portal_changes_unconfirmed'
  | 'provisional_required';

const CLAIMABLE: readonly CaseStatus[] = ['submitted', 'in_review', 'info_requested'];
const CASE_WORKERS: readonly Role[] = ['agent', 'superviseur'];

/** A refusal of the workflow: its code, its French sentence, and its key for the renderer. */
export function refuse<K extends RefusalKey>(
  code: WorkflowRefusal,
  key: K,
  params: RefusalParams<K>,
): WorkflowCheck {
  return {
    allowed: false,
    code,
    reason: frenchRefusal(key, params),
    refusal: { key, params: params as Record<string, string | number> },
  };
}

/** Who holds the case, for a refusal that names them (with their lease's end, on the portal). */
function holderOf(context: WorkflowContext) {
  if (context.holder) return holderParams(context.holder);
  return holderParams(context.holderLabel ? { name: context.holderLabel } : null);
}

/** The portal changed reviewed data after the decision: say what, and what to do before `verb`. */
function unconfirmedChanges(context: WorkflowContext, verb: RefusalVerb): WorkflowCheck {
  const english = context.unconfirmedPortalChangesEn;
  return refuse('portal_changes_unconfirmed', 'portalChangesUnconfirmed', {
    changes: context.unconfirmedPortalChanges ?? '',
    ...(english ? { changes_en: english } : {}),
    deVerb: verb,
  });
}

function wrongStatus(verb: RefusalVerb, status: CaseStatus): WorkflowCheck {
  return refuse('wrong_status', 'wrongStatus', { deVerb: verb, status });
}

/** The holder's own actions: the case must be in review and claimed by this user. */
function holderAction(
  context: WorkflowContext,
  verb: RefusalVerb,
  to: CaseStatus,
  statuses: readonly CaseStatus[] = ['in_review'],
): WorkflowCheck {
  if (!statuses.includes(context.status)) return wrongStatus(verb, context.status);
  if (context.claimedBy === null) {
    return refuse('not_claimed', 'claimFirst', { verb });
  }
  if (context.claimedBy !== context.userId) {
    return refuse('claimed_by_other', 'heldByOtherCannot', { ...holderOf(context), verb });
  }
  return { allowed: true, to };
}

/** Whoever works on a case: a clerk or a supervisor, of the case's office (null: allowed). */
function caseWorkerRefusal(context: WorkflowContext): WorkflowCheck | null {
  if (!CASE_WORKERS.includes(context.role)) {
    return refuse('forbidden_role', 'roleCannotWorkCases', {});
  }
  if (!context.sameOffice) {
    return refuse('other_office', 'caseOfOtherOffice', {});
  }
  return null;
}

/**
 * Work on a case that is neither a transition nor tied to its holder — a note, the choice of
 * version in a conflict: any clerk or supervisor of the case's office. The status stays.
 */
export function checkCaseWork(context: WorkflowContext): WorkflowCheck {
  return caseWorkerRefusal(context) ?? { allowed: true, to: context.status };
}

/** Actions the portal may refuse on reconnect when taken offline without a confirmed lease. */
export const PROVISIONAL_ACTIONS: readonly WorkflowAction[] = [
  'claim',
  'release',
  'takeOver',
  'requestInfo',
  'approve',
  'reject',
  'signOffApprove',
  'signOffReturn',
  'withdrawProposal',
];

export const PROVISIONAL_SENTENCE =
  "Vous êtes hors ligne et ce dossier n'est pas à vous sur le portail : votre décision est provisoire. Si un collègue a agi entre-temps, elle deviendra un conflit à résoudre.";

/** Whether this action, allowed, must be confirmed as provisional first (the UI says so). */
export function isProvisional(context: WorkflowContext, action: WorkflowAction): boolean {
  return context.provisionalOnly === true && PROVISIONAL_ACTIONS.includes(action);
}

/**
 * May this person take this action now? `provisional`: they accepted that it is provisional
 * (offline without a confirmed lease, `isProvisional`).
 */
export function checkAction(
  context: WorkflowContext,
  action: WorkflowAction,
  options: { provisional?: boolean } = {},
): WorkflowCheck {
  const check = checkTransition(context, action);
  if (check.allowed && isProvisional(context, action) && !options.provisional) {
    return refuse('provisional_required', 'provisionalRequired', {});
  }
  return check;
}

function checkTransition(context: WorkflowContext, action: WorkflowAction): WorkflowCheck {
  const { status, role, userId, claimedBy } = context;
  const refusal = caseWorkerRefusal(context);
  if (refusal) return refusal;
  if (context.inConflict) {
    return refuse('in_conflict', 'caseInConflict', {});
  }
  switch (action) {
    case 'claim':
      if (!CLAIMABLE.includes(status)) return wrongStatus('claim', status);
      if (claimedBy === userId) {
        return refuse('already_claimed', 'alreadyYours', {});
      }
      if (claimedBy !== null) {
        return refuse(
          'claimed_by_other',
          role === 'superviseur' ? 'heldByOtherTakeOver' : 'heldByOther',
          holderOf(context),
        );
      }
      return { allowed: true, to: status === 'submitted' ? 'in_review' : status };
    case 'release':
      // The portal refuses a release on a closed case (e.g. withdrawn while still claimed here):
      // it would fail and put the case in conflict.
      if (!isOpenStatus(status)) return wrongStatus('release', status);
      if (claimedBy === null) return refuse('not_claimed', 'heldByNobody', {});
      if (claimedBy !== userId && role !== 'superviseur') {
        return refuse('claimed_by_other', 'releaseHolderOnly', {});
      }
      return { allowed: true, to: status };
    case 'takeOver':
      if (role !== 'superviseur') {
        return refuse('forbidden_role', 'takeOverSupervisorOnly', {});
      }
      if (!CLAIMABLE.includes(status)) return wrongStatus('takeOver', status);
      if (claimedBy === null || claimedBy === userId) {
        return refuse('not_claimed', 'heldByNoOther', {});
      }
      return { allowed: true, to: status === 'submitted' ? 'in_review' : status };
    case 'tickChecklist':
      return holderAction(context, 'tickChecklist', status);
    case 'requestInfo':
      return holderAction(context, 'requestInfo', 'info_requested');
    case 'approve': {
      const remaining = context.checklistRemaining;
      if (remaining > 0 && holderAction(context, 'approve', status).allowed) {
        return remaining === 1
          ? refuse('checklist_incomplete', 'checklistLastPoint', {})
          : refuse('checklist_incomplete', 'checklistPoints', { remaining });
      }
      return holderAction(
        context,
        'approve',
        context.signOffRequired ? 'pending_signoff' : 'approved',
      );
    }
    case 'reject':
      // Also while waiting: an applicant who never answers is refused in the end.
      return holderAction(context, 'reject', 'rejected', ['in_review', 'info_requested']);
    case 'issueCertificate':
      // Anyone of the office who works cases may print what was approved; no claim needed.
      if (status !== 'approved') return wrongStatus('issueCertificate', status);
      if (context.unconfirmedPortalChanges) {
        return unconfirmedChanges(context, 'issueCertificate');
      }
      return { allowed: true, to: 'issued' };
    case 'signOffApprove':
    case 'signOffReturn': {
      const verb = action;
      if (role !== 'superviseur') {
        return refuse('forbidden_role', 'signOffSupervisorOnly', { verb });
      }
      if (status !== 'pending_signoff') return wrongStatus(verb, status);
      if (action === 'signOffApprove' && context.signOffRequestedBy === userId) {
        return refuse('four_eyes', 'fourEyes', {});
      }
      if (action === 'signOffApprove' && context.unconfirmedPortalChanges) {
        return unconfirmedChanges(context, 'validateDecision');
      }
      return { allowed: true, to: action === 'signOffApprove' ? 'approved' : 'in_review' };
    }
    case 'withdrawProposal':
      // The proposer takes back the decision they sent to sign-off (four-eyes forbids them to
      // validate it): the case goes back in review, to them, and the portal hears a return.
      if (status !== 'pending_signoff') return wrongStatus('withdrawProposal', status);
      if (context.signOffRequestedBy !== userId) {
        return refuse('not_proposer', 'notProposer', {});
      }
      return { allowed: true, to: 'in_review' };
  }
}

/** The actions to offer in the UI, in display order. */
export function allowedActions(context: WorkflowContext): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter(
    (action) => checkAction(context, action, { provisional: true }).allowed,
  );
}

const DECISIONS: readonly WorkflowAction[] = [
  'requestInfo',
  'approve',
  'reject',
  'signOffApprove',
  'signOffReturn',
];

/**
 * Decisions the user cannot take now for a reason worth saying (someone else holds the case, the
 * checklist is incomplete, four-eyes…), so the UI can show the button disabled with its reason
 * instead of hiding it. Wrong status or role are not listed: those buttons simply do not apply.
 */
export function blockedDecisions(
  context: WorkflowContext,
): { action: WorkflowAction; reason: string; refusal: ApiReason }[] {
  const blocked: { action: WorkflowAction; reason: string; refusal: ApiReason }[] = [];
  for (const action of DECISIONS) {
    const check = checkAction(context, action, { provisional: true });
    if (check.allowed) continue;
    // A conflict refuses everything: show only the decisions that would apply without it.
    const applies =
      check.code === 'in_conflict'
        ? checkAction({ ...context, inConflict: false }, action, { provisional: true })
        : check;
    const doesNotApply =
      !applies.allowed && (applies.code === 'wrong_status' || applies.code === 'forbidden_role');
    if (doesNotApply) continue;
    blocked.push({ action, reason: check.reason, refusal: check.refusal });
  }
  return blocked;
}

/**
 * Confirming the portal's changes after a decision (not a transition: the status stays): the
 * case's holder (its assigned clerk, or whoever holds its claim) or a supervisor of its office.
 */
export function checkConfirmPortalChanges(
  context: WorkflowContext,
  assigneeId: string | null,
): WorkflowCheck {
  const { role, userId } = context;
  const refusal = caseWorkerRefusal(context);
  if (refusal) return refusal;
  if (!context.unconfirmedPortalChanges) {
    return refuse('wrong_status', 'noPortalChangesWaiting', {});
  }
  if (role !== 'superviseur' && assigneeId !== userId && context.claimedBy !== userId) {
    return refuse('claimed_by_other', 'confirmChangesHolderOnly', {});
  }
  return { allowed: true, to: context.status };
}

/**
 * Taking a case « pour travail hors ligne » (design multi-desk §3.7): for oneself, or — a
 * supervisor — for a clerk of the office; an open case nobody else holds. Online only: the portal
 * grants it (the caller checks the link).
 */
export function checkCheckOut(context: WorkflowContext, holderId: string): WorkflowCheck {
  const refusal = caseWorkerRefusal(context);
  if (refusal) return refusal;
  if (holderId !== context.userId && context.role !== 'superviseur') {
    return refuse('forbidden_role', 'checkOutForColleagueSupervisorOnly', {});
  }
  if (context.inConflict) {
    return refuse('in_conflict', 'checkOutInConflict', {});
  }
  if (!CLAIMABLE.includes(context.status)) return wrongStatus('checkOut', context.status);
  if (context.claimedBy !== null && context.claimedBy !== holderId) {
    return refuse('claimed_by_other', 'heldByOtherNoCheckOut', holderOf(context));
  }
  return { allowed: true, to: context.status === 'submitted' ? 'in_review' : context.status };
}

/** A claim left untouched longer than the timeout no longer holds the case. */
export function activeClaimHolder(
  claim: { holderId: string | null; lastActivityAt: string | null },
  now: Date,
  timeoutMinutes: number,
): string | null {
  if (!claim.holderId || !claim.lastActivityAt) return null;
  const idleMs = now.getTime() - Date.parse(claim.lastActivityAt);
  return idleMs > timeoutMinutes * 60_000 ? null : claim.holderId;
}
