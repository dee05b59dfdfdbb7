/**
 * `npx tsx bench/ingestSteps.ts`: where the ingest time goes, step by step, on the same records.
 * Each figure is measured on a fresh cache (a temporary file, the real migrations), then the
 * variant's change (a dropped trigger or index, a skipped write) — never an estimate.
 *   STEPS_SIZE=20000 (records)   STEPS_TXN=200 (records per transaction)
 *   STEPS_ONLY=pull,lot,FTS,…     (run the variants whose name contains one of these)
 *   STEPS_PRAGMAS='cache_size=-262144;…' (connection pragmas for the pull-path run)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { createApplicationsRepository } from '../src/main/core/cases/applicationsRepository';
import { loadCatalog } from '../src/main/core/catalog/loadCatalog';
import { openDatabase } from '../src/main/core/db/openDatabase';
import { validatePortalRecord } from '../src/main/core/sync/validatePortalRecord';
import { createWorkingCalendar, isoDateOf } from '../src/shared/calendar/workingDays';
import { officeForRegion } from '../src/shared/domain/offices';
import { portalApplication, type PortalApplication } from '../src/shared/portal/portalApplication';
import { createPullPath } from './pullPath';
import { generateBatches, NOW } from './workload';

const root = join(import.meta.dirname, '..');
const resourcesDir = join(root, 'resources');
const catalog = loadCatalog(join(resourcesDir, 'procedures'));
const calendar = createWorkingCalendar(
  (
    JSON.parse(readFileSync(join(resourcesDir, 'calendar/togo-holidays.json'), 'utf8')) as {
      holidays: { date: string }[];
    }
  ).holidays.map((holiday) => holiday.date),
);
const SIZE = Number(process.env.STEPS_SIZE ?? 20_000);
const TXN = Number(process.env.STEPS_TXN ?? 200);
const ONLY = process.env.STEPS_ONLY?.split(',') ?? null;
const now = NOW.toISOString();

const records: PortalApplication[] = [];
for (const batch of generateBatches(SIZE, 2_000, catalog.procedures)) records.push(...batch);
const pages: string[] = [];
for (let start = 0; start < records.length; start += 200) {
  pages.push(JSON.stringify({ items: records.slice(start, start + 200) }));
}

const rate = (ms: number) => Math.round(SIZE / (ms / 1000));
const time = (fn: () => void) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const rows: [string, string][] = [];
const report = (label: string, ms: number) => {
  rows.push([
    label,
    `${rate(ms).toLocaleString('fr-FR')} enr./s (${((ms / SIZE) * 1000).toFixed(1)} µs/enr.)`,
  ]);
  console.log(`${label}: ${rate(ms)} rec/s, ${((ms / SIZE) * 1000).toFixed(1)} µs/rec`);
};

// --- CPU steps (no database) ---
let parsed: unknown[] = [];
report(
  'JSON.parse des pages',
  time(() => {
    parsed = pages.flatMap((page) => (JSON.parse(page) as { items: unknown[] }).items);
  }),
);
report(
  'validation complète (encodage + zod + catalogue)',
  time(() => {
    for (const raw of parsed) validatePortalRecord(raw, catalog);
  }),
);
report(
  'zod seul (safeParse)',
  time(() => {
    for (const raw of parsed) portalApplication.safeParse(raw);
  }),
);
report(
  'échéance (jours ouvrés)',
  time(() => {
    for (const record of records) {
      const sla = catalog.get(record.procedureCode)?.slaWorkingDays ?? 10;
      calendar.addWorkingDays(isoDateOf(new Date(record.submittedAt)), sla);
    }
  }),
);
report(
  'JSON.stringify du dossier',
  time(() => {
    for (const record of records) JSON.stringify(record);
  }),
);

const incoming = records.map((record) => ({
  record,
  officeCode: officeForRegion(record.applicant.region) ?? 'LOM',
  dueDate: calendar.addWorkingDays(
    isoDateOf(new Date(record.submittedAt)),
    catalog.get(record.procedureCode)?.slaWorkingDays ?? 10,
  ),
}));

// --- database variants ---
type Variant = { name: string; prepare?: (db: Database.Database) => void; batch?: boolean };
const dropIndex = (name: string): Variant => ({
  batch: true,
  name: `sans index ${name}`,
  prepare: (db) => db.exec(`DROP INDEX ${name}`),
});
const SECONDARY = [
  'applications_by_due',
  'applications_by_deadline',
  'applications_by_status',
  'applications_by_assignee',
  'applications_by_office',
  'applications_by_submitted',
  'applications_by_applicant',
  'applications_by_procedure',
  'applications_by_region',
  'applications_by_open_submitted',
  'applications_by_region_submitted',
  'applications_by_office_submitted',
];
const variants: Variant[] = [
  { name: 'complet, un enregistrement à la fois' },
  { name: 'complet (lot)', batch: true },
  {
    batch: true,
    name: 'sans index de recherche (FTS)',
    // An empty stand-in for migration 006's view: the repository then indexes nothing.
    prepare: (db) =>
      db.exec(`CREATE TEMP VIEW inbox_search_source (case_rowid, reference, applicant_name,
        company_name, nif, rccm, phone, phone_digits, email, name_joined)
        AS SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 WHERE 0`),
  },
  {
    batch: true,
    name: 'sans déclencheurs de comptage',
    prepare: (db) =>
      db.exec(
        'DROP TRIGGER IF EXISTS applications_tally_insert; DROP TRIGGER IF EXISTS applications_tally_update',
      ),
  },
  {
    batch: true,
    name: 'sans les totaux du tableau de bord (029)',
    prepare: (db) =>
      db.exec(
        'DROP TRIGGER dashboard_tally_insert; DROP TRIGGER dashboard_tally_update; DROP TRIGGER dashboard_tally_delete',
      ),
  },
  {
    batch: true,
    name: 'sans les 12 index secondaires',
    prepare: (db) => db.exec(SECONDARY.map((name) => `DROP INDEX ${name};`).join('')),
  },
  {
    batch: true,
    name: 'sans documents ni historique',
    prepare: (db) =>
      db.exec(`CREATE TEMP TRIGGER skip_docs BEFORE INSERT ON documents BEGIN SELECT RAISE(IGNORE); END;
        CREATE TEMP TRIGGER skip_history BEFORE INSERT ON history_events BEGIN SELECT RAISE(IGNORE); END;`),
  },
  ...SECONDARY.map(dropIndex),
  {
    batch: true,
    name: 'index partiels (attribués ; ouverts par bureau)',
    prepare: (db) =>
      db.exec(`DROP INDEX applications_by_assignee; DROP INDEX applications_by_office;
        CREATE INDEX applications_by_assignee ON applications (assignee_id, is_open, due_date, id)
          WHERE assignee_id IS NOT NULL;
        CREATE INDEX applications_by_office ON applications (office_code, is_open, assignee_id, due_date, id)
          WHERE is_open = 1;`),
  },
  {
    batch: true,
    name: 'sans checkpoint automatique',
    prepare: (db) => db.pragma('wal_autocheckpoint = 0'),
  },
];

function ingest(variant: Variant): number {
  const dir = mkdtempSync(join(tmpdir(), 'bureau-steps-'));
  const db = openDatabase(join(dir, 'bureau.sqlite'));
  variant.prepare?.(db);
  const repository = createApplicationsRepository(db);
  const batchUpsert = (repository as { upsertManyFromPortal?: unknown }).upsertManyFromPortal as
    ((items: typeof incoming, now: string) => unknown) | undefined;
  let ms = 0;
  for (let start = 0; start < incoming.length; start += TXN) {
    const slice = incoming.slice(start, start + TXN);
    ms += time(() =>
      db.transaction(() => {
        if (variant.batch && batchUpsert) batchUpsert(slice, now);
        else for (const item of slice) repository.upsertFromPortal(item, now);
      })(),
    );
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** The whole pull path (decode, validate, place, upsert, time-sliced transactions, cursor). */
async function pullPath(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bureau-steps-'));
  const db = openDatabase(join(dir, 'bureau.sqlite'));
  for (const pragma of process.env.STEPS_PRAGMAS?.split(';').filter(Boolean) ?? [])
    db.pragma(pragma);
  const path = createPullPath({
    db,
    catalog,
    calendar,
    applications: createApplicationsRepository(db),
    now: NOW,
  });
  let ms = 0;
  for (let start = 0; start < records.length; start += 2_000) {
    ms += await path.pull(records.slice(start, start + 2_000));
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}
if (!ONLY || ONLY.includes('pull'))
  report('chemin de pull complet (pages de 200)', await pullPath());

for (const variant of variants) {
  if (ONLY && !ONLY.some((name) => variant.name.includes(name))) continue;
  report(`écriture ${TXN}/txn — ${variant.name}`, ingest(variant));
}

console.log(`\n| étape (${SIZE.toLocaleString('fr-FR')} dossiers) | débit |`);
console.log('|---|---:|');
for (const [label, value] of rows) console.log(`| ${label} | ${value} |`);
