/**
 * Issue 18 §6: the desk's memory (RSS and JS heap) on a large existing cache — idle, during a
 * sync with downloads on, and over a long soak of periodic syncs, new applications arriving,
 * downloads and a clerk browsing (queues, searches, cases, the dashboard). Memory must stay flat:
 * the soak's last window is compared with its first.
 *   BENCH_ONLY=memory npm run bench        (or npx tsx bench/memorySoak.ts; never in the default run)
 *   BENCH_SIZES=100000 cases in the existing cache (the stalls bench's cache, built once)
 *   BENCH_MEMORY_PULL=20000 records of the first sync   BENCH_MEMORY_MINUTES=30 soak length
 *   BENCH_MEMORY_ARRIVALS=200 new applications on the portal per minute of soak
 * The desk runs in a child process (its memory alone), the simulator in this one. A benchmark,
 * never a timed test: prints a table and writes JSON under bench/results/.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadCatalog } from '../src/main/core/catalog/loadCatalog';
import { createCore, type Core } from '../src/main/core/createCore';
import type { MethodInput, MethodName } from '../src/shared/api/contract';
import { QUEUE_IDS } from '../src/shared/api/types';
import { startPortalSimulator } from '../src/simulator/server';
import { copyBenchCache } from './benchCache';
import { baseCache } from './downloadStalls';
import { reportTarget } from './targets';

const root = join(import.meta.dirname, '..');
const TOKEN = 'bench-memory-token';
const SAMPLE_MS = 2_000;
const MB = 1024 * 1024;

interface Sample {
  /** Seconds since the desk opened. */
  at: number;
  phase: 'idle' | 'sync' | 'soak';
  rssMb: number;
  heapMb: number;
}

interface DeskConfig {
  dataDir: string;
  portalUrl: string;
  idleSeconds: number;
  syncSeconds: number;
  soakMinutes: number;
}

// ---------------------------------------------------------------------------------------------
// The desk (child process).
// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function runDesk(config: DeskConfig): Promise<Sample[]> {
  const started = Date.now();
  const samples: Sample[] = [];
  let phase: Sample['phase'] = 'idle';
  const sample = () => {
    const usage = process.memoryUsage();
    samples.push({
      at: Math.round((Date.now() - started) / 1000),
      phase,
      rssMb: Math.round((usage.rss / MB) * 10) / 10,
      heapMb: Math.round((usage.heapUsed / MB) * 10) / 10,
    });
  };
  const desk: Core = createCore({
    dataDir: config.dataDir,
    resourcesDir: join(root, 'resources'),
    portal: { url: config.portalUrl, token: TOKEN, timeoutMs: 30_000 },
    trainingMode: true,
    log: () => {},
  });
  const sampler = setInterval(sample, SAMPLE_MS);
  sample();
  await sleep(config.idleSeconds * 1_000);

  phase = 'sync';
  const status = await desk.sync.syncNow();
  if (status.phase !== 'idle') throw new Error(`sync: ${status.phase} ${status.errorMessage}`);
  await sleep(config.syncSeconds * 1_000); // downloads run on

  phase = 'soak';
  const context = desk.contextOf();
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const result = await desk.dispatch(method, input, context);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value;
  };
  const names = (
    desk.db
      .prepare('SELECT applicant_name FROM applications WHERE rowid % 997 = 0 LIMIT 50')
      .pluck()
      .all() as string[]
  ).map((name) => name.split(' ').at(-1) ?? name);
  const soakEnd = Date.now() + config.soakMinutes * 60_000;
  let nextSync = Date.now() + 60_000;
  for (let step = 0; Date.now() < soakEnd; step++) {
    if (Date.now() >= nextSync) {
      await desk.sync.syncNow();
      nextSync += 60_000;
    }
    // A clerk at work: a queue, a search, a case of the page, now and then the dashboard.
    const queue = QUEUE_IDS[step % QUEUE_IDS.length]!;
    const page = await call('inbox.list', { queue, filters: {}, search: '', limit: 100 } as never);
    await call('inbox.list', {
      queue: 'all',
      filters: {},
      search: names[step % names.length] ?? 'kpodar',
      limit: 100,
    } as never);
    const row = (page as { rows: { id: string }[] }).rows[step % 7];
    if (row) await call('cases.get', { id: row.id });
    if (step % 30 === 0) {
      await call('dashboard.summary', { from: '2026-01-01', to: '2026-11-30' } as never).catch(
        () => {}, // the desk's account may not be a supervisor
      );
    }
    await sleep(1_000);
  }
  clearInterval(sampler);
  sample();
  await desk.close();
  return samples;
}

if (process.env.BENCH_MEMORY_ROLE === 'desk') {
  const config = JSON.parse(process.env.BENCH_MEMORY_CONFIG ?? '{}') as DeskConfig;
  try {
    const samples = await runDesk(config);
    process.send?.({ ok: true, samples }, () => process.exit(0));
  } catch (error) {
    process.send?.({ ok: false, message: String((error as Error).stack ?? error) }, () =>
      process.exit(1),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The bench (parent).
// ---------------------------------------------------------------------------------------------

/** A working desk's copy of the cache whose pull starts from the simulator's beginning. */
function copyOf(base: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bureau-bench-memory-run-'));
  copyBenchCache(base, dir);
  const db = new Database(join(dir, 'bureau.sqlite'));
  db.exec("DELETE FROM sync_state WHERE key IN ('pull_cursor', 'pull_cursor_seq')");
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return dir;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export async function runMemorySoak(
  sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number),
): Promise<void> {
  const pull = Number(process.env.BENCH_MEMORY_PULL ?? 20_000);
  const soakMinutes = Number(process.env.BENCH_MEMORY_MINUTES ?? 30);
  const arrivals = Number(process.env.BENCH_MEMORY_ARRIVALS ?? 200);
  const results = [];
  for (const size of sizes) {
    process.stdout.write(
      `… cache de ${size.toLocaleString('fr-FR')} dossiers : ${pull} tirés, ${soakMinutes} min d’endurance\n`,
    );
    const dataDir = copyOf(await baseCache(size));
    const simulator = await startPortalSimulator({
      seed: 61,
      count: pull,
      port: 0,
      token: TOKEN,
      procedures: [...loadCatalog(join(root, 'resources/procedures')).procedures],
    });
    const arriving = setInterval(() => simulator.store.add(arrivals), 60_000);
    try {
      const config: DeskConfig = {
        dataDir,
        portalUrl: simulator.url,
        idleSeconds: 20,
        syncSeconds: 60,
        soakMinutes,
      };
      const child = fork(import.meta.filename, [], {
        env: {
          ...process.env,
          BENCH_MEMORY_ROLE: 'desk',
          BENCH_MEMORY_CONFIG: JSON.stringify(config),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const samples = await new Promise<Sample[]>((done, fail) => {
        child.on('message', (message: { ok: boolean; samples?: Sample[]; message?: string }) => {
          if (message.ok && message.samples) done(message.samples);
          else fail(new Error(message.message));
        });
        child.on('exit', (code) => fail(new Error(`desk exited ${code}`)));
      });
      const of = (phase: Sample['phase']) => samples.filter((s) => s.phase === phase);
      const soak = of('soak');
      const window = Math.max(1, Math.round((5 * 60) / (SAMPLE_MS / 1000)));
      const first = soak.slice(0, Math.min(window, Math.floor(soak.length / 2)));
      const last = soak.slice(-first.length);
      results.push({
        size,
        load: loadavg().map((value) => Math.round(value * 10) / 10),
        idleRssMb: median(of('idle').map((s) => s.rssMb)),
        idleHeapMb: median(of('idle').map((s) => s.heapMb)),
        syncPeakRssMb: Math.max(...of('sync').map((s) => s.rssMb)),
        syncPeakHeapMb: Math.max(...of('sync').map((s) => s.heapMb)),
        soakMinutes,
        soakFirstRssMb: median(first.map((s) => s.rssMb)),
        soakLastRssMb: median(last.map((s) => s.rssMb)),
        soakFirstHeapMb: median(first.map((s) => s.heapMb)),
        soakLastHeapMb: median(last.map((s) => s.heapMb)),
        soakPeakRssMb: Math.max(...soak.map((s) => s.rssMb)),
        samples,
      });
    } finally {
      clearInterval(arriving);
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const window = (minutes: number) =>
    minutes >= 10 ? '5 premières / 5 dernières min' : 'début / fin';
  console.log('\n## Mémoire du poste (Mo ; RSS et tas JS)\n');
  console.log(
    '| dossiers | repos RSS | repos tas | synchro. pic RSS | synchro. pic tas | endurance | RSS début → fin | tas début → fin | pic RSS endurance |',
  );
  console.log('|---:|---:|---:|---:|---:|---|---|---|---:|');
  for (const r of results) {
    const context = (what: string, figure: string) =>
      reportTarget({ section: '§6', what, size: r.size, figure, target: '—', met: null });
    context('RSS au repos (tas JS)', `${r.idleRssMb} Mo (${r.idleHeapMb})`);
    context(
      'RSS, pic de la synchro. avec téléchargements (tas JS)',
      `${r.syncPeakRssMb} Mo (${r.syncPeakHeapMb})`,
    );
    reportTarget({
      section: '§6',
      what: `endurance ${r.soakMinutes} min : RSS et tas du début à la fin (${window(r.soakMinutes)})`,
      size: r.size,
      figure: `${r.soakFirstRssMb} → ${r.soakLastRssMb} Mo ; tas ${r.soakFirstHeapMb} → ${r.soakLastHeapMb}`,
      target: 'stable (fin ≤ début + 10 %)',
      met: r.soakLastRssMb <= r.soakFirstRssMb * 1.1 && r.soakLastHeapMb <= r.soakFirstHeapMb * 1.1,
    });
    console.log(
      `| ${r.size.toLocaleString('fr-FR')} | ${r.idleRssMb} | ${r.idleHeapMb} | ${r.syncPeakRssMb} | ${r.syncPeakHeapMb} | ${r.soakMinutes} min (${window(r.soakMinutes)}) | ${r.soakFirstRssMb} → ${r.soakLastRssMb} | ${r.soakFirstHeapMb} → ${r.soakLastHeapMb} | ${r.soakPeakRssMb} |`,
    );
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `memory-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  console.log(`\nRésultats : ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}` && process.env.BENCH_MEMORY_ROLE !== 'desk') {
  await runMemorySoak();
}
