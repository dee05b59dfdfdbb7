import { apiContract, isMethodName, type MethodName } from '../../../shared/api/contract';
import type {
  BackupSummary,
  RecoveryOutcome,
  RecoveryStatus,
} from '../../../shared/api/backupTypes';
import { fail, ok, type Result } from '../../../shared/api/result';
import type { SessionState } from '../../../shared/api/sessionTypes';
import type { AppInfo } from '../../../shared/api/types';
import type { CallContext, Dispatch } from '../api/dispatcher';
import { DomainError, failureOf } from '../api/domainError';
import type { Clock } from '../clock';
import { createEventBus } from '../eventBus';
import { databaseFileOf, listBackups } from './backupFiles';
import { installBackup, setDatabaseAside, verifyBackup } from './restoreBackup';

export interface RecoveryModeOptions {
  dataDir: string;
  info: AppInfo;
  damage: Pick<RecoveryStatus, 'reason' | 'detail'>;
  clock: Clock;
  /** Starts Bureau again once the cache is replaced (the host's in-process restart). */
  restart: () => void;
  log: (message: string, error?: unknown) => void;
}

const SIGNED_OUT: SessionState = { status: 'signed_out', needsFirstAdministrator: false };

/** What recovery mode answers; every other method is refused with the reason. */
type RecoveryMethod =
  | 'app.info'
  | 'session.current'
  | 'session.trainingAccounts'
  | 'recovery.status'
  | 'recovery.restore'
  | 'recovery.startFresh';

/**
 * Bureau without its core: the cache could not be opened, so there are no users, cases or sync.
 * The hosts serve this dispatcher instead, and the renderer shows the recovery screen from
 * `recovery.status`. A choice (restore a backup, start empty) sets the damaged file aside —
 * never deleting it — and restarts Bureau on the new cache.
 */
export function createRecoveryMode(options: RecoveryModeOptions) {
  const { dataDir, clock, log } = options;
  const usableBackups = (): BackupSummary[] =>
    listBackups(dataDir).filter((backup) => backup.integrity === 'ok');
  const why = {
    reason: `base abîmée au démarrage (${options.damage.reason})`,
    detail: options.damage.detail,
  };
  let acting = false;

  /** One action at a time (two windows could both click); then the host restarts. */
  async function act(action: () => Promise<RecoveryOutcome>): Promise<RecoveryOutcome> {
    if (acting)
      throw new DomainError('conflict', 'Une récupération est déjà en cours : patientez.');
    acting = true;
    try {
      const outcome = await action();
      options.restart();
      return outcome;
    } finally {
      acting = false;
    }
  }

  const handlers: { [M in RecoveryMethod]: (input: never) => unknown } = {
    'app.info': () => options.info,
    'session.current': () => SIGNED_OUT,
    'session.trainingAccounts': () => [],
    'recovery.status': (): RecoveryStatus => ({
      ...options.damage,
      damagedFile: databaseFileOf(dataDir),
      backups: usableBackups(),
    }),
    'recovery.restore': ({ backupId }: { backupId: string }) =>
      act(async () => {
        const backup = await verifyBackup(dataDir, backupId);
        const setAsideIn = installBackup(dataDir, backup, clock.now(), why);
        log(
          `récupération : sauvegarde ${backup.id} restaurée, base abîmée déplacée dans ${setAsideIn}`,
        );
        return { setAsideIn, restoredBackupId: backup.id };
      }),
    'recovery.startFresh': () =>
      act(() => {
        const setAsideIn = setDatabaseAside(dataDir, clock.now(), {
          ...why,
          then: 'cache vide, resynchronisé depuis le portail',
        });
        log(`récupération : base abîmée déplacée dans ${setAsideIn}, cache vide`);
        return Promise.resolve({ setAsideIn, restoredBackupId: null });
      }),
  };
  const isRecoveryMethod = (method: MethodName): method is RecoveryMethod => method in handlers;

  const dispatch: Dispatch = async (method, rawInput): Promise<Result<unknown>> => {
    if (!isMethodName(method)) {
      return fail('unknown_method', `Opération inconnue « ${String(method).slice(0, 80)} ».`);
    }
    if (!isRecoveryMethod(method)) {
      return fail(
        'unavailable',
        'Bureau est en mode récupération : sa base de données est abîmée. Restaurez une sauvegarde ou repartez d’un cache vide depuis l’écran de récupération.',
      );
    }
    const parsed = apiContract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('invalid_input', 'Requête invalide. Rechargez la page.');
    try {
      return ok(await (handlers[method] as (input: unknown) => unknown)(parsed.data));
    } catch (error) {
      if (error instanceof DomainError) return failureOf(error);
      log(`récupération : ${method} a échoué`, error);
      return fail(
        'internal',
        `L’opération a échoué (${(error as Error).message}). Rien n’a été supprimé ; réessayez ou choisissez une autre sauvegarde.`,
      );
    }
  };

  return {
    dispatch,
    events: createEventBus(),
    contextFor: (): CallContext => ({ user: null }),
  };
}
