import type Database from 'better-sqlite3';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import { activeClaimHolder, type WorkflowContext } from '../../../shared/domain/caseWorkflow';
import { leaseHolderLabel } from '../../../shared/domain/leaseLabel';
import type { CurrentUser } from '../../../shared/api/types';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import {
  describeReviewedChanges,
  type UnconfirmedPortalChanges,
} from '../../../shared/portal/reviewedChanges';
import { storedPortalChangesOf } from '../db/storedColumns';

/** The workflow columns of one case, as the state machine and the review screen need them. */
export interface CaseWorkflowRow {
  id: string;
  status: CaseStatus;
  office_code: string;
  procedure_code: string;
  assignee_id: string | null;
  claimed_by: string | null;
  claim_activity_at: string | null;
  signoff_requested_by: string | null;
  info_requested_at: string | null;
  sla_paused_days: number;
  due_date: string;
  decision_json: string | null;
  conflict_json: string | null;
  /** Reviewed data the portal changed after the decision, not yet confirmed (migration 015). */
  portal_changes_json: string | null;
  /** The portal version the local state is based on (a v2 event's `expectedVersion`). */
  portal_version: number;
}

/** The portal's lease in force on a case, by the portal's clock (enrolled desks only). */
export type ActiveLeaseOf = (
  applicationId: string,
  now: Date,
) => {
  holderId: string;
  holderName: string;
  kind: 'claim' | 'checkout';
  since: string | null;
  expiresAt: string;
  portalNow: Date;
} | null;

/** The portal's changes after the decision that wait for a person, if any. */
export function unconfirmedPortalChangesOf(row: CaseWorkflowRow): UnconfirmedPortalChanges | null {
  return storedPortalChangesOf(row.id, row.portal_changes_json);
}

export function createCaseRecordStore(
  db: Database.Database,
  /** Who the portal says holds a case (design multi-desk §3.7); absent on a desk alone. */
  activeLeaseOf: ActiveLeaseOf = () => null,
  /** A desk of a multi-desk office that cannot reach the portal now (design §6.3). */
  offlineInOffice: () => boolean = () => false,
) {
  const workflowRow = db.prepare<[string], CaseWorkflowRow>(`
    SELECT id, status, office_code, procedure_code, assignee_id, claimed_by, claim_activity_at,
      signoff_requested_by, info_requested_at, sla_paused_days, due_date, decision_json,
      conflict_json, portal_changes_json, portal_version
    FROM applications WHERE id = ?`);
  const tickedCount = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM checklist_ticks WHERE application_id = ? AND checked = 1',
  );
  const tickedIds = db.prepare<[string], { item_id: string }>(
    'SELECT item_id FROM checklist_ticks WHERE application_id = ? AND checked = 1',
  );

  return {
    workflowRow: (id: string) => workflowRow.get(id),
    /** The portal's lease in force on the case (enrolled desks), by the portal's clock. */
    activeLease: activeLeaseOf,
    /** The state machine's view of the case for this user, claim expiry applied. */
    contextFor(
      row: CaseWorkflowRow,
      procedure: ProcedureDefinition,
      user: CurrentUser,
      now: Date,
      claimTimeoutMinutes: number,
    ): WorkflowContext {
      const checklistIds = new Set(procedure.checklist.map((item) => item.id));
      const ticked =
        tickedCount.get(row.id)?.n === 0
          ? 0
          : tickedIds.all(row.id).filter((tick) => checklistIds.has(tick.item_id)).length;
      const portalChanges = unconfirmedPortalChangesOf(row);
      // The portal's lease wins over this desk's own record of a claim: another desk's holder
      // is the holder everywhere (design multi-desk §3.7).
      const lease = activeLeaseOf(row.id, now);
      const otherHolder = lease && lease.holderId !== user.id ? lease : null;
      return {
        status: row.status,
        role: user.role,
        userId: user.id,
        claimedBy: lease
          ? lease.holderId
          : activeClaimHolder(
              { holderId: row.claimed_by, lastActivityAt: row.claim_activity_at },
              now,
              claimTimeoutMinutes,
            ),
        holderLabel: otherHolder
          ? leaseHolderLabel(
              otherHolder.holderName,
              otherHolder.expiresAt,
              otherHolder.portalNow,
              otherHolder.kind,
            )
          : null,
        holder: otherHolder
          ? {
              name: otherHolder.holderName,
              lease: {
                expiresAt: otherHolder.expiresAt,
                portalNow: otherHolder.portalNow.toISOString(),
                kind: otherHolder.kind,
              },
            }
          : null,
        signOffRequired: procedure.signOffRequired,
        signOffRequestedBy: row.signoff_requested_by,
        inConflict: row.conflict_json !== null,
        checklistRemaining: checklistIds.size - ticked,
        sameOffice: row.office_code === user.officeCode,
        unconfirmedPortalChanges: portalChanges
          ? describeReviewedChanges(portalChanges, procedure, 'fr')
          : null,
        unconfirmedPortalChangesEn: portalChanges
          ? describeReviewedChanges(portalChanges, procedure, 'en')
          : null,
        provisionalOnly: offlineInOffice() && lease?.holderId !== user.id,
      };
    },
  };
}
export type CaseRecordStore = ReturnType<typeof createCaseRecordStore>;
