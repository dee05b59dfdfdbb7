/**
 * Issue 13: CPU and memory of an idle desk while the portal is down and attachments are pending.
 *   npx tsx bench/offlineIdle.ts          (or BENCH_ONLY=offline npm run bench; never in the default run)
 *   BENCH_OFFLINE_SECONDS=600 per scenario   BENCH_OFFLINE_SCENARIOS=down,reset (also flaky, up)
 *   BENCH_OFFLINE_DOCUMENTS=100 pending      BENCH_OFFLINE_SAMPLE_SECONDS=5
 * Scenarios, each on a fresh cache and a fresh desk process:
 *   down   first sync done, downloads in flight, then the portal closes (connection refused)
 *   reset  portal up, every document request reset before any byte (feed and health answer)
 *   flaky  portal up with the simulator fault `resetRate: 1` (everything but health resets)
 *   up     control: portal up, every document downloaded, desk idle
 * The simulator runs in this process behind a small gate that counts requests and holds, resets
 * or passes documents. Bureau's core (default sync tuning and portal timeout, the app's periodic
 * sync) runs in a child process, so the CPU and memory measured are the desk's alone; the child
 * counts its own portal requests by wrapping `fetch` (connection refused never reaches a server).
 * A benchmark, never a timed test: prints a table and writes JSON under bench/results/.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { loadCatalog } from '../src/main/core/catalog/loadCatalog';
import { createCore } from '../src/main/core/createCore';
import { DEFAULT_TUNING } from '../src/main/core/sync/backoff';
import { startPortalSimulator } from '../src/simulator/server';

const root = join(import.meta.dirname, '..');
const resourcesDir = join(root, 'resources');
/** What the app passes to `sync.start` (src/main/bootstrap/startBureau.ts). */
const SYNC_INTERVAL_MS = 60_000;
const SEED = 7;
const TOKEN = 'bench-portal-token';
const SETUP_TIMEOUT_MS = 180_000;
const MB = 1024 * 1024;

type Scenario = 'down' | 'reset' | 'flaky' | 'up';
const SCENARIOS: readonly Scenario[] = ['down', 'reset', 'flaky', 'up'];
const DESCRIPTIONS: Record<Scenario, string> = {
  down: 'portail coupé (connexion refusée) après la première synchronisation',
  reset: 'portail joignable, chaque pièce coupe la connexion avant le premier octet',
  flaky: 'portail joignable, panne simulée resetRate: 1 (tout sauf /health coupe)',
  up: 'témoin : portail joignable, toutes les pièces téléchargées',
};

type RequestKind = 'documents' | 'feed' | 'health' | 'other';
type Counts = Record<RequestKind, number>;
const zeroCounts = (): Counts => ({ documents: 0, feed: 0, health: 0, other: 0 });

function kindOf(path: string): RequestKind {
  if (path.includes('/api/v1/documents/')) return 'documents';
  if (path.includes('/api/v1/health')) return 'health';
  if (/\/api\/v1\/applications(\?|$)/.test(path)) return 'feed';
  return 'other';
}

interface DeskConfig {
  scenario: Scenario;
  portalUrl: string;
  token: string;
  documents: number;
  seconds: number;
  sampleSeconds: number;
}

interface StateCount {
  state: string;
  n: number;
  attempts: number;
}

interface Sample {
  /** Seconds since the measurement started. */
  t: number;
  cpuPercent: number;
  cpuMs: number;
  wallMs: number;
  eventLoopPercent: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** Requests the desk started during the interval (client side, refused ones included). */
  requests: Counts;
  /** Requests whose promise rejected (refused, reset, timed out) during the interval. */
  failedRequests: number;
  logLines: number;
  /** Time spent taking the previous sample (the instrument's own cost). */
  samplerMs: number;
}

interface DeskResult {
  scenario: Scenario;
  atStart: { rssMb: number; heapUsedMb: number; heapAfterGcMb: number; states: StateCount[] };
  atEnd: { rssMb: number; heapUsedMb: number; heapAfterGcMb: number; states: StateCount[] };
  samples: Sample[];
  requests: Counts;
  failedRequests: number;
  logLines: number;
  logSamples: string[];
  lastErrors: { error: string; n: number }[];
  closeMs: number;
}

type ToDesk = { type: 'start'; config: DeskConfig } | { type: 'go' };
type FromDesk =
  | { type: 'ready'; states: StateCount[]; setupMs: number }
  | { type: 'sample'; sample: Sample }
  | { type: 'done'; result: DeskResult }
  | { type: 'failed'; message: string };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// The desk (child process): Bureau's core, measured.
// ---------------------------------------------------------------------------------------------

function nextMessage<T extends ToDesk['type']>(type: T): Promise<Extract<ToDesk, { type: T }>> {
  return new Promise((done) => {
    const listener = (message: ToDesk) => {
      if (message.type !== type) return;
      process.off('message', listener);
      done(message as Extract<ToDesk, { type: T }>);
    };
    process.on('message', listener);
  });
}

/** Resolves once the message is handed to the channel, so an exit right after cannot lose it. */
function send(message: FromDesk): Promise<void> {
  return new Promise((done) => {
    if (!process.send) done();
    else process.send(message, () => done());
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > SETUP_TIMEOUT_MS) throw new Error(`délai dépassé : ${what}`);
    await sleep(200);
  }
}

async function runDesk(): Promise<void> {
  const { config } = await nextMessage('start');
  const setupStart = performance.now();

  // Count the portal requests the desk makes; cheap next to the request itself.
  const counts = zeroCounts();
  let failed = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    counts[kindOf(url)]++;
    return realFetch(input, init).catch((error: unknown) => {
      failed++;
      throw error;
    });
  };
  let logLines = 0;
  const logSamples: string[] = [];
  const log = (message: string, error?: unknown) => {
    logLines++;
    if (logSamples.length < 5) {
      logSamples.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`);
    }
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'bureau-offline-'));
  const core = createCore({
    dataDir,
    resourcesDir,
    // No timeoutMs and no syncTuning: the product's defaults, as a configured office runs them.
    portal: { url: config.portalUrl, token: config.token },
    trainingMode: false,
    version: 'bench',
    log,
  });
  const statesQuery = core.db.prepare<[], StateCount>(
    'SELECT state, count(*) AS n, coalesce(sum(attempts), 0) AS attempts FROM documents GROUP BY state ORDER BY state',
  );
  const states = () => statesQuery.all();
  const countOf = (...wanted: string[]) =>
    states()
      .filter((row) => wanted.includes(row.state))
      .reduce((n, row) => n + row.n, 0);

  core.sync.start(SYNC_INTERVAL_MS);
  await until(
    () =>
      core.sync.status().lastSuccessAt !== null &&
      countOf('pending', 'downloading', 'ready', 'failed') >= config.documents,
    'première synchronisation',
  );
  if (config.scenario === 'up') {
    await until(() => countOf('pending', 'downloading') === 0, 'téléchargement des pièces');
  } else if (config.scenario !== 'reset') {
    // The gate holds document requests: wait until downloads are really in flight.
    await until(() => countOf('downloading') > 0, 'téléchargements en cours');
  }
  await send({
    type: 'ready',
    states: states(),
    setupMs: Math.round(performance.now() - setupStart),
  });
  await nextMessage('go');

  const gc = (globalThis as { gc?: () => void }).gc;
  const heapAfterGc = () => {
    gc?.();
    return round(process.memoryUsage().heapUsed / MB);
  };
  const startMemory = process.memoryUsage();
  const atStart = {
    rssMb: round(startMemory.rss / MB),
    heapUsedMb: round(startMemory.heapUsed / MB),
    heapAfterGcMb: heapAfterGc(),
    states: states(),
  };

  const samples: Sample[] = [];
  const total = zeroCounts();
  let totalFailed = 0;
  let prevCounts = { ...counts };
  let prevFailed = failed;
  let prevLogs = logLines;
  let prevCpu = process.cpuUsage();
  let prevElu: EventLoopUtilization = performance.eventLoopUtilization();
  let prevAt = performance.now();
  const begin = prevAt;
  let samplerMs = 0;
  const sampleCount = Math.max(1, Math.round(config.seconds / config.sampleSeconds));

  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const at = performance.now();
      const cpu = process.cpuUsage(prevCpu);
      const elu = performance.eventLoopUtilization(prevElu);
      const memory = process.memoryUsage();
      const wallMs = at - prevAt;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const requests = zeroCounts();
      for (const kind of Object.keys(requests) as RequestKind[]) {
        requests[kind] = counts[kind] - prevCounts[kind];
        total[kind] += requests[kind];
      }
      totalFailed += failed - prevFailed;
      const sample: Sample = {
        t: round((at - begin) / 1000),
        cpuPercent: round((100 * cpuMs) / wallMs, 2),
        cpuMs: round(cpuMs),
        wallMs: round(wallMs),
        eventLoopPercent: round(100 * elu.utilization, 2),
        rssMb: round(memory.rss / MB),
        heapUsedMb: round(memory.heapUsed / MB),
        heapTotalMb: round(memory.heapTotal / MB),
        externalMb: round(memory.external / MB),
        requests,
        failedRequests: failed - prevFailed,
        logLines: logLines - prevLogs,
        samplerMs: round(samplerMs, 3),
      };
      samples.push(sample);
      void send({ type: 'sample', sample });
      prevCounts = { ...counts };
      prevFailed = failed;
      prevLogs = logLines;
      prevAt = at;
      prevElu = performance.eventLoopUtilization();
      prevCpu = process.cpuUsage();
      samplerMs = performance.now() - at;
      if (samples.length >= sampleCount) {
        clearInterval(timer);
        done();
      }
    }, config.sampleSeconds * 1000);
  });

  const endMemory = process.memoryUsage();
  const atEnd = {
    rssMb: round(endMemory.rss / MB),
    heapUsedMb: round(endMemory.heapUsed / MB),
    heapAfterGcMb: heapAfterGc(),
    states: states(),
  };
  const lastErrors = core.db
    .prepare<[], { error: string; n: number }>(
      "SELECT coalesce(last_error, '(aucune)') AS error, count(*) AS n FROM documents WHERE state <> 'ready' GROUP BY 1 ORDER BY 2 DESC LIMIT 5",
    )
    .all();
  const closeStart = performance.now();
  await Promise.race([core.close(), sleep(30_000)]);
  const closeMs = Math.round(performance.now() - closeStart);
  rmSync(dataDir, { recursive: true, force: true });
  await send({
    type: 'done',
    result: {
      scenario: config.scenario,
      atStart,
      atEnd,
      samples,
      requests: total,
      failedRequests: totalFailed,
      logLines,
      logSamples,
      lastErrors,
      closeMs,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The portal side (this process): simulator, gate, orchestration, report.
// ---------------------------------------------------------------------------------------------

type DocumentMode = 'pass' | 'hold' | 'reset';

/** A pass-through proxy in front of the simulator that can hold or reset document requests. */
async function startGate(upstream: string, documents: DocumentMode) {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const counts = zeroCounts();
  const held = new Set<Socket>();
  let mode = documents;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const kind = kindOf(path);
    counts[kind]++;
    if (kind === 'documents' && mode !== 'pass') {
      const socket = req.socket;
      if (mode === 'reset') {
        socket.destroy();
        return;
      }
      held.add(socket);
      socket.once('close', () => held.delete(socket));
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers };
    delete headers.connection;
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path, method: req.method, headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    get held() {
      return held.size;
    },
    /** Lets documents through (or resets them) from now on; held requests are cut. */
    setDocuments(next: DocumentMode) {
      mode = next;
      for (const socket of held) socket.destroy();
    },
    close(): Promise<void> {
      agent.destroy();
      return new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

interface ScenarioResult {
  scenario: Scenario;
  description: string;
  seconds: number;
  sampleSeconds: number;
  applications: number;
  documentsOnPortal: number;
  setupMs: number;
  atReady: StateCount[];
  desk: DeskResult;
  /** Requests that reached the gate during the measurement (none once the portal is closed). */
  portalSideRequests: Counts;
  /** This process (simulator + gate) during the measurement, % of one core. */
  portalSideCpuPercent: number;
  /** The machine's 1-minute load average at the start and end (other jobs share the cores). */
  loadAverage: { start: number; end: number };
}

async function runScenario(
  scenario: Scenario,
  options: { seconds: number; documents: number; sampleSeconds: number },
): Promise<ScenarioResult> {
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const procedures = [...loadCatalog(join(resourcesDir, 'procedures')).procedures];
  const simulator = await startPortalSimulator({
    seed: SEED,
    count: Math.ceil(options.documents / 4),
    port: 0,
    token: TOKEN,
    procedures,
  });
  // Counted from the feed itself, as Bureau will see it; a few arrivals top it up to the target.
  let documentsOnPortal = simulator.store
    .page(0, 10_000)
    .items.reduce((n, item) => n + item.documents.length, 0);
  while (documentsOnPortal < options.documents) {
    documentsOnPortal += simulator.store.add(1).reduce((n, item) => n + item.documents.length, 0);
  }
  const applications = simulator.store.size;
  const gate = await startGate(
    simulator.url,
    scenario === 'reset' ? 'reset' : scenario === 'up' ? 'pass' : 'hold',
  );
  let portalOpen = true;
  const closePortal = async () => {
    if (!portalOpen) return;
    portalOpen = false;
    await gate.close();
    await simulator.close();
  };

  const desk = fork(import.meta.filename, [], {
    env: { ...process.env, BENCH_OFFLINE_ROLE: 'desk' },
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: Sample[] = [];
  let ready: Extract<FromDesk, { type: 'ready' }> | null = null;
  let gateAtGo = zeroCounts();
  let cpuAtGo = process.cpuUsage();
  let wallAtGo = performance.now();
  let minuteCpuMs = 0;
  let minuteWallMs = 0;

  try {
    const result = await new Promise<DeskResult>((done, fail) => {
      desk.on('exit', (code) => fail(new Error(`le poste s'est arrêté (code ${code})`)));
      desk.on('message', (message: FromDesk) => {
        void (async () => {
          if (message.type === 'failed') fail(new Error(message.message));
          else if (message.type === 'ready') {
            ready = message;
            if (scenario === 'down') await closePortal();
            if (scenario === 'flaky') {
              simulator.faults.set({ resetRate: 1 });
              gate.setDocuments('pass');
            }
            gateAtGo = { ...gate.counts };
            cpuAtGo = process.cpuUsage();
            wallAtGo = performance.now();
            desk.send({ type: 'go' } satisfies ToDesk);
          } else if (message.type === 'sample') {
            const { sample } = message;
            samples.push(sample);
            minuteCpuMs += sample.cpuMs;
            minuteWallMs += sample.wallMs;
            if (Math.round(sample.t) % 60 < options.sampleSeconds || samples.length === 1) {
              process.stdout.write(
                `  ${scenario} t=${Math.round(sample.t)} s  CPU ${((100 * minuteCpuMs) / minuteWallMs).toFixed(1)} %  RSS ${sample.rssMb} Mo  tas ${sample.heapUsedMb} Mo  requêtes pièces (5 s) ${sample.requests.documents}\n`,
              );
              minuteCpuMs = minuteWallMs = 0;
            }
          } else done(message.result);
        })().catch(fail);
      });
      desk.send({
        type: 'start',
        config: {
          scenario,
          portalUrl: gate.url,
          token: TOKEN,
          ...options,
        },
      } satisfies ToDesk);
    });
    const cpu = process.cpuUsage(cpuAtGo);
    const wall = performance.now() - wallAtGo;
    const portalSideRequests = zeroCounts();
    for (const kind of Object.keys(portalSideRequests) as RequestKind[]) {
      portalSideRequests[kind] = gate.counts[kind] - gateAtGo[kind];
    }
    const readyMessage = ready as Extract<FromDesk, { type: 'ready' }> | null;
    return {
      scenario,
      description: DESCRIPTIONS[scenario],
      seconds: options.seconds,
      sampleSeconds: options.sampleSeconds,
      applications,
      documentsOnPortal,
      setupMs: readyMessage?.setupMs ?? 0,
      atReady: readyMessage?.states ?? [],
      desk: result,
      portalSideRequests,
      portalSideCpuPercent: round((100 * (cpu.user + cpu.system)) / 1000 / wall, 2),
      loadAverage: { start: loadAtStart, end: round(loadavg()[0] ?? 0, 2) },
    };
  } finally {
    desk.removeAllListeners('exit');
    if (desk.exitCode === null) desk.kill();
    await closePortal();
  }
}

const int = (value: number) => value.toLocaleString('fr-FR');
const states = (rows: StateCount[]) =>
  rows.map((row) => `${row.state} ${row.n} (essais ${row.attempts})`).join(', ') || '—';

function report(result: ScenarioResult): void {
  const { desk } = result;
  const samples = desk.samples;
  console.log(
    `\n## Poste au repos, ${result.scenario} : ${result.description} (${result.seconds} s, ${result.documentsOnPortal} pièces sur ${result.applications} demandes)\n`,
  );
  console.log(
    '| minute | CPU % (moy.) | CPU % (max 5 s) | boucle % | RSS fin (Mo) | tas fin (Mo) | requêtes pièces | dont échouées* | sondes /health | pages flux | journal |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const minutes = new Map<number, Sample[]>();
  for (const sample of samples) {
    const minute = Math.max(1, Math.ceil((sample.t - 0.5) / 60));
    minutes.set(minute, [...(minutes.get(minute) ?? []), sample]);
  }
  for (const [minute, group] of minutes) {
    const sum = (pick: (s: Sample) => number) => group.reduce((n, s) => n + pick(s), 0);
    const last = group.at(-1) as Sample;
    console.log(
      `| ${minute} | ${((100 * sum((s) => s.cpuMs)) / sum((s) => s.wallMs)).toFixed(1)} | ${Math.max(...group.map((s) => s.cpuPercent)).toFixed(1)} | ${(sum((s) => s.eventLoopPercent) / group.length).toFixed(1)} | ${last.rssMb} | ${last.heapUsedMb} | ${int(sum((s) => s.requests.documents))} | ${int(sum((s) => s.failedRequests))} | ${int(sum((s) => s.requests.health))} | ${int(sum((s) => s.requests.feed))} | ${int(sum((s) => s.logLines))} |`,
    );
  }
  const s = summarize(result);
  console.log('\n*toutes requêtes confondues (refusées, coupées, expirées)\n');
  console.log(
    `- CPU moyen ${s.cpuPercent} % d'un cœur (max sur 5 s ${s.cpuMaxPercent} %), boucle d'événements occupée ${s.eventLoopPercent} %`,
  );
  console.log(
    `- RSS ${s.rss.atStart} → ${s.rss.first} (1er échantillon) → ${s.rss.last} Mo, max ${s.rss.max} Mo ; tas ${s.heap.first} → ${s.heap.last} Mo, max ${s.heap.max} Mo ; tas après GC ${s.heap.afterGcStart} → ${s.heap.afterGcEnd} Mo`,
  );
  console.log(
    `- requêtes du poste : pièces ${int(desk.requests.documents)} (${int(s.documentRequestsPerMinute)}/min), /health ${int(desk.requests.health)}, flux ${int(desk.requests.feed)}, autres ${int(desk.requests.other)} ; échouées ${int(desk.failedRequests)} ; reçues par le portail ${int(result.portalSideRequests.documents)} pièces`,
  );
  console.log(`- pièces au départ : ${states(desk.atStart.states)}`);
  console.log(`- pièces à la fin : ${states(desk.atEnd.states)}`);
  if (desk.lastErrors.length > 0) {
    console.log(
      `- dernières erreurs : ${desk.lastErrors.map((e) => `${e.n} × « ${e.error.slice(0, 120)} »`).join(' ; ')}`,
    );
  }
  console.log(
    `- journal : ${int(desk.logLines)} lignes${desk.logSamples.length ? ` (${desk.logSamples.map((l) => `« ${l.slice(0, 100)} »`).join(', ')})` : ''} ; côté portail (simulateur + passerelle) ${result.portalSideCpuPercent} % ; arrêt du cœur ${desk.closeMs} ms ; coût de l'instrument ${s.samplerMsPerSample} ms par échantillon ; charge machine ${result.loadAverage.start} → ${result.loadAverage.end} (${cpus().length} cœurs)`,
  );
}

function summarize(result: ScenarioResult) {
  const { desk } = result;
  const samples = desk.samples;
  const sum = (pick: (s: Sample) => number) => samples.reduce((n, s) => n + pick(s), 0);
  const wallMs = sum((s) => s.wallMs);
  return {
    cpuPercent: round((100 * sum((s) => s.cpuMs)) / wallMs, 2),
    cpuMaxPercent: round(Math.max(...samples.map((s) => s.cpuPercent)), 1),
    eventLoopPercent: round(sum((s) => s.eventLoopPercent) / samples.length, 2),
    rss: {
      atStart: desk.atStart.rssMb,
      first: samples[0]?.rssMb ?? NaN,
      last: samples.at(-1)?.rssMb ?? NaN,
      max: Math.max(...samples.map((s) => s.rssMb)),
    },
    heap: {
      first: samples[0]?.heapUsedMb ?? NaN,
      last: samples.at(-1)?.heapUsedMb ?? NaN,
      max: Math.max(...samples.map((s) => s.heapUsedMb)),
      afterGcStart: desk.atStart.heapAfterGcMb,
      afterGcEnd: desk.atEnd.heapAfterGcMb,
    },
    documentRequestsPerMinute: Math.round((desk.requests.documents * 60_000) / wallMs),
    samplerMsPerSample: round(sum((s) => s.samplerMs) / samples.length, 3),
  };
}

export async function runOfflineIdle(): Promise<void> {
  const seconds = Number(process.env.BENCH_OFFLINE_SECONDS ?? 600);
  const sampleSeconds = Number(process.env.BENCH_OFFLINE_SAMPLE_SECONDS ?? 5);
  const documents = Number(process.env.BENCH_OFFLINE_DOCUMENTS ?? 100);
  const scenarios = (process.env.BENCH_OFFLINE_SCENARIOS ?? 'down,reset')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of scenarios) {
    if (!SCENARIOS.includes(name as Scenario)) {
      throw new Error(`scénario inconnu « ${name} » (${SCENARIOS.join(', ')})`);
    }
  }
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios as Scenario[]) {
    process.stdout.write(`… ${scenario} : ${DESCRIPTIONS[scenario]}, ${seconds} s\n`);
    const result = await runScenario(scenario, { seconds, documents, sampleSeconds });
    results.push(result);
    report(result);
  }

  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `offline-idle-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        bureau: version,
        cores: cpus().length,
        tuning: DEFAULT_TUNING,
        syncIntervalMs: SYNC_INTERVAL_MS,
        results: results.map((result) => ({ ...result, summary: summarize(result) })),
      },
      null,
      2,
    ),
  );
  console.log(`\nRésultats : ${file}`);
}

if (process.env.BENCH_OFFLINE_ROLE === 'desk') {
  runDesk().then(
    () => process.exit(0),
    async (error: unknown) => {
      await send({
        type: 'failed',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.exit(1);
    },
  );
} else if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  await runOfflineIdle();
}
