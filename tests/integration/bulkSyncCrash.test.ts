import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tallies, talliesCountedFromCases } from '../support/cacheSnapshot';
import { eventually, openSyncCore, scalar } from '../support/syncBureau';
import { repoRoot, startSimulator, tempDir } from '../support/testBureau';

/**
 * A bulk first sync killed (SIGKILL, its whole process) at a random point — while rows load, or
 * while the indexes, search entries and tallies are built — and Bureau started again on the same
 * files: the next sync finishes the job and the cache is whole (every case once, the schema
 * complete, the tallies equal to the cases' own counts, every case found by search).
 * The kill points come from seeds: a share of the load, or a step of the build.
 */

const COUNT = 6_000;
/** The bulk first sync is off by default (backoff.ts): on here. */
const BULK_MIN = 5_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A seeded pick in [0, 1) (mulberry32). */
function randomOf(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The core syncing in its own process (tests/support/crashChild.ts). */
function spawnChild(dataDir: string, url: string, token: string) {
  const child = spawn(
    'npx',
    ['tsx', join('tests', 'support', 'crashChild.ts'), dataDir, url, token],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env.PATH}`,
        CRASH_CHILD_TUNING: JSON.stringify({ bulkFirstSyncMin: BULK_MIN }),
      },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  cleanups.push(async () => {
    kill();
    await exited;
  });
  return { kill, exited, output: () => output };
}

/** Where the child's sync stands, read from its files (a second reader of the WAL). */
function progressOf(file: string): { cases: number; marker: { phase: string } | null } | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const cases = db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    const marker = db
      .prepare("SELECT value FROM sync_state WHERE key = 'bulk_sync'")
      .pluck()
      .get() as string | undefined;
    return { cases, marker: marker ? (JSON.parse(marker) as { phase: string }) : null };
  } catch {
    return null; // not migrated yet
  } finally {
    db?.close();
  }
}

describe('a bulk first sync killed at any point', () => {
  for (const seed of [11, 22, 33]) {
    it(`recovers to a whole cache (seed ${seed})`, async () => {
      const random = randomOf(seed);
      const simulator = await startSimulator(COUNT, seed);
      cleanups.push(() => simulator.close());
      const dataDir = tempDir();
      const file = join(dataDir, 'bureau.sqlite');
      // Odd seeds kill during the load (after a random share of the rows), even ones once the
      // build has begun.
      const duringLoad = seed % 2 === 1;
      const share = 0.1 + random() * 0.8;
      const child = spawnChild(dataDir, simulator.url, simulator.token);
      const point = await eventually(
        () => {
          const progress = progressOf(file);
          if (!progress?.marker) return null;
          if (duringLoad && progress.cases >= share * COUNT) return `load, ${progress.cases} rows`;
          if (!duringLoad && progress.marker.phase === 'building') return 'build';
          return null;
        },
        45_000,
        'the kill point',
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${child.output()}`);
      });
      child.kill();
      await child.exited;
      console.log(`seed ${seed}: killed during the ${point}`);

      const core = openSyncCore({
        dataDir,
        portalUrl: simulator.url,
        token: simulator.token,
        tuning: { downloadConcurrency: 0, bulkFirstSyncMin: BULK_MIN },
      });
      cleanups.push(() => core.close());
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const status = await core.sync.syncNow();
      expect([status.phase, status.errorMessage]).toEqual(['idle', null]);
      expect(status.preparing ?? null).toBeNull();
      expect(scalar(core.db, "SELECT count(*) FROM sync_state WHERE key = 'bulk_sync'")).toBe(0);

      // Every case once, with its « received » line and its documents.
      expect(scalar(core.db, 'SELECT count(*) FROM applications')).toBe(COUNT);
      expect(scalar(core.db, "SELECT count(*) FROM history_events WHERE kind = 'received'")).toBe(
        COUNT,
      );
      expect(scalar(core.db, 'SELECT count(DISTINCT application_id) FROM documents')).toBe(
        scalar(
          core.db,
          "SELECT count(*) FROM applications WHERE json_array_length(record_json, '$.documents') > 0",
        ),
      );
      // The schema whole: what a fresh cache's migrations make.
      const fresh = openSyncCore({ dataDir: tempDir(), portalUrl: simulator.url });
      cleanups.push(() => fresh.close());
      const schema = (db: Database.Database) =>
        db
          .prepare(
            "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY 1, 2",
          )
          .all();
      expect(schema(core.db)).toEqual(schema(fresh.db));
      // Tallies, keys and search as the cases say.
      expect(tallies(core.db)).toEqual(talliesCountedFromCases(core.db));
      expect(
        scalar(
          core.db,
          `SELECT count(*) FROM (SELECT kind, value, application_id FROM case_keys_source WHERE value <> ''
             EXCEPT SELECT kind, value, application_id FROM case_keys)`,
        ),
      ).toBe(0);
      const sample = core.db
        .prepare('SELECT rowid, reference FROM applications WHERE rowid % 53 = 0')
        .all() as { rowid: number; reference: string }[];
      const find = core.db
        .prepare('SELECT rowid FROM inbox_search WHERE inbox_search MATCH ?')
        .pluck();
      const missed = sample.filter(
        (row) => !find.all(`reference:"${row.reference}"`).includes(row.rowid),
      );
      expect(missed).toEqual([]);
    });
  }
});
