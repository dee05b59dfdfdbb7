import type Database from 'better-sqlite3';
import type { BackupReason, BackupSummary } from '../../../shared/api/backupTypes';
import { schedulerOf, type Clock, type TimerHandle } from '../clock';
import { listBackups } from './backupFiles';
import { DEFAULT_RETENTION, pruneBackups, type RetentionPolicy } from './retention';
import { writeOnlineBackup } from './writeBackup';

export interface BackupServiceOptions {
  db: Database.Database;
  dataDir: string;
  /** Its timers (a `Scheduler`) run the daily schedule. */
  clock: Clock;
  appVersion: string;
  retention?: RetentionPolicy;
  /** A heavy sync batch is running: the daily backup waits (both would compete for the disk). */
  isSyncBusy?: () => boolean;
  log: (message: string, error?: unknown) => void;
}

export interface DailySchedule {
  /** After start, before the first look (the first sync of the day goes first). */
  firstCheckMs: number;
  /** Then how often to look whether today's backup is done. */
  everyMs: number;
}

export const DEFAULT_DAILY_SCHEDULE: DailySchedule = {
  firstCheckMs: 2 * 60_000,
  everyMs: 3 * 3_600_000,
};
const SYNC_BUSY_RETRY_MS = 5 * 60_000;

/** Online backups of the open cache: on request, once a day, pruned after each one. */
export function createBackupService(options: BackupServiceOptions) {
  const { db, dataDir, log } = options;
  const clock = schedulerOf(options.clock);
  const retention = options.retention ?? DEFAULT_RETENTION;
  let running: Promise<BackupSummary> | null = null;
  let timer: TimerHandle | null = null;
  let stopped = false;

  async function write(reason: BackupReason): Promise<BackupSummary> {
    const at = clock.now();
    const backup = await writeOnlineBackup(db, {
      dataDir,
      reason,
      at,
      appVersion: options.appVersion,
    });
    const pruned = pruneBackups(dataDir, clock.now(), retention);
    if (pruned.length > 0) log(`sauvegardes supprimées (rétention) : ${pruned.join(', ')}`);
    return backup;
  }

  /** One backup at a time: a second request waits for the first, then writes its own. */
  function backupNow(reason: BackupReason): Promise<BackupSummary> {
    const previous = running?.catch(() => undefined) ?? Promise.resolve();
    const next = previous.then(() => write(reason));
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  }

  const today = () => clock.now().toISOString().slice(0, 10);
  const dailyDone = () =>
    listBackups(dataDir).some(
      (backup) => backup.reason === 'daily' && backup.createdAt.slice(0, 10) === today(),
    );

  /** Writes today's daily backup if it is not done yet; returns it, or null. */
  async function runDailyIfDue(): Promise<BackupSummary | null> {
    if (dailyDone()) return null;
    return backupNow('daily');
  }

  function schedule(ms: number, daily: DailySchedule) {
    if (stopped) return;
    timer = clock.setTimeout(
      () => {
        if (options.isSyncBusy?.()) return schedule(SYNC_BUSY_RETRY_MS, daily);
        runDailyIfDue()
          .catch((error: unknown) => log('sauvegarde quotidienne impossible', error))
          .finally(() => schedule(daily.everyMs, daily));
      },
      ms,
      { unref: true },
    );
  }

  return {
    backupNow,
    runDailyIfDue,
    list: () => listBackups(dataDir),
    retention,
    startDaily(daily: DailySchedule = DEFAULT_DAILY_SCHEDULE) {
      schedule(daily.firstCheckMs, daily);
    },
    /** Stops the schedule and waits for a backup under way: the database must not close under it. */
    async stop() {
      stopped = true;
      clock.clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
