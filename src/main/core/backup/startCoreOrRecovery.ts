import { existsSync } from 'node:fs';
import type { RecoveryStatus } from '../../../shared/api/backupTypes';
import type { AppInfo } from '../../../shared/api/types';
import { schedulerOf, type Clock } from '../clock';
import type { Core } from '../createCore';
import { startBackgroundCheck } from './backgroundCheck';
import { databaseFileOf, hasSqliteHeader } from './backupFiles';
import {
  damageVisibleInHeader,
  takeCleanShutdownMarker,
  writeCleanShutdownMarker,
} from './cleanShutdown';
import { checkDatabaseFile, isDamageError } from './databaseCheck';
import { createRecoveryMode } from './recoveryMode';
import type { RunningMode } from './restartableApi';
import { applyPendingRestore } from './restoreBackup';

export interface StartCoreOptions {
  dataDir: string;
  clock: Clock;
  /** What `app.info` says in recovery mode (normally the core says it). */
  info: AppInfo;
  log: (message: string, error?: unknown) => void;
  restart: () => void;
  /** Builds the core on the (checked) cache and starts its sync. */
  createCore: () => Core;
  syncIntervalMs: number;
  /**
   * The whole-file check of the running cache, in a worker: first this long after start, then
   * every `everyMs`. Default: one minute, then daily.
   */
  integrityCheck?: { firstAfterMs: number; everyMs: number };
  /** The sync starts once this resolves (training mode: once the embedded portal answers). */
  syncAfter?: Promise<void>;
}

type Damage = Pick<RecoveryStatus, 'reason' | 'detail'>;

const DEFAULT_INTEGRITY_CHECK = { firstAfterMs: 60_000, everyMs: 24 * 3_600_000 };

/**
 * Damage the background check found in a running cache, per data directory: the in-process
 * restart it asks for opens recovery mode with it (the index cross-check can find what
 * `quick_check` at the next start would not).
 */
const damageFoundWhileRunning = new Map<string, Damage>();

/**
 * Damage found before opening the cache; null when it may be opened. After a clean shutdown
 * (the marker, cleanShutdown.ts) only what costs nothing: the header and the file's length —
 * garbage and a truncated file; a damaged page is the background check's. After a crash, or a
 * file changed while Bureau was closed, `PRAGMA quick_check` reads it all first, as it always did.
 */
function damageOf(dataDir: string): Damage | null {
  const found = damageFoundWhileRunning.get(dataDir);
  if (found) {
    damageFoundWhileRunning.delete(dataDir);
    return found;
  }
  const file = databaseFileOf(dataDir);
  if (!existsSync(file)) return null;
  if (takeCleanShutdownMarker(dataDir, file)) {
    if (!hasSqliteHeader(file)) {
      return {
        reason: 'not_a_database',
        detail: 'Le fichier ne commence pas par l’en-tête « SQLite format 3 ».',
      };
    }
    return damageVisibleInHeader(file);
  }
  const check = checkDatabaseFile(file, { depth: 'quick', readonly: false });
  return check.ok ? null : { reason: check.reason, detail: check.detail };
}

/**
 * Start-up of both hosts, around `createCore`: carry out a restore scheduled by an
 * administrator, check the cache — in full only after an unclean shutdown — and open it, or, if
 * it is damaged, start in recovery mode instead of failing. The full check of a running cache is
 * done in a worker after start; damage it finds restarts Bureau in recovery mode. Errors that
 * are not damage (a locked file, a database from a newer Bureau, a broken catalog) still stop
 * start-up with their message.
 */
export async function startCoreOrRecovery(options: StartCoreOptions): Promise<RunningMode> {
  const { dataDir, log } = options;
  const restore = await applyPendingRestore(dataDir, options.clock.now());
  if (restore.status === 'restored') {
    log(
      `sauvegarde ${restore.backup.id} restaurée ; base remplacée gardée dans ${restore.setAsideIn}`,
    );
  } else if (restore.status === 'refused') {
    log(`restauration de ${restore.backupId} refusée, base inchangée : ${restore.message}`);
  }

  let damage = damageOf(dataDir);
  if (!damage) {
    try {
      const core = options.createCore();
      let stopped = false;
      const startSync = () => {
        if (!stopped) core.sync.start(options.syncIntervalMs);
      };
      if (options.syncAfter) {
        options.syncAfter.then(startSync, (error: unknown) =>
          log('portail de formation indisponible : pas de synchronisation', error),
        );
      } else startSync();
      const file = databaseFileOf(dataDir);
      let damagedWhileRunning = false;
      const background = startBackgroundCheck({
        file,
        scheduler: schedulerOf(options.clock),
        ...(options.integrityCheck ?? DEFAULT_INTEGRITY_CHECK),
        log,
        onDamage(found) {
          damagedWhileRunning = true;
          damageFoundWhileRunning.set(dataDir, found);
          log(`base de données abîmée (${found.reason}) trouvée en arrière-plan`, found.detail);
          // Open windows reload onto the recovery screen (restartableApi: calls wait meanwhile).
          core.events.emit('recovery.required', { reason: found.reason });
          options.restart();
        },
      });
      return {
        mode: 'normal',
        dispatch: core.dispatch,
        events: core.events,
        contextFor: (sessionKey, options) => core.contextFor(sessionKey, options),
        async stop() {
          stopped = true;
          background.stop();
          await core.close();
          if (!damagedWhileRunning) writeCleanShutdownMarker(dataDir, file, options.clock.now());
        },
      };
    } catch (error) {
      if (!isDamageError(error)) throw error;
      damage = { reason: 'corrupted', detail: error.message };
    }
  }
  log(`base de données abîmée (${damage.reason}) : démarrage en mode récupération`, damage.detail);
  const recovery = createRecoveryMode({
    dataDir,
    info: options.info,
    damage,
    clock: options.clock,
    restart: options.restart,
    log,
  });
  return { mode: 'recovery', ...recovery, stop: () => Promise.resolve() };
}
