import type { CurrentUser } from '../../../shared/api/types';
import { checkCaseWork } from '../../../shared/domain/caseWorkflow';
import { refusal } from '../api/domainError';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import type { CaseWriter } from '../cases/caseWriter';
import type { Conflicts } from './conflicts';
import type { Outbox } from './outbox';

/**
 * The clerk's decision on a conflict, through the case writer: any clerk or supervisor of the
 * case's office (never another office's: keeping the portal cancels the office's queued work).
 *
 * - keep 'portal': the portal's newer version becomes the case (status, fields, office), and the
 *   case's undelivered or refused actions are cancelled: kept in the outbox as 'cancelled' for
 *   the record, never sent. Local-only records (notes) stay in Bureau.
 * - keep 'local': the local workflow state (status, office, assignee) stays; the portal's record
 *   (the applicant's data, documents, version) is taken in, since the applicant owns it; refused
 *   actions go back to 'pending' and are delivered again. If the portal refuses them again (the
 *   case is withdrawn, say), the case comes back in conflict and only 'portal' remains sensible.
 */
export function createConflictResolution(deps: {
  writer: CaseWriter;
  conflicts: Conflicts;
  outbox: Outbox;
  applications: ApplicationsRepository;
  /**
   * A certificate whose issue is cancelled with the case's other unsent actions was never
   * accepted by the portal: it becomes « annulé » (kept, listed, its QR verifies as cancelled).
   */
  cancelCertificates?: (numbers: readonly string[], at: string) => void;
}) {
  const { writer, conflicts, outbox, applications } = deps;

  return (id: string, keep: 'portal' | 'local', user: CurrentUser): void => {
    writer.changeNow(
      id,
      user,
      ({ context }) => checkCaseWork(context),
      ({ at }) => {
        const conflict = conflicts.read(id);
        if (!conflict) {
          throw refusal('conflict', 'caseNotInConflict', {});
        }
        const incoming =
          conflict.portal && conflict.incoming
            ? { record: conflict.portal, ...conflict.incoming }
            : null;
        let cancelled = 0;
        let requeued = 0;
        if (keep === 'portal') {
          // The portal's version: written by the pull's writer, as if pulled now.
          if (incoming) applications.takePortalVersion(incoming, at);
          deps.cancelCertificates?.(outbox.openCertificateNumbers(id), at);
          cancelled = outbox.cancelOpen(id);
        } else {
          if (incoming) applications.acknowledgePortalVersion(incoming, at);
          requeued = outbox.requeueOpen(id, conflict.portal?.version ?? null);
        }
        conflicts.clear(id);
        const details = {
          keep,
          reason: conflict.reason,
          portalVersion: conflict.portal?.version ?? null,
          cancelled,
          requeued,
        };
        return {
          history: 'conflict_resolved',
          details,
          audit: { action: 'conflict.resolved', summary: details },
        };
      },
    );
  };
}
