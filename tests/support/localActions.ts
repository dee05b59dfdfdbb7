import type Database from 'better-sqlite3';
import type { CaseStatus } from '../../src/shared/domain/caseStatus';
import type { PortalEventKind } from '../../src/shared/portal/portalEventKinds';
import { createOutbox } from '../../src/main/core/sync/outbox';

/**
 * Local workflow actions as the case workflow writes them (the local change and its outbox row in
 * one transaction), for sync tests that must not depend on the workflow's own API: the status
 * moves locally at once and the event waits in the outbox.
 */
export const clerk = { id: 'u-agent-test', displayName: 'Afi Mensah' };

export const PAYLOADS = {
  claim: { kind: 'case.claimed', payload: { by: clerk } },
  release: { kind: 'case.released', payload: { by: clerk } },
  approve: { kind: 'decision.approved', payload: { decidedBy: clerk, comment: 'Conforme' } },
  signOff: { kind: 'signoff.requested', payload: { requestedBy: clerk } },
} satisfies Record<string, { kind: PortalEventKind; payload: Record<string, unknown> }>;

export function enqueue(
  db: Database.Database,
  applicationId: string,
  event: { kind: PortalEventKind; payload: Record<string, unknown> },
  localStatus?: CaseStatus,
): string {
  const outbox = createOutbox(db);
  return db.transaction(() => {
    if (localStatus) {
      db.prepare(`UPDATE applications SET status = ?, is_open = ? WHERE id = ?`).run(
        localStatus,
        ['submitted', 'in_review', 'info_requested', 'pending_signoff'].includes(localStatus)
          ? 1
          : 0,
        applicationId,
      );
    }
    return outbox.enqueueAction(
      { applicationId, kind: event.kind, payload: event.payload },
      new Date().toISOString(),
    ).idempotencyKey;
  })();
}

export interface OutboxState {
  kind: string;
  state: string;
  idempotency_key: string;
}

export const outboxOf = (db: Database.Database, applicationId: string): OutboxState[] =>
  db
    .prepare('SELECT kind, state, idempotency_key FROM outbox WHERE application_id = ? ORDER BY id')
    .all(applicationId) as OutboxState[];
