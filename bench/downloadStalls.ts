/**
 * Issue 18 §1: event-loop stalls of a desk with a large existing cache while it syncs and
 * downloads attachments (downloads ON), and at a periodic sync with nothing to download; the code
 * before the download queue (migration 025) beside the code of this tree, in one run.
 *   BENCH_ONLY=stalls npm run bench         (or npx tsx bench/downloadStalls.ts; never in the default run)
 *   BENCH_SIZES=100000 cases in the existing cache (1000000 too: ~15 min to build it once)
 *   BENCH_STALLS_PULL=20000 new records pulled from the simulator
 *   BENCH_STALLS_AFTER_SECONDS=60 downloads measured after the sync
 *   BENCH_STALLS_TICKS=5 periodic syncs measured with nothing new and nothing to download
 *   BENCH_STALLS_BEFORE=<git ref> « before » is this tree with the files of the change (CHANGED)
 *     as at that ref (default: the parent of the commit that added migration 025); `none`
 *     measures this tree only
 *   BENCH_STALLS_CACHE_DIR=<dir> where the desk-ready copies of the bench's shared caches are kept
 *   BENCH_STALLS_MIGRATION_SIZES=1000000 also times migration 025 on a synthetic cache of that
 *     many cases (4.16 documents each, as the generated caches have; every one downloaded, then
 *     every one pending): the one-time build of the index reads the whole documents table
 * The cache (built once through the real pull path, bench/benchCache.ts) has every attachment
 * downloaded, as a working desk's; its references are prefixed so that the simulator's new cases
 * do not collide with them. Each variant runs on a fresh copy in a child process (the desk's
 * event loop alone), with the app's default sync tuning (3 downloads at a time), the simulator in
 * this process. A timer every 5 ms measures how late it fires; each quarter-second window keeps
 * its longest stall (a stall spanning windows counts in each). The figures per phase: the longest
 * stall, the p99 and median of the windows' stalls, and the windows over 50 ms.
 * A benchmark, never a timed test: prints a table and writes JSON under bench/results/.
 */
import { execFileSync, fork } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadCatalog } from '../src/main/core/catalog/loadCatalog';
import type { createCore } from '../src/main/core/createCore';
import { migrate } from '../src/main/core/db/migrate';
import { MIGRATIONS } from '../src/main/core/db/migrations';
import { startPortalSimulator } from '../src/simulator/server';
import { copyBenchCache, sharedBenchCache } from './benchCache';
import { below, reportTarget } from './targets';

const root = join(import.meta.dirname, '..');
const TOKEN = 'bench-stalls-token';
const WINDOW_MS = 250;
const TICK_MS = 5;
const STALL_MS = 50;

interface DeskConfig {
  srcRoot: string;
  dataDir: string;
  portalUrl: string;
  afterSeconds: number;
  ticks: number;
}

interface PhaseStalls {
  ms: number;
  windows: number;
  over50: number;
  maxMs: number;
  p99Ms: number;
  medianMs: number;
}

interface DeskResult {
  openMs: number;
  sync: PhaseStalls & { pulled: number };
  downloads: PhaseStalls & {
    downloaded: number;
    perSecond: number;
    stillPending: number;
  };
  ticks: (PhaseStalls & { tick: number })[];
  idle: PhaseStalls;
}

// ---------------------------------------------------------------------------------------------
// The desk (child process): Bureau's core from `srcRoot`, measured.
// ---------------------------------------------------------------------------------------------

/** The longest lateness of a 5 ms timer in each quarter-second window since `start()`. */
function createStallMeter() {
  const windows: number[] = [];
  let origin = 0;
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  /** Counts the gap since the timer last fired in every window it spans. */
  const record = () => {
    const now = performance.now();
    const lag = Math.max(0, now - last - TICK_MS);
    const first = Math.floor((last - origin) / WINDOW_MS);
    const end = Math.floor((now - origin) / WINDOW_MS);
    for (let index = first; index <= end; index++) {
      windows[index] = Math.max(windows[index] ?? 0, lag);
    }
    last = now;
  };
  return {
    start() {
      origin = last = performance.now();
      timer = setInterval(record, TICK_MS);
    },
    stop() {
      clearInterval(timer);
    },
    now: () => performance.now() - origin,
    /** The windows wholly or partly inside [from, to) (ms since start). */
    between(from: number, to: number): PhaseStalls {
      // A phase that ends with the event loop blocked: that block is counted before the timer sees it.
      record();
      const slice = windows
        .slice(Math.floor(from / WINDOW_MS), Math.ceil(to / WINDOW_MS))
        .map((value) => value ?? 0);
      const sorted = [...slice].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return {
        ms: Math.round(to - from),
        windows: slice.length,
        over50: slice.filter((value) => value > STALL_MS).length,
        maxMs: Math.round(sorted.at(-1) ?? 0),
        p99Ms: Math.round(at(0.99) ?? 0),
        medianMs: Math.round(at(0.5) ?? 0),
      };
    },
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function runDesk(config: DeskConfig): Promise<DeskResult> {
  const core = (await import(
    pathToFileURL(join(config.srcRoot, 'src/main/core/createCore.ts')).href
  )) as { createCore: typeof createCore };
  const meter = createStallMeter();
  const opened = performance.now();
  const desk = core.createCore({
    dataDir: config.dataDir,
    resourcesDir: join(config.srcRoot, 'resources'),
    portal: { url: config.portalUrl, token: TOKEN, timeoutMs: 30_000 },
    trainingMode: true,
    log: () => {},
  });
  const openMs = performance.now() - opened;
  // Counted between phases, outside the windows measured (through `documents_pending`).
  const backlog = () =>
    desk.db
      .prepare("SELECT count(*) FROM documents WHERE state <> 'ready' AND state <> 'failed'")
      .pluck()
      .get() as number;
  meter.start();
  await sleep(1_000);

  const syncFrom = meter.now();
  const status = await desk.sync.syncNow();
  if (status.phase !== 'idle') throw new Error(`sync: ${status.phase} ${status.errorMessage}`);
  const syncTo = meter.now();
  const pendingAtStart = backlog();
  // Downloads run in the background from the end of the sync.
  await sleep(config.afterSeconds * 1_000);
  const downloadsTo = meter.now();
  const stillPending = backlog();

  // Nothing left to download: the rest is marked as fetched, the rounds under way end.
  desk.db.exec(
    "UPDATE documents SET state = 'ready', local_path = 'bench' WHERE state IN ('pending', 'downloading')",
  );
  await desk.sync.documentsIdle();
  await sleep(1_000);
  const ticks: DeskResult['ticks'] = [];
  for (let tick = 1; tick <= config.ticks; tick++) {
    const from = meter.now();
    // The periodic sync: nothing new on the portal, nothing to download.
    await desk.sync.syncNow();
    await desk.sync.documentsIdle();
    const to = meter.now();
    ticks.push({ tick, ...meter.between(from, to) });
    await sleep(1_000);
  }
  const idleFrom = meter.now();
  await sleep(5_000);
  const idle = meter.between(idleFrom, meter.now());
  meter.stop();
  await desk.close();
  return {
    openMs: Math.round(openMs),
    sync: { ...meter.between(syncFrom, syncTo), pulled: status.pulled },
    downloads: {
      ...meter.between(syncTo, downloadsTo),
      downloaded: pendingAtStart - stillPending,
      perSecond: Math.round(((pendingAtStart - stillPending) / config.afterSeconds) * 10) / 10,
      stillPending,
    },
    ticks,
    idle,
  };
}

if (process.env.BENCH_STALLS_ROLE === 'desk') {
  const config = JSON.parse(process.env.BENCH_STALLS_CONFIG ?? '{}') as DeskConfig;
  try {
    const result = await runDesk(config);
    process.send?.({ ok: true, result }, () => process.exit(0));
  } catch (error) {
    process.send?.({ ok: false, message: String((error as Error).stack ?? error) }, () =>
      process.exit(1),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The bench (parent): caches, the code before, the simulator, the table.
// ---------------------------------------------------------------------------------------------

function git(...args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
  }).trim();
}

/**
 * What issue 18 §1 changed in the core: « before » is this tree with these files as at `ref`,
 * and its list of migrations without 025.
 */
const MIGRATION_INDEX = 'src/main/core/db/migrations/index.ts';
const CHANGED = [
  'src/main/core/sync/documentDownloader.ts',
  'src/main/core/sync/syncService.ts',
  MIGRATION_INDEX,
  'src/main/core/db/migrations/025_download_queue.ts',
];

/**
 * This tree's sources (src, resources) with the files of the change as they were at `ref` (or
 * without them if they did not exist), this tree's node_modules: the code before, everything else
 * as now, so the two variants differ by the change alone.
 */
function sourceTreeBefore(ref: string): string {
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const dir = mkdtempSync(join(tmpdir(), `bureau-bench-src-${commit.slice(0, 12)}-`));
  for (const path of ['src', 'resources', 'package.json']) {
    cpSync(join(root, path), join(dir, path), { recursive: true });
  }
  for (const path of CHANGED) {
    if (path === MIGRATION_INDEX) {
      // This tree's migrations (others may have been added since) without 025.
      const lines = readFileSync(join(root, path), 'utf8').split('\n');
      writeFileSync(
        join(dir, path),
        lines.filter((line) => !/025_download_queue|downloadQueue/.test(line)).join('\n'),
      );
      continue;
    }
    let text: string | null;
    try {
      text = execFileSync('git', ['-C', root, 'show', `${commit}:${path}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      text = null; // not there yet
    }
    if (text === null) rmSync(join(dir, path), { force: true });
    else writeFileSync(join(dir, path), text);
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function defaultBefore(): string | null {
  const added = git(
    'log',
    '--diff-filter=A',
    '--format=%H',
    '--',
    'src/main/core/db/migrations/025_download_queue.ts',
  )
    .split('\n')
    .at(-1);
  return added ? `${added}^` : null;
}

/**
 * The existing cache: the bench's shared cache (built once through the real pull path), copied
 * and made a working desk's (every
 * attachment downloaded, references that the simulator's new cases do not reuse).
 */
export async function baseCache(size: number): Promise<string> {
  const cacheRoot = process.env.BENCH_STALLS_CACHE_DIR ?? join(tmpdir(), 'bureau-bench-stalls');
  const dir = join(cacheRoot, `cache-${size}`);
  const file = join(dir, 'bureau.sqlite');
  const marker = join(dir, 'prepared');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    copyBenchCache(await sharedBenchCache(size), dir);
    const db = new Database(file);
    db.exec(`
      UPDATE documents SET state = 'ready', local_path = 'bench', next_attempt_at = NULL
        WHERE state <> 'ready';
      UPDATE applications SET reference = 'L' || reference;
      PRAGMA wal_checkpoint(TRUNCATE);`);
    db.close();
    writeFileSync(marker, '');
  }
  return dir;
}

/**
 * A fresh copy of the cache without the queue index, migrated here so that the desk does not
 * migrate (and back up) at start: for the code before, to this tree's schema without 025; for
 * this tree's code, 025 timed (the one-time build of the queue index over the existing documents,
 * as the app runs it at start, statistics included), then the rest.
 */
function copyOf(base: string, migrated: boolean): { dir: string; migrationMs: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'bureau-bench-stalls-run-'));
  copyBenchCache(base, dir);
  const db = new Database(join(dir, 'bureau.sqlite'));
  // The simulator's feed starts from its beginning: its cases are new to this cache.
  db.exec("DELETE FROM sync_state WHERE key IN ('pull_cursor', 'pull_cursor_seq')");
  db.exec('DROP INDEX IF EXISTS documents_due');
  const queue = MIGRATIONS.find((migration) => migration.version === 25);
  if (!queue) throw new Error('migration 025 missing');
  const version = db.pragma('user_version', { simple: true }) as number;
  let migrationMs: number | null = null;
  if (migrated) {
    const started = performance.now();
    if (version < 25)
      migrate(
        db,
        MIGRATIONS.filter((migration) => migration.version <= 25),
      );
    else {
      // A cache built by this tree: its index dropped above, built again as 025 builds it.
      db.transaction(() => db.exec(queue.sql))();
      db.pragma('optimize');
    }
    migrationMs = Math.round(performance.now() - started);
  }
  migrate(
    db,
    MIGRATIONS.filter((migration) => migrated || migration !== queue),
  );
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { dir, migrationMs };
}

/**
 * Migration 024 → 025 on a cache of `size` cases whose documents table alone is filled (the
 * index build reads only it): what a desk upgraded with that cache waits once, at start.
 */
function migrationOnSynthetic(size: number, state: 'ready' | 'pending') {
  const dir = mkdtempSync(join(tmpdir(), 'bureau-bench-migration-'));
  const file = join(dir, 'bureau.sqlite');
  try {
    let db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF'); // documents of cases that are not there
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 24),
    );
    const documents = Math.round(size * 4.16);
    const path =
      state === 'ready'
        ? "printf('/home/agent/.config/Bureau/documents/%s', lower(hex(randomblob(32))))"
        : 'NULL';
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${documents})
      INSERT INTO documents (id, application_id, code, file_name, mime_type, size, sha256, state,
        local_path)
      SELECT printf('doc-%07d-vhjwsh-%d', i / 4, i % 4), printf('app-%07d-vhjwsh', i / 4),
        'PIECE_IDENTITE', 'piece-identite.jpg', 'image/jpeg', 22202, lower(hex(randomblob(32))),
        '${state}', ${path}
      FROM n;
      PRAGMA wal_checkpoint(TRUNCATE);`);
    db.close();
    db = new Database(file);
    const started = performance.now();
    migrate(db, MIGRATIONS);
    const migrationMs = Math.round(performance.now() - started);
    const queued = db
      .prepare(
        "SELECT count(*) FROM documents INDEXED BY documents_due WHERE state IN ('pending', 'downloading')",
      )
      .pluck()
      .get() as number;
    db.close();
    return { size, documents, state, queued, migrationMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runVariant(srcRoot: string, dataDir: string, pull: number): Promise<DeskResult> {
  const simulator = await startPortalSimulator({
    seed: 51,
    count: pull,
    port: 0,
    token: TOKEN,
    procedures: [...loadCatalog(join(root, 'resources/procedures')).procedures],
  });
  try {
    const config: DeskConfig = {
      srcRoot,
      dataDir,
      portalUrl: simulator.url,
      afterSeconds: Number(process.env.BENCH_STALLS_AFTER_SECONDS ?? 60),
      ticks: Number(process.env.BENCH_STALLS_TICKS ?? 5),
    };
    // BENCH_STALLS_CPU_PROF=<dir>: the desk writes a CPU profile there, to see what a stall was.
    const profileDir = process.env.BENCH_STALLS_CPU_PROF;
    const child = fork(import.meta.filename, [], {
      execArgv: [
        ...process.execArgv,
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ],
      env: {
        ...process.env,
        BENCH_STALLS_ROLE: 'desk',
        BENCH_STALLS_CONFIG: JSON.stringify(config),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return await new Promise<DeskResult>((done, fail) => {
      child.on('message', (message: { ok: boolean; result?: DeskResult; message?: string }) => {
        if (message.ok && message.result) done(message.result);
        else fail(new Error(message.message));
      });
      child.on('exit', (code) => fail(new Error(`desk exited ${code}`)));
    });
  } finally {
    await simulator.close();
  }
}

export async function runDownloadStalls(
  sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number),
): Promise<void> {
  const pull = Number(process.env.BENCH_STALLS_PULL ?? 20_000);
  const beforeRef =
    process.env.BENCH_STALLS_BEFORE === 'none'
      ? null
      : (process.env.BENCH_STALLS_BEFORE ?? defaultBefore());
  const variants: { label: string; srcRoot: string; migrated: boolean }[] = [];
  if (beforeRef) {
    variants.push({
      label: `avant (${CHANGED.length} fichiers de ${git('rev-parse', '--short', beforeRef)})`,
      srcRoot: sourceTreeBefore(beforeRef),
      migrated: false,
    });
  }
  variants.push({ label: 'après (cet arbre)', srcRoot: root, migrated: true });

  const results = [];
  for (const size of sizes) {
    process.stdout.write(`… cache de ${size.toLocaleString('fr-FR')} dossiers\n`);
    const base = await baseCache(size);
    for (const variant of variants) {
      process.stdout.write(`… ${variant.label} : tirage de ${pull} dossiers, pièces comprises\n`);
      const copy = copyOf(base, variant.migrated);
      try {
        const desk = await runVariant(variant.srcRoot, copy.dir, pull);
        results.push({
          size,
          variant: variant.label,
          migrationMs: copy.migrationMs,
          ...desk,
        });
      } finally {
        rmSync(copy.dir, { recursive: true, force: true });
      }
    }
  }

  for (const variant of variants) {
    if (variant.srcRoot !== root) rmSync(variant.srcRoot, { recursive: true, force: true });
  }
  const int = (value: number) => value.toLocaleString('fr-FR');
  const cells = (s: PhaseStalls) =>
    `${s.maxMs} | ${s.p99Ms} | ${s.medianMs} | ${s.over50}/${s.windows}`;
  console.log(
    `\n## Blocages de la boucle d’événements, téléchargements actifs (ms ; fenêtres de ${WINDOW_MS} ms : max, p99, médiane, fenêtres > ${STALL_MS} ms ; cible : aucune)\n`,
  );
  console.log(
    '| dossiers | code | phase | durée (ms) | max | p99 | médiane | > 50 ms | remarque |',
  );
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const row = (phase: string, s: PhaseStalls, note: string) =>
      console.log(
        `| ${int(r.size)} | ${r.variant} | ${phase} | ${int(s.ms)} | ${cells(s)} | ${note} |`,
      );
    row('synchronisation', r.sync, `${int(r.sync.pulled)} dossiers tirés`);
    row(
      `${Math.round(r.downloads.ms / 1000)} s après`,
      r.downloads,
      `${r.downloads.perSecond} pièces/s, ${int(r.downloads.stillPending)} encore à télécharger`,
    );
    for (const tick of r.ticks)
      row(`synchro. périodique ${tick.tick}, rien à télécharger`, tick, '');
    row('au repos, 5 s', r.idle, '');
    if (r.variant.startsWith('après')) {
      const phases = [r.sync, r.downloads, ...r.ticks, r.idle];
      below(
        '§1',
        'blocage le plus long, synchro. + téléchargements + synchro. périodiques',
        r.size,
        Math.max(...phases.map((phase) => phase.maxMs)),
        STALL_MS,
        'ms',
      );
      reportTarget({
        section: '§1',
        what: 'fenêtres de 250 ms au-delà de 50 ms, toutes phases',
        size: r.size,
        figure: `${phases.reduce((sum, phase) => sum + phase.over50, 0)} / ${phases.reduce((sum, phase) => sum + phase.windows, 0)} (p99 max ${Math.max(...phases.map((phase) => phase.p99Ms))} ms)`,
        target: '0',
        met: phases.every((phase) => phase.over50 === 0),
      });
      reportTarget({
        section: '§1',
        what: 'pièces téléchargées par seconde après la synchro.',
        size: r.size,
        figure: `${r.downloads.perSecond} /s`,
        target: '—',
        met: null,
      });
    }
  }
  console.log('\n## Ouverture et migration 025 (index de la file de téléchargement)\n');
  console.log('| dossiers | code | migration 024 → 025 (ms) | ouverture du cœur (ms) |');
  console.log('|---:|---|---:|---:|');
  for (const r of results) {
    console.log(`| ${int(r.size)} | ${r.variant} | ${r.migrationMs ?? '—'} | ${int(r.openMs)} |`);
  }
  const synthetic = [];
  for (const size of (process.env.BENCH_STALLS_MIGRATION_SIZES ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number)) {
    for (const state of ['ready', 'pending'] as const) {
      process.stderr.write(
        `… migration 025 sur ${size.toLocaleString('fr-FR')} dossiers (${state})\n`,
      );
      synthetic.push(migrationOnSynthetic(size, state));
    }
  }

  for (const m of synthetic) {
    console.log(
      `| ${int(m.size)} (synthétique : ${int(m.documents)} pièces ${m.state === 'ready' ? 'toutes téléchargées' : 'toutes à télécharger'}, ${int(m.queued)} dans l’index) | cet arbre | ${int(m.migrationMs)} | — |`,
    );
  }
  console.log(
    `\nCharge de la machine à la fin : ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `stalls-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, `${JSON.stringify({ pull, results, synthetic }, null, 2)}\n`);
  console.log(`\n${file}`);
}

if (
  process.env.BENCH_STALLS_ROLE !== 'desk' &&
  resolve(process.argv[1] ?? '') === import.meta.filename
) {
  await runDownloadStalls();
}
