import type Database from 'better-sqlite3';
import type { SyncStatus } from '../../../shared/api/types';
import type { Clock } from '../clock';
import type { EventBus } from '../eventBus';
import { PortalUnreachableError } from './portalClient';
import type { Puller } from './pullApplications';
import type { SyncStateStore } from './syncStateStore';

export interface SyncServiceOptions {
  db: Database.Database;
  puller: Puller;
  syncState: SyncStateStore;
  events: EventBus;
  clock: Clock;
  pageSize?: number;
  log?: (message: string, error?: unknown) => void;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs pulls one at a time and keeps the status the header shows. A call while a pull is running
 * joins that pull instead of starting another.
 */
export function createSyncService(options: SyncServiceOptions) {
  const { db, puller, syncState, events, clock } = options;
  const countPending = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE state <> 'sent'",
  );
  const countQuarantined = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');

  let phase: SyncStatus['phase'] = 'idle';
  let offlineSince: string | null = null;
  let errorMessage: string | null = null;
  let pulled = 0;
  let running: Promise<SyncStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;

  function status(): SyncStatus {
    return {
      phase,
      lastSuccessAt: syncState.get('last_success_at'),
      offlineSince,
      pendingActions: countPending.get()?.n ?? 0,
      quarantined: countQuarantined.get()?.n ?? 0,
      pulled,
      errorMessage,
    };
  }

  const publish = () => events.emit('sync.progress', status());

  async function run(): Promise<SyncStatus> {
    phase = 'syncing';
    errorMessage = null;
    pulled = 0;
    publish();
    try {
      await puller.pull({
        pageSize: options.pageSize ?? 200,
        onPage: (progress) => {
          pulled = progress.inserted + progress.updated;
          if (progress.changedIds.length > 0) {
            events.emit('cases.changed', { ids: progress.changedIds });
          }
          publish();
        },
      });
      phase = 'idle';
      offlineSince = null;
    } catch (error) {
      if (error instanceof PortalUnreachableError) {
        phase = 'offline';
        offlineSince ??= clock.now().toISOString();
      } else {
        phase = 'error';
        errorMessage = describeFailure(error);
        options.log?.('sync failed', error);
      }
    }
    publish();
    return status();
  }

  return {
    status,
    syncNow(): Promise<SyncStatus> {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    /** Pulls now, then every `intervalMs`. */
    start(intervalMs: number): void {
      if (timer) return;
      const tick = () => {
        void this.syncNow().finally(() => {
          if (timer !== null) timer = setTimeout(tick, intervalMs);
        });
      };
      timer = setTimeout(tick, 0);
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
