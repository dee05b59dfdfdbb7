import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupSummary } from '../../../shared/api/backupTypes';
import { refusal } from '../api/domainError';
import { MIGRATIONS } from '../db/migrations';
import {
  backupFileOf,
  databaseFamily,
  databaseFileOf,
  fileStamp,
  fsyncDirectory,
  readManifest,
  replacedDirOf,
  restoreMarkerOf,
  sha256OfFile,
  writeFileDurably,
} from './backupFiles';
import { checkBackupFileInWorker } from './checkInWorker';

export const SUPPORTED_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

export interface PendingRestore {
  backupId: string;
  requestedAt: string;
  requestedBy: string | null;
}

/**
 * Checks a backup before it may replace the cache: its manifest, its bytes against the SHA-256
 * recorded when it was written, SQLite's full integrity check, and a schema this version knows.
 */
export async function verifyBackup(dataDir: string, backupId: string): Promise<BackupSummary> {
  const backup = readManifest(dataDir, backupId);
  if (!backup) {
    throw refusal('not_found', 'backupMissing', {});
  }
  const file = backupFileOf(dataDir, backupId);
  if ((await sha256OfFile(file)) !== backup.sha256) {
    throw refusal('integrity_failed', 'backupAltered', {});
  }
  const check = await checkBackupFileInWorker(file, 'full');
  if (!check.ok) {
    throw refusal('integrity_failed', 'backupFailsCheck', { detail: check.detail });
  }
  if (check.schemaVersion > SUPPORTED_SCHEMA) {
    throw refusal('conflict', 'backupFromNewerBureau', {});
  }
  return backup;
}

export function scheduleRestore(dataDir: string, pending: PendingRestore): void {
  writeFileDurably(restoreMarkerOf(dataDir), JSON.stringify(pending, null, 2));
}

export function readPendingRestore(dataDir: string): PendingRestore | null {
  try {
    const value = JSON.parse(readFileSync(restoreMarkerOf(dataDir), 'utf8')) as PendingRestore;
    return typeof value.backupId === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Moves the cache and its -wal/-shm into `replaced/<time>/` (never deleted: they may hold work
 * not yet sent to the portal) with a note saying why. Returns the folder.
 */
export function setDatabaseAside(dataDir: string, at: Date, why: Record<string, unknown>): string {
  const base = join(replacedDirOf(dataDir), fileStamp(at));
  let folder = base;
  for (let n = 2; existsSync(folder); n++) folder = `${base}-${n}`;
  mkdirSync(folder, { recursive: true });
  for (const file of databaseFamily(databaseFileOf(dataDir))) {
    if (existsSync(file)) renameSync(file, join(folder, basename(file)));
  }
  writeFileDurably(
    join(folder, 'pourquoi.json'),
    JSON.stringify({ at: at.toISOString(), ...why }, null, 2),
  );
  fsyncDirectory(folder);
  fsyncDirectory(dataDir);
  return folder;
}

function copyDurably(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts a verified backup in place of the cache, with the cache closed. The copy is made under a
 * temporary name first; if Bureau stops half-way, the marker is still there and the next start
 * does it again.
 */
export function installBackup(
  dataDir: string,
  backup: BackupSummary,
  at: Date,
  why: Record<string, unknown>,
): string {
  const live = databaseFileOf(dataDir);
  const incoming = `${live}.restoring`;
  copyDurably(backupFileOf(dataDir, backup.id), incoming);
  const folder = setDatabaseAside(dataDir, at, { ...why, restoredBackupId: backup.id });
  renameSync(incoming, live);
  fsyncDirectory(dataDir);
  return folder;
}

export type PendingRestoreOutcome =
  | { status: 'none' }
  | { status: 'restored'; backup: BackupSummary; setAsideIn: string }
  | { status: 'refused'; backupId: string; message: string };

/**
 * At start, before the cache is opened: carries out the restore an administrator scheduled.
 * A backup that no longer passes its check is refused and the cache is left untouched.
 */
export async function applyPendingRestore(
  dataDir: string,
  at: Date,
): Promise<PendingRestoreOutcome> {
  const pending = readPendingRestore(dataDir);
  if (!pending) {
    rmSync(restoreMarkerOf(dataDir), { force: true });
    return { status: 'none' };
  }
  let backup: BackupSummary;
  try {
    backup = await verifyBackup(dataDir, pending.backupId);
  } catch (error) {
    renameSync(restoreMarkerOf(dataDir), join(dataDir, 'restore-refused.json'));
    return { status: 'refused', backupId: pending.backupId, message: (error as Error).message };
  }
  const setAsideIn = installBackup(dataDir, backup, at, {
    reason: 'restauration demandée par un administrateur',
    requestedAt: pending.requestedAt,
    requestedBy: pending.requestedBy,
  });
  rmSync(restoreMarkerOf(dataDir), { force: true });
  fsyncDirectory(dataDir);
  return { status: 'restored', backup, setAsideIn };
}
