import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_ID_PATTERN,
  BACKUP_REASONS,
  type BackupReason,
  type BackupSummary,
} from '../../../shared/api/backupTypes';

/** The live cache, and where its backups, set-aside copies and pending restore live. */
export const databaseFileOf = (dataDir: string) => join(dataDir, 'bureau.sqlite');
export const backupsDirOf = (dataDir: string) => join(dataDir, 'backups');
export const replacedDirOf = (dataDir: string) => join(dataDir, 'replaced');
export const restoreMarkerOf = (dataDir: string) => join(dataDir, 'restore-pending.json');

export const backupFileOf = (dataDir: string, id: string) =>
  join(backupsDirOf(dataDir), `${id}.sqlite`);
export const manifestFileOf = (dataDir: string, id: string) =>
  join(backupsDirOf(dataDir), `${id}.json`);

/** The files that make up one SQLite database in WAL mode. */
export const databaseFamily = (file: string) => [file, `${file}-wal`, `${file}-shm`];

/** `2026-11-23_090000` in UTC (Lomé's time: Togo keeps GMT all year, no daylight saving). */
export function fileStamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** A new backup's id; a suffix keeps two backups taken in the same second apart. */
export function newBackupId(dataDir: string, at: Date, reason: BackupReason): string {
  const base = `bureau-${fileStamp(at)}-${reason}`;
  let id = base;
  for (
    let n = 2;
    existsSync(backupFileOf(dataDir, id)) || existsSync(manifestFileOf(dataDir, id));
    n++
  ) {
    id = `${base}-${n}`;
  }
  return id;
}

export const isBackupId = (id: string) => BACKUP_ID_PATTERN.test(id);

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export function sha256OfFileSync(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Writes through a temporary name, fsyncs, then renames: a crash leaves the old file or the new. */
export function writeFileDurably(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text);
  const fd = openSync(temporary, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

export function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  }
}

function parseManifest(text: string): BackupSummary | null {
  try {
    const value = JSON.parse(text) as Partial<BackupSummary>;
    const valid =
      typeof value.id === 'string' &&
      isBackupId(value.id) &&
      typeof value.createdAt === 'string' &&
      BACKUP_REASONS.includes(value.reason as BackupReason) &&
      typeof value.schemaVersion === 'number' &&
      typeof value.sizeBytes === 'number' &&
      typeof value.sha256 === 'string' &&
      typeof value.integrity === 'string';
    return valid ? ({ appVersion: '', ...value } as BackupSummary) : null;
  } catch {
    return null;
  }
}

export function readManifest(dataDir: string, id: string): BackupSummary | null {
  if (!isBackupId(id)) return null;
  try {
    const manifest = parseManifest(readFileSync(manifestFileOf(dataDir, id), 'utf8'));
    return manifest?.id === id && existsSync(backupFileOf(dataDir, id)) ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * Every complete backup (a database with its manifest), newest first. A backup without a
 * manifest is one whose writing was interrupted: it is not offered.
 */
export function listBackups(dataDir: string): BackupSummary[] {
  let names: string[];
  try {
    names = readdirSync(backupsDirOf(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => readManifest(dataDir, name.slice(0, -'.json'.length)))
    .filter((backup): backup is BackupSummary => backup !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
