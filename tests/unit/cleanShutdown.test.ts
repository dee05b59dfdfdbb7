import Database from 'better-sqlite3';
import { statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  damageVisibleInHeader,
  takeCleanShutdownMarker,
  writeCleanShutdownMarker,
} from '../../src/main/core/backup/cleanShutdown';
import { tempDir } from '../support/paths';

/** A closed WAL database of a few pages, as Bureau leaves its cache. */
function closedDatabase(): { dataDir: string; file: string } {
  const dataDir = tempDir('bureau-clean-');
  const file = join(dataDir, 'bureau.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (v TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 0; i < 200; i++) insert.run('x'.repeat(200));
  db.close();
  return { dataDir, file };
}

describe('the clean-shutdown marker', () => {
  it('is taken once: the next start without a new clean close checks the file', () => {
    const { dataDir, file } = closedDatabase();
    writeCleanShutdownMarker(dataDir, file, new Date());
    expect(takeCleanShutdownMarker(dataDir, file)).toBe(true);
    expect(takeCleanShutdownMarker(dataDir, file)).toBe(false);
  });

  it('does not vouch for a file changed since the close (size or time)', () => {
    const { dataDir, file } = closedDatabase();
    writeCleanShutdownMarker(dataDir, file, new Date());
    const { atime } = statSync(file);
    utimesSync(file, atime, new Date(Date.now() + 60_000));
    expect(takeCleanShutdownMarker(dataDir, file)).toBe(false);
  });

  it('does not vouch for commits left in the WAL', () => {
    const { dataDir, file } = closedDatabase();
    writeCleanShutdownMarker(dataDir, file, new Date());
    writeFileSync(`${file}-wal`, Buffer.alloc(4096, 1));
    expect(takeCleanShutdownMarker(dataDir, file)).toBe(false);
  });

  it('is not written while the WAL still holds commits', () => {
    const { dataDir, file } = closedDatabase();
    writeFileSync(`${file}-wal`, Buffer.alloc(4096, 1));
    writeCleanShutdownMarker(dataDir, file, new Date());
    expect(takeCleanShutdownMarker(dataDir, file)).toBe(false);
  });
});

describe('damage visible in the header', () => {
  it('none in a whole file', () => {
    expect(damageVisibleInHeader(closedDatabase().file)).toBeNull();
  });

  it('a file shorter than the pages its header counts was truncated', () => {
    const { file } = closedDatabase();
    truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096);
    expect(damageVisibleInHeader(file)).toMatchObject({ reason: 'corrupted' });
  });
});
