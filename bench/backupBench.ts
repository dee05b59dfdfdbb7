/**
 * Backups at scale (issue 8): on a 100k-case cache built through the real pull path, how long
 * `PRAGMA quick_check` and `PRAGMA integrity_check` take (the start-up check), and what an online
 * backup costs — time, size, the longest event-loop stall while it runs, and the restore check.
 *   npx tsx bench/backupBench.ts        BENCH_BACKUP_SIZE=100000  BENCH_BACKUP_DIR=<kept cache>
 * A benchmark, never a timed test: prints a table and writes JSON under bench/results/.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { backupsDirOf } from '../src/main/core/backup/backupFiles';
import { checkDatabaseFile } from '../src/main/core/backup/databaseCheck';
import { verifyBackup } from '../src/main/core/backup/restoreBackup';
import { writeOnlineBackup } from '../src/main/core/backup/writeBackup';
import { openDatabase } from '../src/main/core/db/openDatabase';
import { buildBenchCache } from './benchCache';

const size = Number(process.env.BENCH_BACKUP_SIZE ?? 100_000);
const dataDir = process.env.BENCH_BACKUP_DIR ?? join(tmpdir(), `bureau-backup-bench-${size}`);

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const begin = performance.now();
  const value = await fn();
  return [value, performance.now() - begin];
}

mkdirSync(dataDir, { recursive: true });
const file = await buildBenchCache(dataDir, size);
rmSync(backupsDirOf(dataDir), { recursive: true, force: true });
const sizeMb = statSync(file).size / 1_048_576;

const [, quickMs] = await timed(() => checkDatabaseFile(file, { depth: 'quick', readonly: false }));
const [, fullMs] = await timed(() => checkDatabaseFile(file, { depth: 'full', readonly: false }));

const db = openDatabase(file);
const loop = monitorEventLoopDelay({ resolution: 5 });
// A reader keeps asking during the backup, as the inbox would.
let reads = 0;
let backingUp = true;
const count = db.prepare('SELECT count(*) FROM applications WHERE is_open = 1');
const reader = (async () => {
  while (backingUp) {
    count.get();
    reads++;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
})();
loop.enable();
const [backup, backupMs] = await timed(() =>
  writeOnlineBackup(db, { dataDir, reason: 'manual', at: new Date(), appVersion: 'bench' }),
);
loop.disable();
backingUp = false;
await reader;
db.close();
const [, verifyMs] = await timed(() => verifyBackup(dataDir, backup.id));

const result = {
  at: new Date().toISOString(),
  cases: size,
  databaseMb: Number(sizeMb.toFixed(1)),
  quickCheckMs: Math.round(quickMs),
  integrityCheckMs: Math.round(fullMs),
  backupMs: Math.round(backupMs),
  backupMb: Number((backup.sizeBytes / 1_048_576).toFixed(1)),
  eventLoopMaxStallMs: Number((loop.max / 1e6).toFixed(1)),
  eventLoopP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
  readsDuringBackup: reads,
  restoreCheckMs: Math.round(verifyMs),
};
console.table(result);
const out = join(import.meta.dirname, 'results', `backup-${result.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(`écrit : ${out}`);
