import type Database from 'better-sqlite3';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import type { Clock } from '../clock';
import type { Conflicts } from './conflicts';
import type { Outbox } from './outbox';

/**
 * The clerk's decision on a conflict, in one transaction.
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
  db: Database.Database;
  conflicts: Conflicts;
  outbox: Outbox;
  applications: ApplicationsRepository;
  audit: AuditLog;
  clock: Clock;
}) {
  const { db, conflicts, outbox, applications, audit, clock } = deps;
  const officeOf = db.prepare<[string], { office_code: string }>(
    'SELECT office_code FROM applications WHERE id = ?',
  );

  return db.transaction((id: string, keep: 'portal' | 'local', user: CurrentUser): void => {
    const conflict = conflicts.read(id);
    if (!conflict) {
      throw new DomainError(
        'conflict',
        "Ce dossier n'est pas (ou plus) en conflit avec le portail.",
      );
    }
    const now = clock.now().toISOString();
    const incoming =
      conflict.portal && conflict.incoming
        ? { record: conflict.portal, ...conflict.incoming }
        : null;
    let cancelled = 0;
    let requeued = 0;
    if (keep === 'portal') {
      if (incoming) applications.takePortalVersion(incoming, now);
      cancelled = outbox.cancelOpen(id);
    } else {
      if (incoming) applications.acknowledgePortalVersion(incoming, now);
      requeued = outbox.requeueOpen(id);
    }
    conflicts.clear(id);
    const details = {
      keep,
      reason: conflict.reason,
      portalVersion: conflict.portal?.version ?? null,
      cancelled,
      requeued,
    };
    conflicts.historyResolved(id, now, user.id, details);
    audit.append({
      at: now,
      actorId: user.id,
      officeCode: officeOf.get(id)?.office_code ?? null,
      action: 'conflict.resolved',
      entityType: 'application',
      entityId: id,
      summary: details,
    });
  });
}
