import type { Clock } from '../clock';
import type { PortalClient } from '../sync/portalClient';
import type { DeskEnrollment } from './deskEnrollment';
import type { DeskRegistry } from './deskRegistry';

/** The office's desks list is re-read at most this often (design multi-desk §6.2, step 4). */
const DESKS_REFRESH_MS = 5 * 60_000;

/**
 * After every successful sync of an enrolled desk: tell the portal this desk is alive and how
 * much waits to be sent (the source of « Dernier contact » on every desk), and refresh the
 * office's desks list now and then. Best effort: a failure here never fails the sync.
 */
export function createDeskStatusReport(deps: {
  portal: PortalClient;
  registry: DeskRegistry;
  enrollment: Pick<DeskEnrollment, 'refreshDesks'>;
  clock: Clock;
  appVersion: string;
  counts: () => { pending: number; failed: number };
  directorySequence: () => number | null;
  log: (message: string, error?: unknown) => void;
}) {
  let desksReadAt = Number.NEGATIVE_INFINITY;
  return async function report(): Promise<void> {
    if (deps.registry.identity().mode !== 'office') return;
    try {
      const counts = deps.counts();
      await deps.portal.v2({
        method: 'PUT',
        path: 'desks/self/status',
        body: {
          appVersion: deps.appVersion,
          directorySequence: deps.directorySequence(),
          activityCursor: null,
          pendingActions: counts.pending,
          failedActions: counts.failed,
        },
        as: 'desk',
      });
      const now = deps.clock.now().getTime();
      if (now - desksReadAt >= DESKS_REFRESH_MS) {
        await deps.enrollment.refreshDesks();
        desksReadAt = now;
      }
    } catch (error) {
      deps.log('desk status report failed', error);
    }
  };
}
