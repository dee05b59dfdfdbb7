/**
 * Certificate issuing throughput: certificates per second, each one numbered, signed (Ed25519
 * QR payload), rendered (PDFKit, embedded fonts, vector QR code), written durably with its
 * SHA-256 and queued for the portal — the whole `certificates.issue` call through the dispatcher,
 * one after the other as a clerk's bulk issue would run them, on a temporary core.
 *
 * Setup (untimed): `count` Lomé cases arrive from the portal already approved, through the real
 * pull path. Usage: `const { perSecond, count, avgKb } = await benchCertificates({ count: 200 })`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApplicationsRepository } from '../src/main/core/cases/applicationsRepository';
import { schedulerOf } from '../src/main/core/clock';
import { createCore } from '../src/main/core/createCore';
import { createWorkingCalendar } from '../src/shared/calendar/workingDays';
import { officeForRegion } from '../src/shared/domain/offices';
import { createPullPath } from './pullPath';
import { generateBatches, NOW } from './workload';

const root = join(import.meta.dirname, '..');
const resourcesDir = join(root, 'resources');

export interface CertificateBenchResult {
  perSecond: number;
  count: number;
  /** Average size of the stored PDFs, in KiB. */
  avgKb: number;
  /** Per-certificate latency of `certificates.issue`, in milliseconds. */
  p50Ms: number;
  p95Ms: number;
}

export async function benchCertificates(
  options: { count?: number; warmup?: number } = {},
): Promise<CertificateBenchResult> {
  const count = options.count ?? 200;
  const warmup = options.warmup ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'bureau-bench-certificates-'));
  let clock = NOW.getTime();
  const core = createCore({
    dataDir: dir,
    resourcesDir,
    portal: { url: 'http://127.0.0.1:9', timeoutMs: 1_000 },
    trainingMode: true,
    // A few milliseconds apart, like real issues (the list's keyset order uses the instant);
    // real timers.
    clock: schedulerOf({ now: () => new Date((clock += 7)) }),
    log: () => {},
  });
  try {
    const holidays = (
      JSON.parse(readFileSync(join(resourcesDir, 'calendar/togo-holidays.json'), 'utf8')) as {
        holidays: { date: string }[];
      }
    ).holidays.map((holiday) => holiday.date);
    const pullPath = createPullPath({
      db: core.db,
      catalog: core.catalog,
      calendar: createWorkingCalendar(holidays),
      applications: createApplicationsRepository(core.db),
      now: NOW,
    });
    // Approved on the portal, for the Lomé office (the desktop user's): ready to issue.
    const wanted = count + warmup;
    const ids: string[] = [];
    for (const records of generateBatches(wanted * 4, 500, core.catalog.procedures)) {
      const lome = records.filter((record) => officeForRegion(record.applicant.region) === 'LOM');
      for (const record of lome) record.status = 'approved';
      await pullPath.pull(lome);
      ids.push(...lome.map((record) => record.id));
      if (ids.length >= wanted) break;
    }
    if (ids.length < wanted) throw new Error(`only ${ids.length} approved cases for ${wanted}`);

    const context = core.contextOf();
    const issue = async (caseId: string) => {
      const result = await core.dispatch('certificates.issue', { caseId }, context);
      if (!result.ok) throw new Error(`certificates.issue: ${result.error.message}`);
      return result.value as { id: string; number: string };
    };
    for (const id of ids.slice(0, warmup)) await issue(id);

    const times: number[] = [];
    const issued: string[] = [];
    const begin = performance.now();
    for (const id of ids.slice(warmup, warmup + count)) {
      const start = performance.now();
      issued.push((await issue(id)).id);
      times.push(performance.now() - start);
    }
    const seconds = (performance.now() - begin) / 1000;

    const sizes = core.db
      .prepare(
        `SELECT size FROM certificates WHERE id IN (SELECT value FROM json_each(?)) AND file_state = 'stored'`,
      )
      .pluck()
      .all(JSON.stringify(issued)) as number[];
    if (sizes.length !== count) throw new Error(`${count - sizes.length} PDFs not stored`);
    const onDisk = core.db
      .prepare('SELECT year, number FROM certificates WHERE id = ?')
      .get(issued[0]) as { year: number; number: string };
    statSync(join(dir, 'certificates', String(onDisk.year), `${onDisk.number}.pdf`));
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    return {
      perSecond: count / seconds,
      count,
      avgKb: sizes.reduce((sum, size) => sum + size, 0) / sizes.length / 1024,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
    };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/certificates.ts [count]` runs it alone.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const result = await benchCertificates({ count: Number(process.argv[2] ?? 200) });
  console.log(
    `certificats : ${result.perSecond.toFixed(1)}/s sur ${result.count} (p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms), ${result.avgKb.toFixed(1)} Kio en moyenne`,
  );
}
