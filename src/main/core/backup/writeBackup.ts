import { copyFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { BackupReason, BackupSummary } from '../../../shared/api/backupTypes';
import {
  backupFileOf,
  backupsDirOf,
  fsyncDirectory,
  manifestFileOf,
  newBackupId,
  sha256OfFile,
  sha256OfFileSync,
  writeFileDurably,
} from './backupFiles';
import { checkBackupFileInWorker } from './checkInWorker';
import { checkDatabaseFile, type DatabaseCheck } from './databaseCheck';

export interface BackupRequest {
  dataDir: string;
  reason: BackupReason;
  at: Date;
  appVersion: string;
}

/**
 * Pages copied per step of the online backup. Between steps better-sqlite3 yields to the event
 * loop (setImmediate), so requests keep being served; 256 pages (1 MB) keep a step to a few ms.
 */
const PAGES_PER_STEP = 256;

/**
 * Makes the copy self-contained: rollback journal instead of WAL, so no -wal/-shm beside it.
 * The live cache goes back to WAL when it is opened after a restore.
 */
function makeSelfContained(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** What the manifest says of a copy that passed its full check. */
function describe(
  request: BackupRequest,
  id: string,
  partial: string,
  check: DatabaseCheck,
): Omit<BackupSummary, 'sha256'> {
  if (!check.ok) {
    throw new Error(`La copie de sauvegarde ne passe pas la vérification : ${check.detail}`);
  }
  return {
    id,
    createdAt: request.at.toISOString(),
    reason: request.reason,
    appVersion: request.appVersion,
    schemaVersion: check.schemaVersion,
    sizeBytes: statSync(partial).size,
    integrity: check.result,
  };
}

/** The manifest is written last: a backup without one is an unfinished write, never offered. */
function publish(request: BackupRequest, summary: BackupSummary, partial: string): BackupSummary {
  renameSync(partial, backupFileOf(request.dataDir, summary.id));
  writeFileDurably(manifestFileOf(request.dataDir, summary.id), JSON.stringify(summary, null, 2));
  fsyncDirectory(backupsDirOf(request.dataDir));
  return summary;
}

/**
 * An online backup of the open cache with SQLite's backup API: it copies page by page while
 * Bureau keeps reading and writing (our own connection's writes are carried into the copy).
 */
export async function writeOnlineBackup(
  db: Database.Database,
  request: BackupRequest,
): Promise<BackupSummary> {
  mkdirSync(backupsDirOf(request.dataDir), { recursive: true });
  const id = newBackupId(request.dataDir, request.at, request.reason);
  const partial = `${backupFileOf(request.dataDir, id)}.partial`;
  try {
    await db.backup(partial, { progress: () => PAGES_PER_STEP });
    makeSelfContained(partial);
    const check = await checkBackupFileInWorker(partial, 'full');
    const summary = describe(request, id, partial, check);
    return publish(request, { ...summary, sha256: await sha256OfFile(partial) }, partial);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * A backup while nothing else uses the database (before migrations, inside start-up, which is
 * synchronous): a checkpoint folds the WAL into the file, which is then copied as it is.
 */
export function writeQuiescentBackup(db: Database.Database, request: BackupRequest): BackupSummary {
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint && checkpoint.busy !== 0) {
    throw new Error('Sauvegarde impossible : la base est utilisée par un autre processus.');
  }
  mkdirSync(backupsDirOf(request.dataDir), { recursive: true });
  const id = newBackupId(request.dataDir, request.at, request.reason);
  const partial = `${backupFileOf(request.dataDir, id)}.partial`;
  try {
    copyFileSync(db.name, partial);
    makeSelfContained(partial);
    const check = checkDatabaseFile(partial, { depth: 'full', readonly: true });
    const summary = describe(request, id, partial, check);
    return publish(request, { ...summary, sha256: sha256OfFileSync(partial) }, partial);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The migration runner's hook: a verified copy of the cache before its schema changes. */
export function backupBeforeMigrating(
  request: Omit<BackupRequest, 'reason' | 'at'> & { now: () => Date },
) {
  return (db: Database.Database) => {
    writeQuiescentBackup(db, {
      dataDir: request.dataDir,
      appVersion: request.appVersion,
      reason: 'pre-migration',
      at: request.now(),
    });
  };
}
