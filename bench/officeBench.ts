/**
 * One office, many desks (issue 15): what being enrolled costs a desk, side by side with a desk
 * alone on the same simulator and machine, as ratios (the build machine is shared and noisy).
 *   BENCH_ONLY=office npm run bench      (or npx tsx bench/officeBench.ts)
 *   BENCH_OFFICE_ACCOUNTS=200 accounts in the office directory, BENCH_OFFICE_RUNS=40 timed runs
 * Figures: an idle sync round (nothing new) alone vs enrolled (directory, registry, refill checks
 * and the status report on top); a certificate issued with counters vs from a block; a new desk's
 * join until its directory has every account; the first desk's enrollment with its accounts; a
 * claim on one desk until another desk names the holder (the long-poll doorbell, real time).
 * Printed and written as JSON under bench/results/; never part of the default run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../src/main/core/createCore';
import type { CurrentUser } from '../src/shared/api/types';
import { startOffice } from '../tests/support/office';
import {
  approvableCases,
  approveOn,
  deskApi,
  firstAdministrator,
} from '../tests/support/officeDesks';
import { measure, timing, type Timing } from './measure';

const ACCOUNTS = Number(process.env.BENCH_OFFICE_ACCOUNTS ?? 200);
const RUNS = Number(process.env.BENCH_OFFICE_RUNS ?? 40);
const PROPAGATION_CLAIMS = Number(process.env.BENCH_OFFICE_CLAIMS ?? 40);
const root = join(import.meta.dirname, '..');

const ms = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (a: Timing, b: Timing) => (b.p50 / a.p50).toFixed(2);

async function createAccounts(
  core: Core,
  admin: CurrentUser,
  count: number,
  officeCode = 'LOM',
): Promise<CurrentUser> {
  let clerk: CurrentUser | null = null;
  for (let index = 0; index < count; index++) {
    const account = await deskApi(core).call(
      'admin.users.create',
      {
        username: `${officeCode.toLowerCase()}.agent.${String(index).padStart(4, '0')}`,
        displayName: `Agent ${index}`,
        role: 'agent',
        officeCode,
        procedureCodes: null,
        temporaryPassword: 'mot de passe provisoire 1',
      },
      admin,
    );
    clerk ??= { ...account, officeCode };
  }
  return clerk!;
}

async function issueTimes(core: Core, clerk: CurrentUser, ids: string[]): Promise<Timing> {
  for (const id of ids) await approveOn(core, clerk, id);
  const times: number[] = [];
  for (const id of ids) {
    const started = performance.now();
    await deskApi(core).call('certificates.issue', { caseId: id }, clerk);
    times.push(performance.now() - started);
  }
  return timing(times.slice(3));
}

export async function runOfficeBench() {
  // Desk 1 alone (never enrolled); desk 2 becomes the office's first desk; desk 3 joins later.
  const office = await startOffice({ desks: 3, seed: 83, count: 400, training: false });
  try {
    const alone = office.desks[0]!.core;
    const first = office.desks[1]!.core;
    const joining = office.desks[2]!.core;
    const aloneAdmin = await firstAdministrator(alone, 'KAR');
    const admin = await firstAdministrator(first);
    const aloneClerk = await createAccounts(alone, aloneAdmin, ACCOUNTS, 'KAR');
    const firstAccountsMade = performance.now();
    // The first desk publishes its accounts when it enrolls: made here, before, as on a real desk.
    const clerk = await createAccounts(first, admin, ACCOUNTS);
    const madeMs = performance.now() - firstAccountsMade;

    const enrollStarted = performance.now();
    await deskApi(first).call('office.enrollFirst', { label: 'Guichet 1' }, admin);
    await first.sync.syncNow();
    const enrollMs = performance.now() - enrollStarted;
    await office.syncAll();

    const idleAlone = await measure(RUNS, () => alone.sync.syncNow());
    const idleEnrolled = await measure(RUNS, () => first.sync.syncNow());

    const { code } = await deskApi(first).call('office.issueCode', { label: 'Guichet 3' }, admin);
    const joinStarted = performance.now();
    await deskApi(joining).call('office.join', { officeCode: 'LOM', code, label: 'Guichet 3' });
    await joining.sync.syncNow();
    const joinMs = performance.now() - joinStarted;
    const joinedAccounts = joining.db.prepare('SELECT count(*) FROM users').pluck().get() as number;

    const lom = approvableCases(first);
    const kar = alone.db
      .prepare(
        `SELECT id FROM applications WHERE office_code = 'KAR' AND status = 'submitted'
            AND procedure_code IN ('COM-CO', 'COM-IMPEX', 'ART-APP', 'ART-CFA', 'ART-CP', 'ART-DIP')
          ORDER BY id`,
      )
      .pluck()
      .all() as string[];
    const count = Math.min(23, lom.length, kar.length);
    const issueAlone = await issueTimes(alone, aloneClerk, kar.slice(0, count));
    const issueEnrolled = await issueTimes(first, clerk, lom.slice(0, count));

    // Propagation: a claim on the first desk, until the joined desk names its holder (doorbell).
    first.sync.start(3_600_000);
    joining.sync.start(3_600_000);
    const propagation: number[] = [];
    // What the clerk waits for after « Prendre en charge »: the portal's answer (portal-first).
    const answered: number[] = [];
    const lease = joining.db
      .prepare('SELECT holder_id FROM case_leases WHERE application_id = ?')
      .pluck();
    for (const id of lom.slice(count, count + PROPAGATION_CLAIMS)) {
      const started = performance.now();
      await deskApi(first).call('cases.claim', { id }, clerk);
      answered.push(performance.now() - started);
      while (lease.get(id) !== clerk.id) {
        if (performance.now() - started > 30_000) throw new Error(`${id}: not propagated in 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      propagation.push(performance.now() - started);
    }
    const propagated = timing(propagation);
    // The same button on a desk alone: written and queued, the portal told afterwards.
    const queued: number[] = [];
    for (const id of kar.slice(count, count + PROPAGATION_CLAIMS)) {
      const started = performance.now();
      await deskApi(alone).call('cases.claim', { id }, aloneClerk);
      queued.push(performance.now() - started);
    }
    const claimAlone = timing(queued);
    const claimFirst = timing(answered);

    const result = {
      accounts: ACCOUNTS,
      runs: RUNS,
      accountsCreatedOnEnrolledDeskMsEach: madeMs / ACCOUNTS,
      enrollFirstWithAccountsMs: enrollMs,
      joinUntilDirectoryMs: joinMs,
      joinedAccounts,
      idleSync: { alone: idleAlone, enrolled: idleEnrolled, ratio: ratio(idleAlone, idleEnrolled) },
      issue: {
        count,
        alone: issueAlone,
        enrolled: issueEnrolled,
        ratio: ratio(issueAlone, issueEnrolled),
      },
      propagation: { claims: propagation.length, ...propagated, max: Math.max(...propagation) },
      claimAnswered: {
        alone: claimAlone,
        portalFirst: claimFirst,
        ratio: ratio(claimAlone, claimFirst),
      },
    };
    console.log(`Bureau — one office, many desks (${ACCOUNTS} accounts, ${RUNS} runs)`);
    console.log(
      `  first desk's enrollment with its accounts, then its first sync: ${ms(enrollMs)}`,
    );
    console.log(`  join until the directory is here (${joinedAccounts} accounts): ${ms(joinMs)}`);
    console.log(
      `  idle sync round  alone p50 ${ms(idleAlone.p50)} p95 ${ms(idleAlone.p95)} | enrolled p50 ${ms(idleEnrolled.p50)} p95 ${ms(idleEnrolled.p95)} | ×${result.idleSync.ratio}`,
    );
    console.log(
      `  certificate issue alone p50 ${ms(issueAlone.p50)} p95 ${ms(issueAlone.p95)} | enrolled p50 ${ms(issueEnrolled.p50)} p95 ${ms(issueEnrolled.p95)} | ×${result.issue.ratio} (${count - 3} timed)`,
    );
    console.log(
      `  claim on desk 1 → holder shown on desk 3 (doorbell), ${propagation.length} claims: p50 ${ms(propagated.p50)} p95 ${ms(propagated.p95)} max ${ms(Math.max(...propagation))}`,
    );
    console.log(
      `  « Prendre en charge » until answered  alone (queued) p50 ${ms(claimAlone.p50)} p95 ${ms(claimAlone.p95)} | enrolled (portal first) p50 ${ms(claimFirst.p50)} p95 ${ms(claimFirst.p95)} | ×${result.claimAnswered.ratio}`,
    );
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(
      root,
      'bench/results',
      `office-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  → ${file}`);
  } finally {
    await office.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runOfficeBench();
