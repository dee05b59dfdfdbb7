import { z } from 'zod';
import {
  BACKUP_ID_PATTERN,
  type BackupSummary,
  type BackupsOverview,
  type RecoveryOutcome,
  type RecoveryStatus,
  type RestoreScheduled,
} from '../backupTypes';
import { method } from '../method';
import { noInput, administrators } from './common';

/** Backups and recovery: part of the one API contract (`../contract.ts`). */
export const backupsMethods = {
  // --- Backups and recovery (issue 8): recovery.* are public because in recovery mode the
  // database holding the accounts is the damaged one, so nobody can sign in.
  'recovery.status': method<RecoveryStatus | null>()({ input: noInput, access: 'public' }),
  'recovery.restore': method<RecoveryOutcome>()({
    input: z.strictObject({ backupId: z.string().regex(BACKUP_ID_PATTERN) }),
    access: 'public',
  }),
  'recovery.startFresh': method<RecoveryOutcome>()({ input: noInput, access: 'public' }),
  'backups.list': method<BackupsOverview>()({ input: noInput, access: administrators }),
  'backups.create': method<BackupSummary>()({ input: noInput, access: administrators }),
  'backups.scheduleRestore': method<RestoreScheduled>()({
    input: z.strictObject({ backupId: z.string().regex(BACKUP_ID_PATTERN) }),
    access: administrators,
  }),
  'backups.restartNow': method<void>()({ input: noInput, access: administrators }),
} as const;
