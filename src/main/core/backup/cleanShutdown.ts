import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecoveryStatus } from '../../../shared/api/backupTypes';
import { writeFileDurably } from './backupFiles';

/**
 * The clean-shutdown marker: written once the cache is closed cleanly (its WAL checkpointed and
 * gone), removed as soon as Bureau opens the cache again. A start that finds it skips the
 * whole-file check (`quick_check` reads every page: 2 s at 100k cases, 20 s at 1M); a start
 * that does not — Bureau crashed, lost power or was killed — checks the file first, as before.
 *
 * The marker also records the size and modification time the file had when it was closed: a
 * file changed since (copied over, restored by hand, truncated) is checked too. Damage that
 * leaves both alone (a bad sector) is what the full check in a worker after start finds.
 */
export const cleanShutdownMarkerOf = (dataDir: string) => join(dataDir, 'arret-propre.json');

interface Marker {
  size: number;
  mtimeMs: number;
  closedAt: string;
}

/**
 * Commits not yet in the file itself. An empty WAL holds none: a read-only connection (a backup
 * check, a support tool) leaves one behind.
 */
function hasWalContent(file: string): boolean {
  const wal = `${file}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}

function identityOf(file: string): Pick<Marker, 'size' | 'mtimeMs'> {
  const stat = statSync(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * The same time within 2 ms: a time set back with `utimes` (a copy that keeps times, a test)
 * comes back to the millisecond only, through a float of seconds. Nothing can write the file in
 * the 2 ms after its clean close.
 */
const sameTime = (a: number, b: number) => Math.abs(a - b) < 2;

/** Called after the cache was closed cleanly. */
export function writeCleanShutdownMarker(dataDir: string, file: string, at: Date): void {
  // A WAL with commits means the close did not checkpoint (another connection kept it open).
  if (!existsSync(file) || hasWalContent(file)) return;
  const marker: Marker = { ...identityOf(file), closedAt: at.toISOString() };
  writeFileDurably(cleanShutdownMarkerOf(dataDir), JSON.stringify(marker));
}

/**
 * Whether the cache was closed cleanly and left untouched since. Consumes the marker: from now
 * on the cache is open, and only a clean close writes it again.
 */
export function takeCleanShutdownMarker(dataDir: string, file: string): boolean {
  const markerFile = cleanShutdownMarkerOf(dataDir);
  if (!existsSync(markerFile)) return false;
  let marker: Partial<Marker> = {};
  try {
    marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Partial<Marker>;
  } catch {
    // An unreadable marker is no marker.
  }
  rmSync(markerFile, { force: true });
  if (!existsSync(file) || hasWalContent(file)) return false;
  const now = identityOf(file);
  return (
    marker.size === now.size &&
    typeof marker.mtimeMs === 'number' &&
    sameTime(marker.mtimeMs, now.mtimeMs)
  );
}

/**
 * What can be seen of the file without reading it all: its header and its length. SQLite keeps
 * the number of pages in the header (valid when « version-valid-for » matches the change
 * counter); a file shorter than that lost its end.
 */
export function damageVisibleInHeader(
  file: string,
): Pick<RecoveryStatus, 'reason' | 'detail'> | null {
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(100);
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) {
      return {
        reason: 'not_a_database',
        detail: 'Le fichier est plus court qu’un en-tête SQLite.',
      };
    }
  } finally {
    closeSync(fd);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const size = statSync(file).size;
  if (valid && pages > 0 && size < pages * pageSize) {
    return {
      reason: 'corrupted',
      detail: `Fichier tronqué : ${size} octets pour ${pages} pages de ${pageSize} octets.`,
    };
  }
  return null;
}
