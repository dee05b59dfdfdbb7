import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { nextDelay, type SyncTuning } from './backoff';
import type { Conflicts } from './conflicts';
import type { Outbox, OutboxRow } from './outbox';
import {
  isTransient,
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from './portalClient';

export interface PushOutcome {
  sent: number;
  failed: number;
  retried: number;
  /** The portal could not be reached during this push. */
  unreachable: boolean;
}

function describe(error: unknown): string {
  if (error instanceof PortalResponseError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Delivers the outbox. Each round takes the due head of every case's queue (so a case's later
 * action always waits for its earlier one) and sends up to `pushConcurrency` of them in parallel,
 * one per case; rounds repeat until no head is due. Transient failures reschedule the action with
 * backoff (or the portal's Retry-After); permanent refusals fail it and put the case in conflict.
 */
export function createPusher(deps: {
  db: Database.Database;
  outbox: Outbox;
  conflicts: Conflicts;
  portal: PortalClient;
  clock: Clock;
  tuning: SyncTuning;
}) {
  const { db, outbox, conflicts, portal, clock, tuning } = deps;
  const now = () => clock.now().toISOString();

  const reject = db.transaction((action: OutboxRow, reason: string) => {
    outbox.markFailed(action.id, reason);
    conflicts.markRejected(action.applicationId, reason, now());
  });

  async function deliver(action: OutboxRow, outcome: PushOutcome): Promise<void> {
    outbox.markSending(action.id);
    try {
      const response = await portal.postEvent(action.applicationId, action.idempotencyKey, {
        kind: action.kind,
        occurredAt: action.createdAt,
        payload: action.payload,
      });
      outbox.markSent(action.id, now(), response);
      outcome.sent++;
    } catch (error) {
      if (isTransient(error)) {
        if (error instanceof PortalUnreachableError) outcome.unreachable = true;
        const retryAfter = error instanceof PortalResponseError ? error.retryAfterMs : null;
        const delay = nextDelay(action.attempts, retryAfter, tuning);
        outbox.scheduleRetry(
          action.id,
          new Date(clock.now().getTime() + delay).toISOString(),
          describe(error),
        );
        outcome.retried++;
      } else {
        reject(action, describe(error));
        outcome.failed++;
      }
    }
  }

  async function pushAll(): Promise<PushOutcome> {
    const outcome: PushOutcome = { sent: 0, failed: 0, retried: 0, unreachable: false };
    for (;;) {
      const heads = outbox.dueHeads(now(), tuning.pushConcurrency);
      if (heads.length === 0) break;
      await Promise.all(heads.map((action) => deliver(action, outcome)));
      // Unreachable: stop hammering; the offline probe brings us back.
      if (outcome.unreachable) break;
    }
    return outcome;
  }

  // One push at a time: two would both pick a 'sending' head and send it twice (harmless for
  // the portal thanks to the key, but pointless).
  let running: Promise<PushOutcome> | null = null;

  return {
    push(): Promise<PushOutcome> {
      running ??= pushAll().finally(() => {
        running = null;
      });
      return running;
    },
    idle: async (): Promise<void> => void (await running),
    /** When the next postponed action becomes due (ISO), if any. */
    nextRetryAt: (): string | null => outbox.earliestRetry(),
  };
}
export type Pusher = ReturnType<typeof createPusher>;
