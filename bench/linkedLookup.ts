/**
 * Case open with its linked records (issue 20 §2: a case still opens in < 20 ms at 1M cases):
 * `cases.get`, `cases.linked`, both together, and `cases.signals` for an inbox page, on a large
 * cache built through the real pull path (bench/benchCache.ts), plus planted linked records:
 * importer cards issued by the portal and APIPS requests citing them, and one company with many
 * applications (the widest « same applicant » answer). `cases.signals` for inbox pages of 100 is
 * measured beside the case-by-case reading it replaced. A benchmark, never a timed test.
 *   npx tsx bench/linkedLookup.ts
 *   BENCH_SIZES=100000,1000000 (default 100000)
 *   BENCH_LINKED_CACHE_DIR (default <tmp>/bureau-bench-linked-caches: built once, then reused)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplicationsRepository } from '../src/main/core/cases/applicationsRepository';
import { schedulerOf } from '../src/main/core/clock';
import { createCore, type Core } from '../src/main/core/createCore';
import type { PortalApplication } from '../src/shared/portal/portalApplication';
import { generateApplication } from '../src/simulator/generateApplication';
import { createRandom } from '../src/simulator/random';
import { buildBenchCache } from './benchCache';
import { measure, type Timing } from './measure';
import { NOW } from './workload';
import { callCore } from './callCore';
import { createSignalsOneByOne } from '../tests/support/signalsOneByOne';

const resourcesDir = join(import.meta.dirname, '..', 'resources');
const RUNS = 200;
const PLANTED_CARDS = 1_000;
const HOT_COMPANY_CASES = 60;

const call = callCore;

/** Issued cards, APIPS requests citing them, and a company with many applications, in LOM. */
function plantLinked(core: Core): { citing: string[]; hot: string[] } {
  const marker = core.db
    .prepare("SELECT count(*) FROM case_keys WHERE kind = 'certificate'")
    .pluck()
    .get() as number;
  const apips = core.catalog.procedures.filter((procedure) => procedure.code === 'COM-APIPS');
  const impex = core.catalog.procedures.filter((procedure) => procedure.code === 'COM-IMPEX');
  const citing = () =>
    core.db
      .prepare(
        `SELECT id FROM applications WHERE id GLOB 'app-9??????-*' AND procedure_code = 'COM-APIPS'
           AND json_extract(record_json, '$.form.importerCardNumber') GLOB 'CIE-2026-LOM-9*'`,
      )
      .pluck()
      .all() as string[];
  const hot = () =>
    core.db
      .prepare("SELECT application_id FROM case_keys WHERE kind = 'nif' AND value = '1999999999'")
      .pluck()
      .all() as string[];
  if (marker >= PLANTED_CARDS) return { citing: citing(), hot: hot() };

  const rng = createRandom(2020);
  const records: PortalApplication[] = [];
  const inLome = (record: PortalApplication) => {
    record.applicant = { ...record.applicant, region: 'Grand Lomé', city: 'Lomé' };
    return record;
  };
  let sequence = 9_000_000;
  // References wrap at a million (generateApplication): the planted ones get a year of their own.
  const make = (procedures: typeof apips) => {
    const record = generateApplication(rng, {
      sequence: ++sequence,
      procedures,
      now: NOW,
      withinDays: 60,
    });
    record.reference = `${record.procedureCode}-2019-${String(sequence % 1_000_000).padStart(6, '0')}`;
    return inLome(record);
  };
  for (let i = 0; i < PLANTED_CARDS; i++) {
    const card = make(impex);
    const number = `CIE-2026-LOM-${String(900_001 + i).padStart(6, '0')}`;
    card.status = 'issued';
    card.certificate = {
      number,
      issuedAt: card.submittedAt,
      expiresOn: i % 5 === 0 ? '2026-01-01' : '2027-06-30',
      ...(i % 50 === 0 ? { revokedAt: card.submittedAt, revocationReason: 'Bench' } : {}),
    };
    const request = make(apips);
    request.company = card.company;
    request.form = { ...request.form, importerCardNumber: number };
    records.push(card, request);
  }
  const hotCompany = {
    name: 'Comptoir Très Actif SARL',
    legalForm: 'SARL',
    nif: '1999999999',
    rccm: 'TG-LFW-01-2010-B12-99999',
  };
  for (let i = 0; i < HOT_COMPANY_CASES; i++) {
    const record = make(i % 2 === 0 ? apips : impex);
    record.company = hotCompany;
    records.push(record);
  }
  const repository = createApplicationsRepository(core.db);
  core.db.transaction(() =>
    repository.upsertManyFromPortal(
      records.map((record) => ({ record, officeCode: 'LOM', dueDate: '2026-12-20' })),
      NOW.toISOString(),
    ),
  )();
  core.db.pragma('optimize');
  return { citing: citing(), hot: hot() };
}

async function benchSize(size: number) {
  const cacheRoot =
    process.env.BENCH_LINKED_CACHE_DIR ?? join(tmpdir(), 'bureau-bench-linked-caches');
  const dataDir = join(cacheRoot, String(size));
  mkdirSync(dataDir, { recursive: true });
  process.stdout.write(`… cache de ${size.toLocaleString('fr-FR')} dossiers (${dataDir})\n`);
  await buildBenchCache(dataDir, size);
  const core = createCore({
    dataDir,
    resourcesDir,
    portal: { url: 'http://127.0.0.1:9', timeoutMs: 1_000 },
    trainingMode: true,
    clock: schedulerOf({ now: () => NOW }),
    log: () => {},
  });
  const planted = plantLinked(core);
  const clerk = core.contextOf('u-agent-kossi');
  const ids = core.db
    .prepare("SELECT id FROM applications WHERE office_code = 'LOM' ORDER BY random() LIMIT 500")
    .pluck()
    .all() as string[];
  const pick = (list: string[]) => (run: number) => list[run % list.length]!;
  const timings: Record<string, Timing> = {
    'cases.get (au hasard)': await measure(RUNS, (run) =>
      call(core, clerk, 'cases.get', { id: pick(ids)(run) }),
    ),
    'cases.linked (au hasard)': await measure(RUNS, (run) =>
      call(core, clerk, 'cases.linked', { id: pick(ids)(run) }),
    ),
    'ouverture = get + linked (au hasard)': await measure(RUNS, async (run) => {
      await call(core, clerk, 'cases.get', { id: pick(ids)(run) });
      await call(core, clerk, 'cases.linked', { id: pick(ids)(run) });
    }),
    'cases.linked (APIPS citant une carte)': await measure(RUNS, (run) =>
      call(core, clerk, 'cases.linked', { id: pick(planted.citing)(run) }),
    ),
    [`cases.linked (entreprise à ${planted.hot.length} dossiers)`]: await measure(RUNS, (run) =>
      call(core, clerk, 'cases.linked', { id: pick(planted.hot)(run) }),
    ),
  };
  // An inbox page's signals, read set-based (cases.signals) and, side by side in the same run,
  // case by case as before (tests/support/signalsOneByOne.ts): random pages of 100, and pages of
  // APIPS requests all citing a card (each page's cards looked up).
  const pages = core.db
    .prepare("SELECT id FROM applications WHERE office_code = 'LOM' ORDER BY random() LIMIT 2000")
    .pluck()
    .all() as string[];
  const page = (list: string[], run: number) => {
    const start = (run * 100) % (list.length - 100);
    return list.slice(start, start + 100);
  };
  const oneByOne = createSignalsOneByOne(core.db, core.catalog);
  const today = NOW.toISOString().slice(0, 10);
  for (let round = 0; round < 2; round++) {
    // Alternated, so that a burst of load on the machine falls on both.
    timings[`cases.signals (page de 100) #${round + 1}`] = await measure(60, (run) =>
      call(core, clerk, 'cases.signals', { ids: page(pages, run) }),
    );
    timings[`un par un, avant (page de 100) #${round + 1}`] = await measure(60, (run) =>
      oneByOne(page(pages, run), 'LOM', today),
    );
  }
  timings['cases.signals (100 APIPS citant une carte)'] = await measure(60, (run) =>
    call(core, clerk, 'cases.signals', { ids: page(planted.citing, run) }),
  );
  timings['un par un, avant (100 APIPS citant une carte)'] = await measure(60, (run) =>
    oneByOne(page(planted.citing, run), 'LOM', today),
  );
  const keys = core.db.prepare('SELECT count(*) FROM case_keys').pluck().get() as number;
  await core.close();
  return { size, caseKeys: keys, timings };
}

const sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number);
const results = [];
for (const size of sizes) results.push(await benchSize(size));

console.log('\n## Dossier ouvert avec ses recoupements (ms : p50 / p95)\n');
const names = Object.keys(results[0]!.timings);
console.log(
  `| mesure | ${results.map((r) => `${r.size.toLocaleString('fr-FR')} dossiers (${r.caseKeys.toLocaleString('fr-FR')} clés)`).join(' | ')} |`,
);
console.log(`|---|${results.map(() => '---:').join('|')}|`);
for (const name of names) {
  const cells = results.map((result) => {
    const t = result.timings[name];
    return t ? `${t.p50.toFixed(2)} / ${t.p95.toFixed(2)}` : '—';
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
const out = join(
  import.meta.dirname,
  'results',
  `linked-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.json`,
);
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`\n${out}`);
