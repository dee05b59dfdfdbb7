import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../src/shared/api/backupTypes';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import {
  backupFileOf,
  databaseFileOf,
  listBackups,
  readManifest,
  replacedDirOf,
  restoreMarkerOf,
  sha256OfFile,
} from '../../src/main/core/backup/backupFiles';
import { backupsToPrune } from '../../src/main/core/backup/retention';
import { applyPendingRestore, SUPPORTED_SCHEMA } from '../../src/main/core/backup/restoreBackup';
import { startCoreOrRecovery } from '../../src/main/core/backup/startCoreOrRecovery';
import type { Core } from '../../src/main/core/createCore';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createFakeClock, type FakeClock } from '../support/fakeClock';
import { openCore, startSimulator, tempDir } from '../support/testBureau';

const ADMIN = 'u-admin-edem';
const CLERK = 'u-agent-kossi';

async function as<M extends MethodName>(
  core: Core,
  userId: string,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input, core.contextOf(userId));
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

const readOnly = (file: string) => new Database(file, { readonly: true, fileMustExist: true });
const countIn = (file: string, sql: string) => {
  const db = readOnly(file);
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

let simulator: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  simulator = await startSimulator(40, 11);
});
afterAll(async () => {
  await simulator?.close();
});

async function syncedCore(dataDir = tempDir('bureau-backup-'), clock?: FakeClock) {
  const core = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token, clock });
  await core.sync.syncNow();
  return { core, dataDir };
}

describe('online backups', () => {
  it('copies the cache while writes go on, verifies it and records its SHA-256', async () => {
    const { core, dataDir } = await syncedCore();
    // Some volume, so the backup takes many steps (256 pages each) between which writes land.
    core.db.exec('CREATE TABLE ballast (bytes BLOB)');
    const fill = core.db.prepare('INSERT INTO ballast VALUES (randomblob(65536))');
    core.db.transaction(() => {
      for (let i = 0; i < 320; i++) fill.run();
    })();
    const caseId = core.db.prepare('SELECT id FROM applications LIMIT 1').pluck().get() as string;

    let writes = 0;
    let backingUp = true;
    const writer = (async () => {
      while (backingUp) {
        await as(core, CLERK, 'notes.add', { applicationId: caseId, body: `note ${writes + 1}` });
        writes++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backup = await as(core, ADMIN, 'backups.create', {});
    const writesDuringBackup = writes;
    backingUp = false;
    await writer;

    expect(writesDuringBackup).toBeGreaterThan(3); // the backup yielded: writes went on
    expect(backup.id).toMatch(/^bureau-\d{4}-\d{2}-\d{2}_\d{6}-manual$/);
    expect(backup.integrity).toBe('ok');
    expect(backup.schemaVersion).toBe(SUPPORTED_SCHEMA);
    const file = backupFileOf(dataDir, backup.id);
    expect(await sha256OfFile(file)).toBe(backup.sha256);
    expect(readManifest(dataDir, backup.id)).toEqual(backup);
    expect(backup.sizeBytes).toBe(readFileSync(file).length);
    // Notes written while pages were being copied are in the copy (SQLite carries our own
    // connection's writes into it); those written while it was checked and hashed are not.
    const inCopy = countIn(file, 'SELECT count(*) FROM notes');
    expect(inCopy).toBeGreaterThan(3);
    expect(inCopy).toBeLessThanOrEqual(writesDuringBackup);
    expect(countIn(file, 'SELECT max(id) FROM notes')).toBe(inCopy); // a consistent prefix
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(countIn(file, 'PRAGMA user_version')).toBe(SUPPORTED_SCHEMA);
    // The administrator's action is in the audit trail.
    const audited = core.db
      .prepare("SELECT entity_id FROM audit_log WHERE action = 'backup.created'")
      .pluck()
      .all();
    expect(audited).toEqual([backup.id]);
    await core.close();
  });

  it('keeps 14 days plus always the latest 3, pruning after each backup', async () => {
    const clock = createFakeClock('2026-10-01T08:00:00Z');
    const { core, dataDir } = await syncedCore(undefined, clock);
    const taken: string[] = [];
    for (const day of [0, 1, 2, 3, 10, 20, 25]) {
      clock.advanceTo(new Date(Date.parse('2026-10-01T08:00:00Z') + day * 86_400_000));
      taken.push((await as(core, ADMIN, 'backups.create', {})).id);
    }
    // On 26 October: 12 October and later are within 14 days (11, 21, 26); the 1st–4th go.
    expect(listBackups(dataDir).map((backup) => backup.id)).toEqual(
      [taken[6], taken[5], taken[4]].map(String),
    );
    expect(readdirSync(join(dataDir, 'backups')).sort()).toEqual(
      [taken[4], taken[5], taken[6]].flatMap((id) => [`${id}.json`, `${id}.sqlite`]).sort(),
    );
    // A month later nothing is younger than 14 days: the latest 3 stay all the same.
    clock.advanceTo('2026-12-01T08:00:00Z');
    const december = await as(core, ADMIN, 'backups.create', {});
    expect(listBackups(dataDir).map((backup) => backup.id)).toEqual([
      december.id,
      taken[6],
      taken[5],
    ]);
    await core.close();
  });

  it('never prunes the backup a scheduled restore waits for', async () => {
    const clock = createFakeClock('2026-10-01T08:00:00Z');
    const { core, dataDir } = await syncedCore(undefined, clock);
    const first = await as(core, ADMIN, 'backups.create', {});
    await as(core, ADMIN, 'backups.scheduleRestore', { backupId: first.id });
    // Weeks later, three newer backups: the policy alone would let the first one go.
    for (const day of [20, 21, 22]) {
      clock.advanceTo(new Date(Date.parse('2026-10-01T08:00:00Z') + day * 86_400_000));
      await as(core, ADMIN, 'backups.create', {});
    }
    const kept = listBackups(dataDir).map((backup) => backup.id);
    expect(kept).toContain(first.id);
    expect(kept).toHaveLength(4);
    expect(existsSync(backupFileOf(dataDir, first.id))).toBe(true);
    await core.close();
  });

  it('retention policy: what goes and what stays', () => {
    const at = (day: number, id = `b${day}`) =>
      ({ id, createdAt: new Date(Date.UTC(2026, 10, day)).toISOString() }) as BackupSummary;
    const newestFirst = [at(23), at(22), at(20), at(9), at(8), at(1)];
    const pruned = backupsToPrune(newestFirst, new Date(Date.UTC(2026, 10, 23)), {
      keepDays: 14,
      keepLatest: 3,
    });
    expect(pruned.map((backup) => backup.id)).toEqual(['b8', 'b1']);
  });

  it('backs up an existing cache before migrating it, and not a new one', async () => {
    const fresh = tempDir('bureau-backup-new-');
    const created = openCore({ dataDir: fresh, portalUrl: simulator.url });
    await created.close();
    expect(listBackups(fresh)).toEqual([]);

    const dataDir = tempDir('bureau-backup-old-');
    const old = new Database(databaseFileOf(dataDir));
    migrate(
      old,
      MIGRATIONS.filter((migration) => migration.version <= 11),
    );
    old.exec(`INSERT INTO users (id, username, display_name, role, office_code, created_at)
      VALUES ('u-ancien', 'ancien', 'Agent Ancien', 'agent', 'LOM', '2026-01-01T00:00:00Z')`);
    old.close();

    const core = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token });
    const [backup] = listBackups(dataDir);
    expect(backup).toMatchObject({ reason: 'pre-migration', schemaVersion: 11, integrity: 'ok' });
    const file = backupFileOf(dataDir, backup!.id);
    expect(countIn(file, 'PRAGMA user_version')).toBe(11);
    expect(countIn(file, "SELECT count(*) FROM users WHERE id = 'u-ancien'")).toBe(1);
    expect(await sha256OfFile(file)).toBe(backup!.sha256);
    expect(core.db.pragma('user_version', { simple: true })).toBe(SUPPORTED_SCHEMA);
    await core.close();
  });
});

describe('restore round trip', () => {
  it('brings the backed-up cache back at the next start and keeps the replaced one aside', async () => {
    const { core, dataDir } = await syncedCore();
    const cases = core.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    const [first, second] = core.db
      .prepare('SELECT id FROM applications ORDER BY id LIMIT 2')
      .pluck()
      .all() as string[];
    const query = { queue: 'all' as const };
    await as(core, CLERK, 'views.save', { name: 'Avant la sauvegarde', query });
    const backup = await as(core, ADMIN, 'backups.create', {});

    // After the backup: a view, a note, a deleted case.
    await as(core, CLERK, 'views.save', { name: 'Après la sauvegarde', query });
    await as(core, CLERK, 'notes.add', { applicationId: first!, body: 'Après la sauvegarde' });
    core.db.prepare('DELETE FROM applications WHERE id = ?').run(second);

    const scheduled = await as(core, ADMIN, 'backups.scheduleRestore', { backupId: backup.id });
    expect(scheduled.backup.id).toBe(backup.id);
    expect(scheduled.restartAvailable).toBe(false); // a bare core: the host restarts, not it
    expect(existsSync(restoreMarkerOf(dataDir))).toBe(true);
    expect((await as(core, ADMIN, 'backups.list', {})).pendingRestore?.backupId).toBe(backup.id);

    // A crash leaves -wal/-shm beside the cache: keep copies of the live ones to put back.
    const live = databaseFileOf(dataDir);
    const walCopy = join(tempDir('bureau-wal-'), 'wal');
    copyFileSync(`${live}-wal`, walCopy);
    await core.close();
    copyFileSync(walCopy, `${live}-wal`);
    writeFileSync(`${live}-shm`, Buffer.alloc(32_768));

    // Next start, step one (before the cache is opened): the restore.
    const outcome = await applyPendingRestore(dataDir, new Date());
    expect(outcome.status).toBe('restored');
    if (outcome.status !== 'restored') return;
    expect(existsSync(restoreMarkerOf(dataDir))).toBe(false);
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(existsSync(`${live}-shm`)).toBe(false);
    expect(await sha256OfFile(live)).toBe(backup.sha256);
    expect(outcome.setAsideIn.startsWith(replacedDirOf(dataDir))).toBe(true);
    expect(readdirSync(outcome.setAsideIn).sort()).toEqual([
      'bureau.sqlite',
      'bureau.sqlite-shm',
      'bureau.sqlite-wal',
      'pourquoi.json',
    ]);

    // Step two: the normal start on the restored cache.
    let restarted: Core | null = null;
    const running = await startCoreOrRecovery({
      dataDir,
      clock: { now: () => new Date() },
      info: { version: 'test', host: 'web', trainingMode: true, portalUrl: '', dataDir },
      log: () => {},
      restart: () => {},
      syncIntervalMs: 3_600_000,
      createCore: () =>
        (restarted = openCore({ dataDir, portalUrl: simulator.url, token: simulator.token })),
    });
    expect(running.mode).toBe('normal');
    const core2 = restarted as unknown as Core;
    const views = await as(core2, CLERK, 'views.list', {});
    expect(views.map((view) => view.name)).toEqual(['Avant la sauvegarde']);
    expect(core2.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(cases);
    expect(core2.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    await running.stop();

    // The replaced cache, with its WAL, still holds the work done after the backup.
    const replaced = new Database(join(outcome.setAsideIn, 'bureau.sqlite'));
    expect(replaced.prepare('SELECT count(*) FROM saved_views').pluck().get()).toBe(2);
    expect(replaced.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(cases - 1);
    replaced.close();
  });

  it('refuses to schedule a backup whose bytes changed since it was written', async () => {
    const { core, dataDir } = await syncedCore();
    const backup = await as(core, ADMIN, 'backups.create', {});
    const file = backupFileOf(dataDir, backup.id);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);
    const result = await core.dispatch(
      'backups.scheduleRestore',
      { backupId: backup.id },
      core.contextOf(ADMIN),
    );
    expect(result).toMatchObject({
      ok: false,
      // A key the renderer says in the user's language (issue 19).
      error: { code: 'integrity_failed', reason: { key: 'backupAltered', params: {} } },
    });
    expect(existsSync(restoreMarkerOf(dataDir))).toBe(false);
    // Ids are names, never paths.
    const traversal = await core.dispatch(
      'backups.scheduleRestore',
      { backupId: '../bureau' },
      core.contextOf(ADMIN),
    );
    expect(traversal).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await core.close();
  });
});
