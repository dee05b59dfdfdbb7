import type { LeaseReplica } from '../cases/leaseReplica';
import type { Outbox, OutboxRow } from './outbox';
import { isTransient, PortalResponseError, type PortalClient } from './portalClient';

/**
 * Leases asked of the portal before anything is written locally (design multi-desk §6.3): a
 * claim, a take-over or a check-out is the one action whose whole point is the portal's answer,
 * so an online desk sends it first and writes it only once accepted; a refusal reaches the person
 * at once, with the holder, instead of a conflict seconds later.
 */

/** Long enough for a slow link, short enough for a person waiting on a button. */
export const PORTAL_FIRST_TIMEOUT_MS = 5_000;

export type PortalFirstAnswer =
  | { outcome: 'accepted'; response: unknown }
  | { outcome: 'refused'; error: PortalResponseError }
  | { outcome: 'unreachable' };

export function createPortalFirst(deps: {
  portal: PortalClient;
  outbox: Outbox;
  leases: LeaseReplica;
  /** An enrolled desk on a portal that arbitrates leases, not offline nor paused. */
  available: () => boolean;
  /** Records a delivered outbox row as a push would (state, answer, version). */
  recordDelivered: (action: OutboxRow, response: unknown) => void;
}) {
  const { portal, outbox, leases } = deps;

  /** The portal's `lease` (a 201's, or a refusal's details) becomes the case's at once. */
  function applyLease(applicationId: string, answer: unknown): void {
    if (typeof answer !== 'object' || answer === null || !('lease' in answer)) return;
    leases.apply([{ id: applicationId, work: { lease: (answer as { lease: unknown }).lease } }]);
  }

  return {
    /** An enrolled desk on a portal that arbitrates leases, online now. */
    available: deps.available,
    /**
     * Whether this case's lease request goes to the portal now: an online enrolled desk, and no
     * earlier action of the case still waiting (it must reach the portal first, in order).
     */
    canSend(applicationId: string): boolean {
      return deps.available() && outbox.openActions(applicationId).length === 0;
    },

    async send(
      action: Pick<OutboxRow, 'applicationId' | 'kind' | 'payload' | 'expectedVersion' | 'actor'>,
      occurredAt: string,
      idempotencyKey: string,
    ): Promise<PortalFirstAnswer> {
      try {
        const response = await portal.v2({
          method: 'POST',
          path: `applications/${encodeURIComponent(action.applicationId)}/events`,
          body: {
            kind: action.kind,
            occurredAt,
            payload: action.payload,
            ...(action.expectedVersion !== null ? { expectedVersion: action.expectedVersion } : {}),
            ...(action.actor ? { actor: action.actor } : {}),
          },
          idempotencyKey,
          as: 'desk',
          timeoutMs: PORTAL_FIRST_TIMEOUT_MS,
        });
        return { outcome: 'accepted', response };
      } catch (error) {
        if (isTransient(error) || !(error instanceof PortalResponseError)) {
          return { outcome: 'unreachable' };
        }
        applyLease(action.applicationId, error.details);
        return { outcome: 'refused', error };
      }
    },

    /**
     * After the local write of an accepted request: its outbox row (null: the write found the
     * portal's answer already pulled) is marked delivered and the portal's lease becomes the case's.
     */
    accepted(applicationId: string, outboxId: number | null, response: unknown): void {
      const row = outboxId === null ? null : outbox.row(outboxId);
      if (row) deps.recordDelivered(row, response);
      applyLease(applicationId, response);
    },
  };
}
export type PortalFirst = ReturnType<typeof createPortalFirst>;
