import Database from 'better-sqlite3';
import {
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryOutcome, RecoveryStatus } from '../../src/shared/api/backupTypes';
import type { Result } from '../../src/shared/api/result';
import { startBureau, type RunningBureau } from '../../src/main/bootstrap/startBureau';
import { databaseFileOf, replacedDirOf } from '../../src/main/core/backup/backupFiles';
import { cleanShutdownMarkerOf } from '../../src/main/core/backup/cleanShutdown';
import type { ApiEventMessage } from '../../src/shared/api/events';
import { eventually } from '../support/syncBureau';
import { repoRoot, openCore, startSimulator, tempDir } from '../support/testBureau';

const CASES = 30;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  simulator = await startSimulator(CASES, 23);
});
afterAll(async () => {
  await simulator?.close();
});

/** A synced cache with one backup, configured for the test portal, as an office would have. */
async function officeWithBackup(): Promise<{ dataDir: string; backupId: string }> {
  const dataDir = tempDir('bureau-recovery-');
  const core = openCore({
    dataDir,
    portalUrl: simulator.url,
    token: simulator.token,
    trainingMode: false,
  });
  await core.sync.syncNow();
  const setup = await core.dispatch(
    'session.createFirstAdministrator',
    {
      username: 'afi.amegah',
      displayName: 'Afi Amegah',
      officeCode: 'LOM',
      password: 'une longue phrase de passe',
    },
    core.contextFor('setup'),
  );
  if (!setup.ok) throw new Error(setup.error.message);
  const backup = await core.dispatch('backups.create', {}, core.contextFor('setup'));
  if (!backup.ok) throw new Error(backup.error.message);
  await core.close();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ portalUrl: simulator.url, portalToken: simulator.token }),
  );
  return { dataDir, backupId: (backup.value as { id: string }).id };
}

function overwrite(file: string, offset: number, bytes: Buffer) {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

/** Overwrites one b-tree page of a table (the cases by default), in the middle of the file. */
function corruptMiddlePage(file: string, table = 'applications') {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno')
    .pluck()
    .all(table) as number[];
  db.close();
  const page = pages[Math.floor(pages.length / 2)]!;
  overwrite(file, (page - 1) * pageSize, Buffer.alloc(pageSize, 0x5a));
}

const DAMAGE: Record<string, (file: string) => void> = {
  'overwritten with garbage': (file) =>
    writeFileSync(file, Buffer.from('ceci n’est pas une base de données '.repeat(4000))),
  'truncated to a third': (file) =>
    truncateSync(file, Math.floor(statSync(file).size / 3 / 4096) * 4096),
  'one page in the middle corrupted': corruptMiddlePage,
};

async function start(
  dataDir: string,
  integrityCheck = { firstAfterMs: 3_600_000, everyMs: 3_600_000 },
): Promise<RunningBureau> {
  return startBureau({
    appRoot: repoRoot,
    dataDir,
    host: 'web',
    version: 'test',
    syncIntervalMs: 3_600_000,
    integrityCheck,
  });
}

/** Bureau started and closed as a clerk would: the close leaves the clean-shutdown marker. */
async function closedCleanly(dataDir: string): Promise<void> {
  const bureau = await start(dataDir);
  expect(bureau.mode()).toBe('normal');
  await bureau.stop();
  expect(existsSync(cleanShutdownMarkerOf(dataDir))).toBe(true);
}

/**
 * Damage Bureau could not see coming (a bad sector): the file keeps its size and modification
 * time. In the search index, which opening the cache does not read (the cases table is).
 */
function corruptMiddlePageSilently(file: string) {
  const before = statSync(file);
  corruptMiddlePage(file, 'inbox_search_data');
  utimesSync(file, before.atime, before.mtime);
  expect(statSync(file).size).toBe(before.size);
}

async function call<T>(bureau: RunningBureau, method: string, input: unknown = {}): Promise<T> {
  const result: Result<unknown> = await bureau.core.dispatch(
    method,
    input,
    bureau.core.contextFor('test-window'),
  );
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const casesIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a damaged cache at start-up', () => {
  // The office's cache was last closed without Bureau's clean shutdown (a crash, a power cut):
  // the start reads the whole file (quick_check) before opening it.
  it.each(Object.keys(DAMAGE))('%s: recovery mode, not a crash', async (damage) => {
    const { dataDir, backupId } = await officeWithBackup();
    const live = databaseFileOf(dataDir);
    DAMAGE[damage]!(live);
    const damagedBytes = readFileSync(live);

    const bureau = await start(dataDir);
    try {
      expect(bureau.mode()).toBe('recovery');
      const status = await call<RecoveryStatus>(bureau, 'recovery.status');
      expect(status.damagedFile).toBe(live);
      expect(['not_a_database', 'corrupted', 'integrity_failed']).toContain(status.reason);
      expect(status.backups.map((backup) => backup.id)).toEqual([backupId]);
      // Public answers for the renderer; everything else is refused with the reason.
      expect(await call(bureau, 'session.current')).toEqual({
        status: 'signed_out',
        needsFirstAdministrator: false,
      });
      expect((await call<{ version: string }>(bureau, 'app.info')).version).toBe('test');
      const refused = await bureau.core.dispatch('inbox.counts', {}, { user: null });
      expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(refused.ok ? '' : refused.error.message).toMatch(/mode récupération/);

      // Restore the latest backup: the damaged file goes aside, Bureau restarts in-process.
      const outcome = await call<RecoveryOutcome>(bureau, 'recovery.restore', { backupId });
      expect(outcome.restoredBackupId).toBe(backupId);
      expect(readFileSync(join(outcome.setAsideIn, 'bureau.sqlite')).equals(damagedBytes)).toBe(
        true,
      );
      expect(await call(bureau, 'recovery.status')).toBeNull(); // waits for the restart
      expect(bureau.mode()).toBe('normal');
      expect(casesIn(live)).toBe(CASES);
    } finally {
      await bureau.stop();
    }
  });

  it('starting fresh sets the damaged file aside and syncs the cache again from the portal', async () => {
    const { dataDir } = await officeWithBackup();
    const live = databaseFileOf(dataDir);
    DAMAGE['overwritten with garbage']!(live);

    const bureau = await start(dataDir);
    try {
      expect(bureau.mode()).toBe('recovery');
      const outcome = await call<RecoveryOutcome>(bureau, 'recovery.startFresh');
      expect(outcome.restoredBackupId).toBeNull();
      expect(readdirSync(replacedDirOf(dataDir))).toHaveLength(1);
      expect(readFileSync(join(outcome.setAsideIn, 'bureau.sqlite'), 'utf8')).toMatch(
        /^ceci n’est pas une base/,
      );
      expect(
        JSON.parse(readFileSync(join(outcome.setAsideIn, 'pourquoi.json'), 'utf8')),
      ).toMatchObject({
        then: 'cache vide, resynchronisé depuis le portail',
      });
      expect(await call(bureau, 'recovery.status')).toBeNull();
      expect(bureau.mode()).toBe('normal');
      // The new core syncs at once (sync.start): the portal's cases come back.
      await eventually(() => existsSync(live) && casesIn(live) >= CASES, 20_000, 'cases back');
      expect(casesIn(live)).toBe(CASES);
    } finally {
      await bureau.stop();
    }
  });

  it('a healthy cache starts normally and recovery methods refuse to act', async () => {
    const { dataDir } = await officeWithBackup();
    await closedCleanly(dataDir);
    const bureau = await start(dataDir);
    try {
      expect(bureau.mode()).toBe('normal');
      // Taken at start: only the next clean close writes it again.
      expect(existsSync(cleanShutdownMarkerOf(dataDir))).toBe(false);
      expect(await call(bureau, 'recovery.status')).toBeNull();
      const refused = await bureau.core.dispatch('recovery.startFresh', {}, { user: null });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(existsSync(replacedDirOf(dataDir))).toBe(false);
    } finally {
      await bureau.stop();
    }
    expect(existsSync(cleanShutdownMarkerOf(dataDir))).toBe(true);
  });

  it.each(Object.keys(DAMAGE))(
    '%s after a clean shutdown: still recovery mode at start',
    async (damage) => {
      // The marker spares the start the whole-file read only for the file as Bureau left it:
      // garbage fails the header, a truncated file its length, a rewritten one its size and time.
      const { dataDir } = await officeWithBackup();
      await closedCleanly(dataDir);
      DAMAGE[damage]!(databaseFileOf(dataDir));
      const bureau = await start(dataDir);
      try {
        expect(bureau.mode()).toBe('recovery');
        expect(existsSync(cleanShutdownMarkerOf(dataDir))).toBe(false);
      } finally {
        await bureau.stop();
      }
    },
  );

  it('a damaged page after a crash is found before the cache opens', async () => {
    const { dataDir } = await officeWithBackup();
    await closedCleanly(dataDir);
    corruptMiddlePageSilently(databaseFileOf(dataDir));
    // What a crash leaves: no clean-shutdown marker.
    rmSync(cleanShutdownMarkerOf(dataDir));
    const bureau = await start(dataDir);
    try {
      expect(bureau.mode()).toBe('recovery');
    } finally {
      await bureau.stop();
    }
  });

  it('a damaged page after a clean shutdown: Bureau opens at once, the check in the background finds it and opens recovery', async () => {
    const { dataDir, backupId } = await officeWithBackup();
    await closedCleanly(dataDir);
    const live = databaseFileOf(dataDir);
    corruptMiddlePageSilently(live);

    const bureau = await start(dataDir, { firstAfterMs: 200, everyMs: 3_600_000 });
    const events: ApiEventMessage[] = [];
    const unsubscribe = bureau.core.events.subscribe((message) => events.push(message));
    try {
      // The start did not read the whole file: the damage is not known yet.
      expect(bureau.mode()).toBe('normal');
      await eventually(() => bureau.mode() === 'recovery', 30_000, 'recovery after the check');
      expect(events).toContainEqual({
        event: 'recovery.required',
        payload: { reason: expect.stringMatching(/integrity_failed|corrupted/) as unknown },
      });
      const status = await call<RecoveryStatus>(bureau, 'recovery.status');
      expect(status.damagedFile).toBe(live);
      expect(['corrupted', 'integrity_failed']).toContain(status.reason);
      // A damaged cache is never marked as closed cleanly.
      expect(existsSync(cleanShutdownMarkerOf(dataDir))).toBe(false);

      const outcome = await call<RecoveryOutcome>(bureau, 'recovery.restore', { backupId });
      expect(outcome.restoredBackupId).toBe(backupId);
      expect(await call(bureau, 'recovery.status')).toBeNull();
      expect(bureau.mode()).toBe('normal');
      expect(casesIn(live)).toBe(CASES);
    } finally {
      unsubscribe();
      await bureau.stop();
    }
  });

  it('a locked or unreadable file is an error, never a reason to set the cache aside', async () => {
    const { dataDir } = await officeWithBackup();
    const live = databaseFileOf(dataDir);
    // Another process holds an exclusive lock (a second Bureau on the same folder).
    const holder = new Database(live);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      await expect(start(dataDir)).rejects.toThrow(/locked|busy/i);
      expect(existsSync(replacedDirOf(dataDir))).toBe(false);
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
  }, 30_000);
});
