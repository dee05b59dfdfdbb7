import { isOpenStatus } from '../shared/domain/caseStatus';
import type { PortalChange, PortalStore } from './portalStore';
import { createRandom } from './random';

/**
 * Things that happen on the portal side while Bureau works offline: the applicant withdraws,
 * answers a request for information (status back to in_review, corrected fields), or the portal
 * re-routes the case to another region. Used by `POST /__sim/changes` and by a background ticker.
 */

export const CHANGE_KINDS = ['withdraw', 'reply', 'request_info', 'reroute'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const REROUTE: Record<string, { region: string; city: string }> = {
  'Grand Lomé': { region: 'Kara', city: 'Kara' },
  default: { region: 'Grand Lomé', city: 'Lomé' },
};

export function changeFor(
  kind: ChangeKind,
  current: { applicant: { region: string; address: string } },
): PortalChange {
  switch (kind) {
    case 'withdraw':
      return { status: 'withdrawn' };
    case 'request_info':
      // Stands in for another office of the administration asking, in a world with several clients.
      return { status: 'info_requested' };
    case 'reply':
      return {
        status: 'in_review',
        applicant: { address: `${current.applicant.address.slice(0, 270)} (adresse corrigée)` },
      };
    case 'reroute':
      return { applicant: REROUTE[current.applicant.region] ?? REROUTE.default };
  }
}

/** Checks `{ id, kind }` from the admin route; returns a French reason when invalid. */
export function describeChangeRequest(body: unknown): { id: string; kind: ChangeKind } | string {
  const { id, kind } = (body ?? {}) as { id?: unknown; kind?: unknown };
  if (typeof id !== 'string') return 'id (identifiant de la demande) manquant.';
  if (typeof kind !== 'string' || !(CHANGE_KINDS as readonly string[]).includes(kind)) {
    return `kind doit être l'un de : ${CHANGE_KINDS.join(', ')}.`;
  }
  return { id, kind: kind as ChangeKind };
}

/** Random withdrawals and replies over open applications, at about `perMinute`. */
export function createChangeTicker(store: PortalStore, seed: number, perMinute: number) {
  const random = createRandom(seed ^ 0x5eed);
  const timer = setInterval(
    () => {
      const head = store.page(Math.max(0, store.headSeq - 500), 500).items;
      const open = head.filter((record) => isOpenStatus(record.status));
      if (open.length === 0) return;
      const record = random.pick(open);
      const kind: ChangeKind =
        record.status === 'info_requested'
          ? 'reply'
          : random.pick(['withdraw', 'request_info'] as const);
      store.applyPortalChange(record.id, changeFor(kind, record));
    },
    Math.max(20, 60_000 / perMinute),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
