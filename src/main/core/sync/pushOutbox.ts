import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { EventBus } from '../eventBus';
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

/** `application: { version, previousVersion }` of the portal's 201, when it sent both. */
export function acknowledgedVersions(
  response: unknown,
): { version: number; previousVersion: number } | null {
  const application = (response as { application?: unknown } | null)?.application as
    { version?: unknown; previousVersion?: unknown } | undefined;
  const { version, previousVersion } = application ?? {};
  return Number.isSafeInteger(version) && Number.isSafeInteger(previousVersion)
    ? { version: version as number, previousVersion: previousVersion as number }
    : null;
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
  /**
   * An enrolled desk sends its events on the v2 route with its desk token, so the portal knows
   * which desk acted (certificate registry, design multi-desk §3.6); a desk alone uses v1.
   */
  eventRoute?: () => 'v1' | 'v2';
  /** The portal checks versions: v2 events carry `expectedVersion` and `actor` (§3.8). */
  versionChecked?: () => boolean;
  /** Inside the transaction that records the portal's answer (certificate registry state). */
  onDelivered?: (action: OutboxRow) => void;
  /**
   * Inside the transaction that records the refusal, before the case's conflict opens; may
   * answer the French sentence the conflict shows instead of the portal's message.
   */
  onRefused?: (action: OutboxRow, error: unknown) => string | null;
  /**
   * Told which cases an action was delivered or refused for, once recorded: an open case drops
   * its « en attente d'envoi » banner, or shows its conflict, without a reload.
   */
  events?: Pick<EventBus, 'emit'>;
}) {
  const { db, outbox, conflicts, portal, clock, tuning } = deps;
  const now = () => clock.now().toISOString();

  const reject = db.transaction((action: OutboxRow, error: unknown): boolean => {
    // Not 'sending' any more: the pull found it applied on the portal meanwhile.
    if (!outbox.markFailed(action.id, describe(error))) return false;
    const sentence = deps.onRefused?.(action, error) ?? null;
    conflicts.markRejected(
      action.applicationId,
      sentence ?? describe(error),
      now(),
      sentence !== null,
    );
    return true;
  });

  // Our own event moved the portal's record from `previousVersion` to `version`: when the cache
  // holds `previousVersion`, it now holds the portal's state (the local change is already made),
  // so the record coming back in the feed at `version` is « unchanged », not someone else's
  // change. Otherwise the portal moved on meanwhile and the pull applies what it brings.
  const advanceVersion = db.prepare(`
    UPDATE applications SET portal_version = @version
    WHERE id = @id AND portal_version = @previousVersion AND @version > @previousVersion`);
  const acknowledge = db.transaction((action: OutboxRow, response: unknown) => {
    outbox.markSent(action.id, now(), response);
    deps.onDelivered?.(action);
    const versions = acknowledgedVersions(response);
    if (versions) advanceVersion.run({ id: action.applicationId, ...versions });
  });

  // Each outcome at once, not at the end of the round: another head may still be waiting.
  const announce = (action: OutboxRow): void =>
    deps.events?.emit('cases.changed', { ids: [action.applicationId] });

  async function deliver(action: OutboxRow, outcome: PushOutcome): Promise<void> {
    outbox.markSending(action.id);
    try {
      const route = deps.eventRoute?.() ?? 'v1';
      const checked = route === 'v2' && (deps.versionChecked?.() ?? false);
      const response = await portal.postEvent(
        action.applicationId,
        action.idempotencyKey,
        {
          kind: action.kind,
          occurredAt: action.createdAt,
          payload: action.payload,
          ...(checked && action.expectedVersion !== null
            ? { expectedVersion: action.expectedVersion }
            : {}),
          ...(checked && action.actor ? { actor: action.actor } : {}),
          ...(checked && action.provisional ? { provisional: true } : {}),
        },
        route,
      );
      acknowledge(action, response);
      outcome.sent++;
      announce(action);
    } catch (error) {
      if (isTransient(error)) {
        if (error instanceof PortalUnreachableError) outcome.unreachable = true;
        const retryAfter = error instanceof PortalResponseError ? error.retryAfterMs : null;
        const delay = nextDelay(action.attempts, retryAfter, tuning);
        const retried = outbox.scheduleRetry(
          action.id,
          new Date(clock.now().getTime() + delay).toISOString(),
          describe(error),
        );
        if (retried) outcome.retried++;
      } else if (reject(action, error)) {
        outcome.failed++;
        announce(action);
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
    /**
     * An action the portal accepted before its local write (a claim sent portal-first, design
     * multi-desk §6.3): recorded as a push's answer would be.
     */
    recordDelivered: (action: OutboxRow, response: unknown): void => acknowledge(action, response),
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
