import { existsSync } from 'node:fs';
import type { RecoveryStatus } from '../../../shared/api/backupTypes';
import type { AppInfo } from '../../../shared/api/types';
import type { Clock } from '../clock';
import type { Core } from '../createCore';
import { databaseFileOf } from './backupFiles';
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
}

/** Damage found before or while opening the cache; null when it opens. */
function damageOf(dataDir: string): Pick<RecoveryStatus, 'reason' | 'detail'> | null {
  const file = databaseFileOf(dataDir);
  if (!existsSync(file)) return null;
  const check = checkDatabaseFile(file, { depth: 'quick', readonly: false });
  return check.ok ? null : { reason: check.reason, detail: check.detail };
}

/**
 * Start-up of both hosts, around `createCore`: carry out a restore scheduled by an
 * administrator, check the cache (`PRAGMA quick_check`), and open it — or, if it is damaged,
 * start in recovery mode instead of failing. Errors that are not damage (a locked file, a
 * database from a newer Bureau, a broken catalog) still stop start-up with their message.
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
      core.sync.start(options.syncIntervalMs);
      return {
        mode: 'normal',
        dispatch: core.dispatch,
        events: core.events,
        contextFor: (sessionKey, options) => core.contextFor(sessionKey, options),
        stop: () => core.close(),
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
