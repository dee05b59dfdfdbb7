/**
 * Issue 18 §5: what a clerk and a supervisor ask of a large cache, on an existing cache, each
 * figure beside its target: searches at the screen's page size (100 rows) and their totals, a
 * case opened, and the supervisor's dashboard over any period. Iterating on one query plan does
 * not need a fresh ingest of a million records (`npm run bench` does that, and prints the same
 * figures beside the baselines).
 *   BENCH_ONLY=queries npm run bench        (or npx tsx bench/largeCacheQueries.ts)
 *   BENCH_SIZES=1000000 cases in the cache (built once through the real pull path)
 *   BENCH_CACHE_DIR=<dir> where the caches are kept between runs (bench/benchCache.ts)
 * A benchmark, never a timed test.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { schedulerOf } from '../src/main/core/clock';
import { createCore, type Core } from '../src/main/core/createCore';
import type { MethodInput } from '../src/shared/api/contract';
import { isoDateOf } from '../src/shared/calendar/workingDays';
import { sharedBenchCache } from './benchCache';
import { measure, type Timing } from './measure';
import { NOW } from './workload';
import { callCore } from './callCore';
import { below } from './targets';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
/** The inbox asks for this many rows per page (src/renderer/src/inbox/inboxQuery.ts). */
export const SCREEN_PAGE = 100;

export const TARGETS = {
  search: 15,
  total: 15,
  caseOpen: 20,
  dashboard: 50,
} as const;

const call = callCore;

/** The cache's own values to search for: common family names, NIFs, phones, case ids. */
function samplesOf(core: Core, officeCode: string | undefined) {
  const names = new Map<string, number>();
  for (const name of core.db
    .prepare('SELECT applicant_name FROM applications WHERE rowid % 97 = 0')
    .pluck()
    .all() as string[]) {
    const family = name.split(' ').at(-1)!.toLowerCase();
    names.set(family, (names.get(family) ?? 0) + 1);
  }
  const common = [...names.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name]) => name);
  const column = (sql: string) => core.db.prepare(sql).pluck().all() as string[];
  return {
    common,
    nifs: column('SELECT nif FROM applications WHERE nif IS NOT NULL AND rowid % 997 = 0'),
    phones: column('SELECT substr(phone, 6) FROM applications WHERE rowid % 997 = 0'),
    // Cases of the clerk's office: another office's case is not served to the clerk.
    ids: core.db
      .prepare('SELECT id FROM applications WHERE office_code = ? AND rowid % 997 = 0')
      .pluck()
      .all(officeCode) as string[],
  };
}

export async function measureLargeCache(core: Core) {
  const clerk = core.contextOf();
  const supervisor = core.contextOf('u-sup-ablavi');
  const samples = samplesOf(core, clerk.user?.officeCode);
  const pick = (values: string[]) => (run: number) => values[run % values.length] ?? '';
  const list = (input: Partial<MethodInput<'inbox.list'>>) =>
    call(core, clerk, 'inbox.list', { queue: 'all', limit: SCREEN_PAGE, ...input });
  const search: Record<string, Timing> = {
    'nom courant': await measure(RUNS, (run) => list({ search: pick(samples.common)(run) })),
    'préfixe 3 lettres': await measure(RUNS, (run) =>
      list({ search: pick(samples.common.map((name) => name.slice(0, 3)))(run) }),
    ),
    NIF: await measure(RUNS, (run) => list({ search: pick(samples.nifs)(run) })),
    téléphone: await measure(RUNS, (run) => list({ search: pick(samples.phones)(run) })),
    'sans résultat': await measure(RUNS, (run) =>
      list({ search: pick(['zzqxwv', 'kpodarx', 'qwerty'])(run) }),
    ),
    'nom courant, tri échéance': await measure(RUNS, (run) =>
      list({ search: pick(samples.common)(run), sort: { key: 'deadline', direction: 'asc' } }),
    ),
    'nom courant + COM-IMPEX, tri demandeur': await measure(RUNS, (run) =>
      list({
        search: pick(samples.common)(run),
        filters: { procedureCodes: ['COM-IMPEX'] },
        sort: { key: 'applicant', direction: 'asc' },
      }),
    ),
    'nom courant dans « À traiter »': await measure(RUNS, (run) =>
      list({ queue: 'to_process', search: pick(samples.common)(run) }),
    ),
  };
  const totals: Record<string, Timing> = {
    'nom courant': await measure(RUNS, (run) =>
      call(core, clerk, 'inbox.total', { queue: 'all', search: pick(samples.common)(run) }),
    ),
    'préfixe 3 lettres': await measure(RUNS, (run) =>
      call(core, clerk, 'inbox.total', {
        queue: 'all',
        search: pick(samples.common.map((name) => name.slice(0, 3)))(run),
      }),
    ),
  };
  const caseOpen = await measure(RUNS, (run) =>
    call(core, clerk, 'cases.get', { id: pick(samples.ids)(run) }),
  );
  const daysBefore = (days: number) => isoDateOf(new Date(NOW.getTime() - days * 86_400_000));
  const today = isoDateOf(NOW);
  const period = (days: number) => ({ from: daysBefore(days - 1), to: today });
  const dashboard: Record<string, Timing> = {};
  for (const days of [7, 30, 90, 365]) {
    dashboard[`${days} jours`] = await measure(RUNS, () =>
      call(core, supervisor, 'dashboard.summary', period(days)),
    );
  }
  dashboard['365 jours + COM-IMPEX'] = await measure(RUNS, () =>
    call(core, supervisor, 'dashboard.summary', { ...period(365), procedureCodes: ['COM-IMPEX'] }),
  );
  return { searchedNames: samples.common, search, totals, caseOpen, dashboard };
}

export async function runLargeCacheQueries(
  sizes = (process.env.BENCH_SIZES ?? '1000000').split(',').map(Number),
) {
  const ms = (value: number) => value.toFixed(1);
  for (const size of sizes) {
    const dataDir = await sharedBenchCache(size);
    process.stdout.write(`… cache de ${size.toLocaleString('fr-FR')} dossiers (${dataDir})\n`);
    const core = createCore({
      dataDir,
      resourcesDir: join(root, 'resources'),
      portal: { url: 'http://127.0.0.1:9', timeoutMs: 1_000 },
      trainingMode: true,
      clock: schedulerOf({ now: () => NOW }),
      log: () => {},
    });
    const result = await measureLargeCache(core);
    await core.close();
    const row = (label: string, timing: Timing, target: number) => {
      console.log(
        `| ${label} | ${ms(timing.p50)} | ${ms(timing.p95)} | < ${target} | ${timing.p95 < target ? 'oui' : 'non'} |`,
      );
      below('§5', `${label} (p95)`, size, timing.p95, target, 'ms');
    };
    console.log(
      `\n## ${size.toLocaleString('fr-FR')} dossiers — page de ${SCREEN_PAGE} lignes (ms ; charge ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' / ')})\n`,
    );
    console.log('| requête | p50 | p95 | cible p95 | atteinte |');
    console.log('|---|---:|---:|---:|---|');
    for (const [label, timing] of Object.entries(result.search))
      row(`recherche ${label}`, timing, TARGETS.search);
    for (const [label, timing] of Object.entries(result.totals))
      row(`total, ${label}`, timing, TARGETS.total);
    row('ouverture dossier', result.caseOpen, TARGETS.caseOpen);
    for (const [label, timing] of Object.entries(result.dashboard))
      row(`tableau de bord ${label}`, timing, TARGETS.dashboard);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runLargeCacheQueries();
