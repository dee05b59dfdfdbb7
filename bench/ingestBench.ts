/**
 * `BENCH_ONLY=ingest npm run bench`: ingest through the real pull path (issue 18 §4), the
 * portal simulator in another process, over HTTP, beside the raw limit and Dexie fed the same
 * records in the same run:
 *   - first sync of an empty cache: the main thread's pull (before: every page in ~20 ms
 *     transactions on the main thread, `writerMinRecords` out of reach, no bulk), the writer
 *     thread (the default), and the bulk first sync (rows first, indexes, search and tallies
 *     built afterwards on the writer thread; off by default, see backoff.ts);
 *   - an incremental sync: new applications arrive at the portal, a sync of an existing cache
 *     takes them in (writer thread, full schema);
 *   - the main thread's event loop during each: its longest block (a 5 ms probe);
 *   - the ceiling: the same feed only fetched and decoded (no check, no write), which bounds any
 *     pull from a simulator sharing the machine's two cores.
 *   BENCH_INGEST_SIZE=100000 (first sync)  BENCH_INGEST_INCREMENTAL=20000
 *   BENCH_INGEST_PAGE=500 (records per page: the portal's largest)  BENCH_DEXIE_MAX=100000
 *   BENCH_INGEST_BEFORE=1 (also the main thread's pull; on by default)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createCore } from '../src/main/core/createCore';
import type { SyncTuning } from '../src/main/core/sync/backoff';
import { createWorkingCalendar, isoDateOf } from '../src/shared/calendar/workingDays';
import type { PortalApplication } from '../src/shared/portal/portalApplication';
import { startDexieBaseline, type DexieItem } from './dexieBaseline';
import { createRawBaseline } from './rawBaseline';
import { readFileSync } from 'node:fs';

const root = join(import.meta.dirname, '..');
const resourcesDir = join(root, 'resources');
const SIZE = Number(process.env.BENCH_INGEST_SIZE ?? 100_000);
const INCREMENTAL = Number(process.env.BENCH_INGEST_INCREMENTAL ?? 20_000);
const PAGE = Number(process.env.BENCH_INGEST_PAGE ?? 500);
const DEXIE_MAX = Number(process.env.BENCH_DEXIE_MAX ?? 100_000);
const BEFORE = process.env.BENCH_INGEST_BEFORE !== '0';
const TOKEN = 'bench-ingest-token';

interface Simulator {
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** The simulator in its own process (`src/simulator/cli.ts`), as a portal is. */
async function startSimulatorProcess(count: number): Promise<Simulator> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    [
      join(root, 'src', 'simulator', 'cli.ts'),
      '--port',
      '0',
      '--count',
      String(count),
      '--seed',
      '42',
      '--token',
      TOKEN,
      '--api',
      '1',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /prêt : (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${output}`)));
  });
  return {
    url,
    child,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function admin(simulator: Simulator, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The whole feed from the simulator: the records every baseline is fed, and the feed's ceiling. */
async function feedRecords(simulator: Simulator): Promise<PortalApplication[]> {
  const records = new Map<string, PortalApplication>();
  let cursor: string | null = null;
  for (;;) {
    const query: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(`${simulator.url}/api/v1/applications?${query}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const page = (await response.json()) as {
      items: PortalApplication[];
      nextCursor: string;
      hasMore: boolean;
    };
    for (const item of page.items) records.set(item.id, item);
    cursor = page.nextCursor;
    if (!page.hasMore || page.items.length === 0) break;
  }
  return [...records.values()];
}

/** The longest block of the main thread while `work` runs (ms), from a 5 ms probe. */
async function withStallProbe<T>(
  work: () => Promise<T>,
): Promise<{ value: T; maxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    const value = await work();
    return { value, maxStallMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

interface SyncFigure {
  label: string;
  records: number;
  recordsPerSecond: number;
  seconds: number;
  maxStallMs: number;
}

async function timedSync(
  label: string,
  simulator: Simulator,
  tuning: Partial<SyncTuning>,
  incremental: number,
): Promise<{ first: SyncFigure; incremental: SyncFigure | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bureau-ingest-'));
  const core = createCore({
    dataDir,
    resourcesDir,
    portal: { url: simulator.url, token: TOKEN, timeoutMs: 30_000 },
    trainingMode: true,
    log: () => {},
    syncTuning: { pageSize: PAGE, downloadConcurrency: 0, ...tuning },
  });
  try {
    const count = () =>
      core.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    const run = async (name: string): Promise<SyncFigure> => {
      const before = count();
      const began = performance.now();
      const { value: status, maxStallMs } = await withStallProbe(() => core.sync.syncNow());
      const seconds = (performance.now() - began) / 1000;
      if (status.phase !== 'idle') throw new Error(`${name}: ${JSON.stringify(status)}`);
      const records = count() - before;
      return {
        label: name,
        records,
        recordsPerSecond: Math.round(records / seconds),
        seconds,
        maxStallMs,
      };
    };
    const first = await run(`${label} — première synchronisation`);
    process.stdout.write(`  ${first.label}: ${first.recordsPerSecond} enr./s\n`);
    let next: SyncFigure | null = null;
    if (incremental > 0) {
      for (let added = 0; added < incremental; added += 10_000) {
        await admin(simulator, '/__sim/applications', {
          count: Math.min(10_000, incremental - added),
        });
      }
      next = await run(`${label} — synchronisation incrémentale`);
      process.stdout.write(`  ${next.label}: ${next.recordsPerSecond} enr./s\n`);
    }
    return { first, incremental: next };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runIngestBench(): Promise<void> {
  const calendar = createWorkingCalendar(
    (
      JSON.parse(readFileSync(join(resourcesDir, 'calendar/togo-holidays.json'), 'utf8')) as {
        holidays: { date: string }[];
      }
    ).holidays.map((holiday) => holiday.date),
  );
  const figures: SyncFigure[] = [];
  // Each variant against a simulator of its own: the same seed, the same records.
  const variants: [string, Partial<SyncTuning>, number][] = [
    ...(BEFORE
      ? [
          [
            'avant : fil principal, tranches de 20 ms',
            { bulkFirstSyncMin: 0, writerMinRecords: Number.MAX_SAFE_INTEGER },
            INCREMENTAL,
          ] as [string, Partial<SyncTuning>, number],
        ]
      : []),
    ['fil d’écriture (défaut)', {}, INCREMENTAL],
    ['fil d’écriture + chargement en masse', { bulkFirstSyncMin: 5_000 }, 0],
  ];
  let records: PortalApplication[] = [];
  let feedRate = 0;
  for (const [label, tuning, incremental] of variants) {
    process.stdout.write(`… ${label}\n`);
    const simulator = await startSimulatorProcess(SIZE);
    try {
      const result = await timedSync(label, simulator, tuning, incremental);
      figures.push(result.first);
      if (result.incremental) figures.push(result.incremental);
      if (records.length === 0) {
        // The ceiling of any pull here: the simulator's pages fetched and decoded, nothing
        // checked or written (the simulator shares the machine's cores with the desk).
        const began = performance.now();
        const fed = await feedRecords(simulator);
        feedRate = Math.round(fed.length / ((performance.now() - began) / 1000));
        records = fed.slice(0, SIZE);
      }
    } finally {
      await simulator.close();
    }
  }

  // The baselines, on the first sync's records.
  const dir = mkdtempSync(join(tmpdir(), 'bureau-ingest-base-'));
  const raw = createRawBaseline(dir);
  for (let start = 0; start < records.length; start += 2_000) {
    raw.add(records.slice(start, start + 2_000));
  }
  const rawRate = raw.finish();
  let dexieRate: number | null = null;
  if (records.length <= DEXIE_MAX) {
    const dexie = await startDexieBaseline(root, join(dir, 'chromium'));
    for (let start = 0; start < records.length; start += 2_000) {
      const items: DexieItem[] = records.slice(start, start + 2_000).map((record) => ({
        record,
        dueDate: calendar.addWorkingDays(isoDateOf(new Date(record.submittedAt)), 10),
      }));
      await dexie.add(items);
    }
    dexieRate = (await dexie.measure('COM-CO', ['a'], ['ab'])).ingestRecordsPerSecond;
    await dexie.close();
  }
  rmSync(dir, { recursive: true, force: true });

  const int = (value: number) => value.toLocaleString('fr-FR');
  const bulk = figures.find(
    (figure) => figure.label.includes('défaut') && figure.label.includes('première'),
  );
  const incremental = figures.find(
    (figure) => figure.label.includes('défaut') && figure.label.includes('incrémentale'),
  );
  console.log(
    `\n## Ingestion par le vrai chemin de pull (simulateur dans un autre processus, HTTP, pages de ${PAGE})\n`,
  );
  console.log('| variante | dossiers | enr./s | durée (s) | blocage max. du fil principal (ms) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const figure of figures) {
    console.log(
      `| ${figure.label} | ${int(figure.records)} | ${int(figure.recordsPerSecond)} | ${figure.seconds.toFixed(1)} | ${figure.maxStallMs.toFixed(0)} |`,
    );
  }
  console.log(
    `| brut better-sqlite3 (mêmes enregistrements) | ${int(records.length)} | ${int(rawRate)} | | |`,
  );
  if (dexieRate !== null)
    console.log(
      `| Dexie (mêmes enregistrements) | ${int(records.length)} | ${int(dexieRate)} | | |`,
    );
  console.log(
    `| plafond : le flux seul (pages du simulateur lues et décodées, rien de vérifié ni d’écrit) | ${int(records.length)} | ${int(feedRate)} | | |`,
  );
  console.log('\n| objectif | cible | mesuré |');
  console.log('|---|---|---|');
  if (bulk && dexieRate !== null)
    console.log(
      `| première synchro ≥ 10× Dexie | ≥ ${int(dexieRate * 10)} enr./s | ${int(bulk.recordsPerSecond)} (×${(bulk.recordsPerSecond / dexieRate).toFixed(1)}) |`,
    );
  if (bulk)
    console.log(
      `| première synchro ≥ brut/2 | ≥ ${int(Math.round(rawRate / 2))} enr./s | ${int(bulk.recordsPerSecond)} (brut/${(rawRate / bulk.recordsPerSecond).toFixed(1)}) |`,
    );
  if (incremental)
    console.log(
      `| synchro incrémentale ≥ 10 000 enr./s | ≥ 10 000 enr./s | ${int(incremental.recordsPerSecond)} |`,
    );
}
