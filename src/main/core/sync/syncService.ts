import { sayRefusal, type ApiReason } from '../../../shared/api/refusals';
import type { SyncContact } from '../../../shared/api/syncTypes';
import type { SyncStatus } from '../../../shared/api/types';
import { schedulerOf, type Clock, type TimerHandle } from '../clock';
import type { EventBus } from '../eventBus';
import type { SyncTuning } from './backoff';
import type { Conflicts } from './conflicts';
import type { DocumentDownloader } from './documentDownloader';
import type { Outbox } from './outbox';
import {
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
  type PortalTimeoutError,
} from './portalClient';
import type { Puller } from './pullApplications';
import type { PortalVersion } from './portalVersion';
import type { Pusher } from './pushOutbox';
import type { LastContact, SyncStateStore } from './syncStateStore';
import type Database from 'better-sqlite3';

type DeskSyncStatus = SyncStatus & SyncContact;

/** An interrupted bulk sync, waiting for the next sync to finish building the cache. */
const PREPARATION_PENDING = { phase: 'indexes', done: 0, total: 0 } as const;

export interface SyncServiceOptions {
  db: Database.Database;
  puller: Puller;
  pusher: Pusher;
  downloader: DocumentDownloader;
  outbox: Outbox;
  conflicts: Conflicts;
  portal: PortalClient;
  /** Which API the portal speaks; an enrolled desk on a v1 portal pauses. */
  version: PortalVersion;
  /** Other reasons not to speak to the portal at all (a database copied from another desk). */
  pauseReason?: () => string | null;
  /**
   * An enrolled desk's office feeds, before its cases: account changes out, the directory in.
   * Throws as the portal client does.
   */
  officeWork?: () => Promise<void>;
  /** Right after the cases are pulled (an enrolled desk's office activity). Throws as the client. */
  afterPull?: () => Promise<void>;
  /** After each successful run (an enrolled desk reports its status); never fails the run. */
  afterSuccess?: () => Promise<void>;
  /** What runs beside the periodic sync while it is started (the long-poll doorbell). */
  companion?: { start(): void; stop(): Promise<void> };
  syncState: SyncStateStore;
  /** When the portal last answered, and whether it has during a run. */
  contact: Pick<LastContact, 'lastContactAt' | 'answers'>;
  events: EventBus;
  /** Its timers (a `Scheduler`) drive the periodic sync, the probe and the retries. */
  clock: Clock;
  tuning: SyncTuning;
  log?: (message: string, error?: unknown) => void;
}

/**
 * What the header says when a sync fails. The portal's own refusals carry a French message; any
 * other error is ours, and its English text (« Maximum call stack size exceeded ») means nothing
 * to a clerk: it goes to the log, the clerk reads what happens next.
 */
/** The portal's own words when it refused; otherwise Bureau's sentence, with its key. */
function describeFailure(error: unknown): { message: string; reason: ApiReason | null } {
  if (error instanceof PortalResponseError) return { message: error.message, reason: null };
  return sayRefusal('syncStoppedUnexpectedly', {});
}

/**
 * Runs the sync and keeps the status the header shows. A run pushes the outbox, pulls the
 * change feed, pushes again (actions queued meanwhile), then lets documents download in the
 * background. Unreachable → offline, and a health probe with backoff brings us back with a sync
 * as soon as the portal answers. Postponed actions and documents get a timer for when they are due.
 * Every timer is the scheduler's (`clock`), so a test's fake clock decides when each fires.
 */
export function createSyncService(options: SyncServiceOptions) {
  const { db, puller, pusher, downloader, outbox, conflicts, portal, syncState, events } = options;
  const { tuning, version } = options;
  const clock = schedulerOf(options.clock);
  const countQuarantined = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');

  let phase: SyncStatus['phase'] = 'idle';
  let offlineSince: string | null = null;
  let errorMessage: string | null = null;
  let errorReason: ApiReason | null = null;
  let pulled = 0;
  let remaining: number | null = null;
  let running: Promise<DeskSyncStatus> | null = null;
  let followUp: Promise<DeskSyncStatus> | null = null;
  let stopped = false;
  let periodic: TimerHandle | null = null;
  let probeTimer: TimerHandle | null = null;
  let probeAttempt = 0;
  let retryTimer: TimerHandle | null = null;
  let downloading: Promise<void> | null = null;
  let downloadAgain = false;
  let downloadTimer: TimerHandle | null = null;
  /** Aborted by stop(): a pull waiting out a backoff (up to minutes) ends at once. */
  let halt = new AbortController();
  /**
   * Aborted when a request hangs out its deadline during the run: the pull does not wait to ask
   * again (every try would hang as long), the run ends offline.
   */
  let hangs: AbortController | null = null;
  /**
   * A run shows « Synchronisation… » only once the portal answers: until then the header keeps
   * what it said before (« Hors ligne »), so a portal that hangs is never shown as a sync.
   */
  let unanswered: { shown: SyncStatus['phase']; answers: number } | null = null;

  function shownPhase(): SyncStatus['phase'] {
    if (phase !== 'syncing' || unanswered === null) return phase;
    return options.contact.answers() > unanswered.answers ? phase : unanswered.shown;
  }

  function status(): DeskSyncStatus {
    const actions = outbox.counts();
    return {
      phase: shownPhase(),
      lastSuccessAt: syncState.get('last_success_at'),
      lastContactAt: options.contact.lastContactAt(),
      offlineSince,
      pendingActions: actions.pending,
      failedActions: actions.failed,
      conflicts: conflicts.count(),
      quarantined: countQuarantined.get()?.n ?? 0,
      pulled,
      remaining,
      errorMessage,
      errorReason,
      preparing: puller.bulkProgress() ?? (puller.bulkPending() ? PREPARATION_PENDING : null),
    };
  }

  const publish = () => events.emit('sync.progress', status());

  function delayUntil(iso: string | null): number | null {
    if (iso === null) return null;
    return Math.max(0, Date.parse(iso) - clock.now().getTime());
  }

  function goOffline(): void {
    phase = 'offline';
    version.forget();
    offlineSince ??= clock.now().toISOString();
    // Offline, nothing is retried but the probe: its success starts a sync, which downloads.
    clock.clearTimeout(downloadTimer);
    downloadTimer = null;
    if (probeTimer || stopped) return;
    const probe = () => {
      const delay = Math.min(tuning.probeMaxMs, tuning.probeBaseMs * 2 ** probeAttempt);
      probeTimer = clock.setTimeout(() => {
        void portal.isReachable().then((up) => {
          probeTimer = null;
          if (stopped) return;
          if (up) {
            probeAttempt = 0;
            void syncNow();
          } else {
            probeAttempt++;
            probe();
          }
        });
      }, delay);
    };
    probe();
  }

  /** A timer for the earliest postponed action, so a 429 or a 503 does not wait for the next tick. */
  function scheduleRetry(): void {
    clock.clearTimeout(retryTimer);
    retryTimer = null;
    const delay = delayUntil(pusher.nextRetryAt());
    if (delay === null || stopped || phase === 'offline' || phase === 'paused') return;
    retryTimer = clock.setTimeout(() => {
      retryTimer = null;
      void pushNow();
    }, delay);
  }

  async function pushNow(): Promise<void> {
    if (stopped || phase === 'offline' || phase === 'paused') return;
    try {
      const outcome = await pusher.push();
      if (outcome.unreachable) goOffline();
      if (outcome.failed > 0 || outcome.sent > 0) publish();
      if (outcome.unreachable) publish();
    } catch (error) {
      options.log?.('push failed', error);
    }
    scheduleRetry();
  }

  const canDownload = () => !stopped && phase !== 'offline' && phase !== 'paused';

  function downloadDocuments(): void {
    if (!canDownload()) return;
    if (downloading) {
      downloadAgain = true;
      return;
    }
    downloading = (async () => {
      do {
        downloadAgain = false;
        try {
          const round = await downloader.runOnce(canDownload);
          // A download that could not reach the portal: is it down, or only that document?
          if (round.unreachable && !(await portal.isReachable()) && !stopped) {
            goOffline();
            publish();
          }
        } catch (error) {
          options.log?.('document download failed', error);
        }
      } while (downloadAgain && canDownload());
    })().finally(() => {
      downloading = null;
      const delay = delayUntil(downloader.nextRetryAt());
      if (delay !== null && canDownload() && !downloadTimer) {
        downloadTimer = clock.setTimeout(() => {
          downloadTimer = null;
          downloadDocuments();
        }, delay);
      }
    });
  }

  async function run(): Promise<DeskSyncStatus> {
    // A sync asked for by hand after stop() (tests do) gets waits of its own.
    if (halt.signal.aborted) halt = new AbortController();
    const stopping = halt.signal;
    hangs = new AbortController();
    const signal = AbortSignal.any([stopping, hangs.signal]);
    unanswered = { shown: phase, answers: options.contact.answers() };
    phase = 'syncing';
    errorMessage = null;
    errorReason = null;
    pulled = 0;
    remaining = null;
    publish();
    try {
      if (version.needsCheck() && !options.pauseReason?.()) await version.check();
      const paused = options.pauseReason?.() ?? version.pauseReason();
      if (paused !== null) {
        phase = 'paused';
        errorMessage = paused;
        offlineSince = null;
        publish();
        return status();
      }
      await options.officeWork?.();
      const pushed = await pusher.push();
      if (pushed.unreachable) throw new PortalUnreachableError('envoi des actions impossible');
      await puller.pull({
        pageSize: tuning.pageSize,
        signal,
        onBulk: () => publish(),
        onPage: (progress) => {
          pulled = progress.inserted + progress.updated;
          remaining = progress.remaining;
          if (progress.changedIds.length > 0) {
            events.emit('cases.changed', { ids: progress.changedIds });
          }
          publish();
        },
      });
      await options.afterPull?.();
      await pusher.push();
      phase = 'idle';
      offlineSince = null;
      probeAttempt = 0;
      downloadDocuments();
      await options.afterSuccess?.();
    } catch (error) {
      if (stopping.aborted) {
        // Stopped during a backoff wait: the cursor is where the last page left it.
        phase = 'idle';
      } else if (error instanceof PortalUnreachableError) {
        goOffline();
      } else {
        phase = 'error';
        ({ message: errorMessage, reason: errorReason } = describeFailure(error));
        options.log?.('sync failed', error);
      }
    }
    remaining = null;
    unanswered = null;
    hangs = null;
    scheduleRetry();
    publish();
    return status();
  }

  /**
   * Starts a sync, or, when one is under way, one more right after it: whoever asks expects the
   * portal's changes as of now, and the run under way may have pulled before they were made.
   */
  function syncNow(): Promise<DeskSyncStatus> {
    if (!running) {
      running = run().finally(() => {
        running = null;
      });
      return running;
    }
    const next = (): Promise<DeskSyncStatus> => {
      followUp = null;
      return stopped ? Promise.resolve(status()) : syncNow();
    };
    followUp ??= running.then(next, next);
    return followUp;
  }

  return {
    status,
    syncNow,
    /** After a local action: deliver soon, without waiting for the next periodic sync. */
    actionQueued(): void {
      publish();
      void pushNow();
    },
    /** Something changed the counts (a conflict resolved): tell the header. */
    publish,
    /** A portal request ran out of its deadline: the run under way ends offline. */
    portalHung(error: PortalTimeoutError): void {
      hangs?.abort(error);
    },
    /** Pulls now, then every `intervalMs`. */
    start(intervalMs: number): void {
      if (periodic) return;
      stopped = false;
      const tick = () => {
        void syncNow().finally(() => {
          if (periodic !== null) periodic = clock.setTimeout(tick, intervalMs);
        });
      };
      periodic = clock.setTimeout(tick, 0);
      options.companion?.start();
    },
    /** Resolves when background downloads have nothing left to do right now (tests, shutdown). */
    async documentsIdle(): Promise<void> {
      while (downloading) await downloading;
    },
    async stop(): Promise<void> {
      stopped = true;
      halt.abort(new Error('Bureau s’arrête'));
      await options.companion?.stop();
      for (const timer of [periodic, probeTimer, retryTimer, downloadTimer]) {
        clock.clearTimeout(timer);
      }
      periodic = probeTimer = retryTimer = downloadTimer = null;
      await running;
      await followUp;
      await running;
      await pusher.idle();
      while (downloading) await downloading;
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
