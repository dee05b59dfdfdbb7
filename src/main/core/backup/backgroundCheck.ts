import type { RecoveryStatus } from '../../../shared/api/backupTypes';
import type { Scheduler, TimerHandle } from '../clock';
import { checkBackupFileInWorker } from './checkInWorker';

export interface BackgroundCheckOptions {
  /** The live cache. */
  file: string;
  scheduler: Scheduler;
  /** First check this long after start: not while the clerk's first screens load. */
  firstAfterMs: number;
  /** Then again at this interval, while Bureau runs. */
  everyMs: number;
  onDamage(damage: Pick<RecoveryStatus, 'reason' | 'detail'>): void;
  log: (message: string, error?: unknown) => void;
}

/**
 * The whole-file check of the live cache, off the start path: `PRAGMA integrity_check` in a
 * worker thread (≈ 9 s at 100k cases, reading every page and matching every index to its
 * table), on a read-only connection that sees the last committed state while the core writes.
 * The event loop never waits for it. Damage found goes to `onDamage` (the recovery screen); a
 * check that cannot run (the file busy, Bureau stopping) is logged and tried at the next turn.
 */
export function startBackgroundCheck(options: BackgroundCheckOptions) {
  const { scheduler, log } = options;
  const stopping = new AbortController();
  let timer: TimerHandle | null = null;

  async function check(): Promise<void> {
    try {
      const result = await checkBackupFileInWorker(options.file, 'full', stopping.signal);
      if (stopping.signal.aborted) return;
      if (!result.ok) {
        options.onDamage({ reason: result.reason, detail: result.detail });
        return;
      }
    } catch (error) {
      if (stopping.signal.aborted) return;
      log('vérification de la base en arrière-plan impossible, nouvel essai plus tard', error);
    }
    arm(options.everyMs);
  }

  function arm(ms: number) {
    timer = scheduler.setTimeout(
      () => {
        timer = null;
        void check();
      },
      ms,
      { unref: true },
    );
  }

  arm(options.firstAfterMs);
  return {
    /**
     * Ends the schedule and the check under way, without waiting for it: its worker ends once
     * SQLite returns. Until then it holds a read connection, so the cache closes without
     * removing its WAL, and the next start checks the file (see cleanShutdown.ts).
     */
    stop(): void {
      stopping.abort();
      scheduler.clearTimeout(timer);
    },
  };
}
