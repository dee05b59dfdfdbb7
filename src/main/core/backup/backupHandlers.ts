import type { Handlers } from '../api/dispatcher';
import { refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import { backupsDirOf } from './backupFiles';
import type { BackupService } from './backupService';
import { readPendingRestore, scheduleRestore, verifyBackup } from './restoreBackup';

type BackupMethod =
  | 'backups.list'
  | 'backups.create'
  | 'backups.scheduleRestore'
  | 'backups.restartNow'
  | 'recovery.status'
  | 'recovery.restore'
  | 'recovery.startFresh';

const notInRecovery = () => {
  throw refusal('conflict', 'notInRecovery', {});
};

/**
 * The administrator's backup methods, and the recovery methods' answers in normal mode. A
 * restore is staged for the next start, since the cache it replaces is open; `restart` is the
 * host's in-process restart (absent when the core runs on its own, as in tests), asked during a
 * call and carried out once that call has answered.
 */
export function createBackupHandlers(deps: {
  service: BackupService;
  dataDir: string;
  audit: AuditLog;
  clock: Clock;
  restart?: () => void;
}): Pick<Handlers, BackupMethod> {
  const { service, dataDir, audit, clock } = deps;
  const record = (
    action: string,
    actor: { id: string; officeCode: string } | null,
    summary: Record<string, unknown>,
    entityId: string,
  ) =>
    audit.append({
      at: clock.now().toISOString(),
      actorId: actor?.id ?? null,
      officeCode: actor?.officeCode ?? null,
      action,
      entityType: 'backup',
      entityId,
      summary,
    });

  return {
    'backups.list': () => ({
      backups: service.list(),
      directory: backupsDirOf(dataDir),
      retentionDays: service.retention.keepDays,
      pendingRestore: (() => {
        const pending = readPendingRestore(dataDir);
        return pending ? { backupId: pending.backupId, requestedAt: pending.requestedAt } : null;
      })(),
    }),
    'backups.create': async (_input, { user }) => {
      const backup = await service.backupNow('manual');
      record(
        'backup.created',
        user,
        { sizeBytes: backup.sizeBytes, sha256: backup.sha256 },
        backup.id,
      );
      return backup;
    },
    'backups.scheduleRestore': async ({ backupId }, { user }) => {
      const backup = await verifyBackup(dataDir, backupId);
      scheduleRestore(dataDir, {
        backupId,
        requestedAt: clock.now().toISOString(),
        requestedBy: user?.id ?? null,
      });
      // Recorded in the cache being replaced; it is kept aside with it, and the restore itself
      // leaves a note (`pourquoi.json`) next to the replaced files.
      record('backup.restore_scheduled', user, { createdAt: backup.createdAt }, backupId);
      return { backup, restartAvailable: deps.restart !== undefined };
    },
    'backups.restartNow': () => {
      if (!deps.restart) {
        throw refusal('unavailable', 'cannotRestart', {});
      }
      // The host closes this core once this call has answered (restartableApi.ts): no delay.
      deps.restart();
    },
    'recovery.status': () => null,
    'recovery.restore': notInRecovery,
    'recovery.startFresh': notInRecovery,
  };
}
