import { rmSync } from 'node:fs';
import type { BackupSummary } from '../../../shared/api/backupTypes';
import { backupFileOf, listBackups, manifestFileOf } from './backupFiles';
import { readPendingRestore } from './restoreBackup';

export interface RetentionPolicy {
  /** Backups younger than this many days are kept. */
  keepDays: number;
  /** The newest ones are kept whatever their age: an office closed for a month keeps a way back. */
  keepLatest: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepDays: 14, keepLatest: 3 };
const DAY_MS = 86_400_000;

/**
 * Which backups the policy lets go (`backups` newest first, as `listBackups` returns them).
 * `pinned` is the backup a scheduled restore waits for: it stays whatever its age.
 */
export function backupsToPrune(
  backups: readonly BackupSummary[],
  now: Date,
  policy: RetentionPolicy,
  pinned: string | null = null,
): BackupSummary[] {
  const oldestKept = now.getTime() - policy.keepDays * DAY_MS;
  return backups.filter(
    (backup, index) =>
      index >= policy.keepLatest &&
      Date.parse(backup.createdAt) < oldestKept &&
      backup.id !== pinned,
  );
}

/** Deletes what the policy lets go: the manifest first, so a half-deleted backup is never offered. */
export function pruneBackups(dataDir: string, now: Date, policy: RetentionPolicy): string[] {
  const pinned = readPendingRestore(dataDir)?.backupId ?? null;
  const pruned = backupsToPrune(listBackups(dataDir), now, policy, pinned);
  for (const backup of pruned) {
    rmSync(manifestFileOf(dataDir, backup.id), { force: true });
    rmSync(backupFileOf(dataDir, backup.id), { force: true });
  }
  return pruned.map((backup) => backup.id);
}
