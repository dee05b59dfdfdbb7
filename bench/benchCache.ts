import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplicationsRepository } from '../src/main/core/cases/applicationsRepository';
import { schedulerOf } from '../src/main/core/clock';
import { createCore } from '../src/main/core/createCore';
import { createWorkingCalendar } from '../src/shared/calendar/workingDays';
import { createPullPath } from './pullPath';
import { generateBatches, NOW } from './workload';

const resourcesDir = join(import.meta.dirname, '..', 'resources');

/**
 * A realistic cache of `size` cases in `dataDir/bureau.sqlite`, ingested through the real pull
 * path (as `npm run bench` does). Kept if it already exists: building 100k takes minutes.
 */
export async function buildBenchCache(dataDir: string, size: number): Promise<string> {
  const file = join(dataDir, 'bureau.sqlite');
  if (existsSync(file)) return file;
  const holidays = (
    JSON.parse(readFileSync(join(resourcesDir, 'calendar/togo-holidays.json'), 'utf8')) as {
      holidays: { date: string }[];
    }
  ).holidays.map((holiday) => holiday.date);
  const core = createCore({
    dataDir,
    resourcesDir,
    portal: { url: 'http://127.0.0.1:9', timeoutMs: 1_000 },
    trainingMode: true,
    clock: schedulerOf({ now: () => NOW }), // a fixed date, real timers
    log: () => {},
  });
  const pullPath = createPullPath({
    db: core.db,
    catalog: core.catalog,
    calendar: createWorkingCalendar(holidays),
    applications: createApplicationsRepository(core.db),
    now: NOW,
  });
  for (const records of generateBatches(size, 2_000, core.catalog.procedures)) {
    await pullPath.pull(records);
  }
  core.db.pragma('optimize');
  await core.close();
  return file;
}

/**
 * The bench's cache of `size` cases, shared by every entry that reads an existing cache (queries,
 * felt latency, linked records, and the base the stall and memory entries copy): built once, kept
 * in BENCH_CACHE_DIR (BENCH_QUERIES_CACHE_DIR, its former name, still read) between runs. A
 * million cases take the better part of an hour to build here. Entries open it with the core,
 * which migrates it in place to this tree's schema; an entry that changes data works on a copy.
 */
export async function sharedBenchCache(size: number): Promise<string> {
  const root =
    process.env.BENCH_CACHE_DIR ??
    process.env.BENCH_QUERIES_CACHE_DIR ??
    join(tmpdir(), 'bureau-bench-caches');
  const dataDir = join(root, String(size));
  mkdirSync(dataDir, { recursive: true });
  await buildBenchCache(dataDir, size);
  return dataDir;
}

/**
 * Copies a bench cache's directory for a desk to run on, without the backups a desk leaves
 * (a pre-migration backup of a million cases is another 5 GB).
 */
export function copyBenchCache(source: string, target: string): void {
  cpSync(source, target, {
    recursive: true,
    filter: (path) => !path.startsWith(join(source, 'backups')),
  });
}
