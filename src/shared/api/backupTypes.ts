/** Why a backup was taken: once a day, before a schema change, or on an administrator's request. */
export const BACKUP_REASONS = ['daily', 'pre-migration', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/**
 * A backup's id is its file name without `.sqlite`: `bureau-2026-11-23_090000-daily`. The
 * pattern is also what the API accepts, so an id can never name a file outside the backups folder.
 */
export const BACKUP_ID_PATTERN =
  /^bureau-\d{4}-\d{2}-\d{2}_\d{6}-(daily|pre-migration|manual)(-\d{1,3})?$/;

export interface BackupSummary {
  id: string;
  createdAt: string;
  reason: BackupReason;
  appVersion: string;
  /** The backed-up database's `user_version`. */
  schemaVersion: number;
  sizeBytes: number;
  sha256: string;
  /** `ok`, or the first lines `PRAGMA integrity_check` reported on the written copy. */
  integrity: string;
}

export interface BackupsOverview {
  backups: BackupSummary[];
  /** Where the backups are, for the administrator who wants to copy them elsewhere. */
  directory: string;
  retentionDays: number;
  /** A restore waiting for the next start. */
  pendingRestore: { backupId: string; requestedAt: string } | null;
}

export interface RestoreScheduled {
  backup: BackupSummary;
  /** This host can restart Bureau by itself (« Redémarrer maintenant »). */
  restartAvailable: boolean;
}

/** Why Bureau started in recovery mode instead of opening its cache. */
export type RecoveryReason = 'not_a_database' | 'corrupted' | 'integrity_failed';

export interface RecoveryStatus {
  reason: RecoveryReason;
  /** What SQLite said (for the administrator and a support call), in its own words. */
  detail: string;
  damagedFile: string;
  /** Backups that passed their check when they were written, newest first. */
  backups: BackupSummary[];
}

/** What a recovery action did; the renderer reloads and finds Bureau in normal mode. */
export interface RecoveryOutcome {
  /** Where the damaged database was moved (never deleted). */
  setAsideIn: string;
  restoredBackupId: string | null;
}
