import { holderParams } from '../../../shared/api/refusalWords';
import { DomainError } from '../api/domainError';
import type { PortalResponseError } from './portalClient';

interface RefusedLease {
  holder: { displayName: string };
  expiresAt: string;
  kind: string;
}

function leaseOf(details: Record<string, unknown> | null): RefusedLease | null {
  const lease = details?.lease as Partial<RefusedLease> | undefined;
  if (!lease || typeof lease !== 'object') return null;
  if (typeof lease.holder?.displayName !== 'string' || typeof lease.expiresAt !== 'string') {
    return null;
  }
  return lease as RefusedLease;
}

/**
 * The portal's refusal of a lease request, for the person waiting on the button: its own French
 * words as the message and, when it names the holder (`held_by_other`), the same sentence as a
 * key and parameters so the renderer says it in the reader's language. The portal writes its
 * end « jusqu'à 16:40 », another day « jusqu'au 13/03 à 09:15 », for a check-out too.
 */
export function portalRefusal(error: PortalResponseError, now: Date): DomainError {
  const lease = error.code === 'held_by_other' ? leaseOf(error.details) : null;
  if (!lease) return new DomainError('workflow_refused', error.message);
  const params = holderParams({
    name: lease.holder.displayName,
    lease: { expiresAt: lease.expiresAt, portalNow: now.toISOString(), kind: 'claim' },
  });
  return new DomainError('workflow_refused', error.message, undefined, {
    key: lease.kind === 'checkout' ? 'checkedOutOnPortal' : 'heldOnPortal',
    params,
  });
}
