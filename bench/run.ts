/**
 * `npm run bench`: measures the local cache at realistic sizes. A benchmark, never a timed test:
 * it prints a table and writes JSON under bench/results/. Sizes: BENCH_SIZES=10000,100000.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { PortalApplication } from '../src/shared/portal/portalApplication';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkingCalendar, isoDateOf } from '../src/shared/calendar/workingDays';
import { QUEUE_IDS } from '../src/shared/api/types';
import { officeForRegion } from '../src/shared/domain/offices';
import { loadCatalog } from '../src/main/core/catalog/loadCatalog';
import { createApplicationsRepository } from '../src/main/core/cases/applicationsRepository';
import { openDatabase } from '../src/main/core/db/openDatabase';
import { createInboxQueries } from '../src/main/core/inbox/inboxQueries';
import { generateApplication } from '../src/simulator/generateApplication';
import { createRandom } from '../src/simulator/random';

const root = join(import.meta.dirname, '..');
const catalog = loadCatalog(join(root, 'resources/procedures'));
const holidays = (
  JSON.parse(readFileSync(join(root, 'resources/calendar/togo-holidays.json'), 'utf8')) as {
    holidays: { date: string }[];
  }
).holidays.map((holiday) => holiday.date);
const calendar = createWorkingCalendar(holidays);
const NOW = new Date('2026-11-23T09:00:00Z');
const BATCH = 5_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function measure(runs: number, fn: () => void): { p50: number; p95: number } {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function benchSize(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bureau-bench-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  const repository = createApplicationsRepository(db);
  const rng = createRandom(2026);
  const procedures = catalog.procedures;
  const now = NOW.toISOString();

  let ingestMs = 0;
  for (let start = 1; start <= size; start += BATCH) {
    const records: PortalApplication[] = [];
    for (let sequence = start; sequence < Math.min(start + BATCH, size + 1); sequence++) {
      records.push(generateApplication(rng, { sequence, procedures, now: NOW, withinDays: 30 }));
    }
    const begin = performance.now();
    db.transaction(() => {
      for (const record of records) {
        const sla = catalog.get(record.procedureCode)?.slaWorkingDays ?? 10;
        repository.upsertFromPortal(
          {
            record,
            officeCode: officeForRegion(record.applicant.region) ?? 'LOM',
            dueDate: calendar.addWorkingDays(isoDateOf(new Date(record.submittedAt)), sla),
          },
          now,
        );
      }
    })();
    ingestMs += performance.now() - begin;
  }
  db.pragma('optimize');
  const inbox = createInboxQueries(db, calendar);
  const scope = inbox.scopeFor({ id: 'u-agent-kossi', officeCode: 'LOM' }, isoDateOf(NOW));
  const pages = Object.fromEntries(
    QUEUE_IDS.map((queue) => [
      queue,
      measure(50, () => inbox.list({ queue, cursor: null, limit: 100 }, scope)),
    ]),
  );
  const filtered = measure(50, () =>
    inbox.list({ queue: 'all', procedureCode: 'COM-APIPS', cursor: null, limit: 100 }, scope),
  );
  const counts = measure(20, () => inbox.counts(scope));
  db.close();
  const bytes = statSync(join(dir, 'bench.sqlite')).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    size,
    ingestRecordsPerSecond: Math.round(size / (ingestMs / 1000)),
    pages,
    filteredPage: filtered,
    counts,
    databaseMegabytes: Math.round(bytes / 1e5) / 10,
  };
}

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const results = sizes.map((size) => {
  process.stdout.write(`… ${size.toLocaleString('fr-FR')} dossiers\n`);
  return benchSize(size);
});

const ms = (value: number) => value.toFixed(2);
console.log(
  '\n| dossiers | ingestion (enr./s) | page p50/p95 (ms, pire file) | page filtrée p95 | comptes p50/p95 (ms) | base (Mo) |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const result of results) {
  const worst = Object.values(result.pages).reduce((a, b) => (b.p95 > a.p95 ? b : a));
  console.log(
    `| ${result.size.toLocaleString('fr-FR')} | ${result.ingestRecordsPerSecond.toLocaleString('fr-FR')} | ${ms(worst.p50)} / ${ms(worst.p95)} | ${ms(result.filteredPage.p95)} | ${ms(result.counts.p50)} / ${ms(result.counts.p95)} | ${result.databaseMegabytes} |`,
  );
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(
  root,
  'bench/results',
  `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
writeFileSync(
  file,
  JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2),
);
console.log(`\nRésultats : ${file}`);
