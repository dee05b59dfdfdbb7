/**
 * Builds `tests/fixtures/single-desk-016/`: the cache of a real (non-training) single-desk office
 * made by the code of migration 016, before any multi-desk change. Later migrations (017 onwards,
 * docs/design/multi-desk.md §5 and §9 step 3) are tested on a copy of it: an existing cache must
 * become the first desk of its office with every account, certificate, counter and key intact.
 *
 *   npx tsx scripts/make-single-desk-fixture.ts
 *
 * Everything goes through today's API on a seeded simulator and a fake clock, so a rebuild gives
 * the same usernames, cases, dates, certificate numbers and counters. What today's code draws at
 * random still differs between builds: the created accounts' ids (and every row naming them),
 * certificate ids, the signing key (its id, the signatures, the PDFs' bytes) and password salts.
 */
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createCore, type Core } from '../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../src/shared/api/contract';
import type { CurrentUser } from '../src/shared/api/types';
import { createFakeClock } from '../tests/support/fakeClock';
import { PORTAL_TOKEN, startSimulatorOn } from '../tests/support/fakeClockBureau';
import { repoRoot, resourcesDir, tempDir } from '../tests/support/testBureau';

export const FIXTURE_DIR = join(repoRoot, 'tests', 'fixtures', 'single-desk-016');
/** The latest migration of the code this fixture stands for. */
const FIXTURE_MIGRATION = 16;
const SEED = 16;
const CASES = 30;
const START = '2026-11-23T08:00:00.000Z'; // a Monday
const OFFICE = 'LOM';
const NUMBERING_CODE = 'LOMB';
/** Per procedure, how many certificates; three procedures, one of them with supervisor sign-off. */
const WANTED = 3;
const PER_PROCEDURE = 2;

const ACCOUNTS = [
  { username: 'kossi.mensah', displayName: 'Kossi Mensah', role: 'agent' },
  { username: 'essowe.bamana', displayName: 'Essowé Bamana', role: 'agent' },
  { username: 'ablavi.adjo', displayName: 'Ablavi Adjo', role: 'superviseur' },
  { username: 'yawo.kodjo', displayName: 'Yawo Kodjo', role: 'superviseur' },
] as const;

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
  user: CurrentUser | null,
): Promise<MethodOutput<M>> {
  const context = user ? { user } : core.contextFor('setup');
  const result = await core.dispatch(method, input, context);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/**
 * Waits until every attachment is on disk before the clock moves, so that no download watchdog
 * fires on the fake time and the fixture holds every file, whatever the machine's speed.
 */
async function documentsDownloaded(core: Core): Promise<void> {
  const notReady = core.db.prepare("SELECT count(*) FROM documents WHERE state <> 'ready'").pluck();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await core.sync.documentsIdle();
    if ((notReady.get() as number) === 0) return;
    if (Date.now() > deadline) throw new Error('attachments still not downloaded after 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

async function main(): Promise<void> {
  const clock = createFakeClock(START);
  const simulator = await startSimulatorOn(clock, { seed: SEED, count: CASES });
  const dataDir = tempDir('bureau-single-desk-fixture-');
  const core = createCore({
    dataDir,
    resourcesDir,
    portal: { url: simulator.url, token: PORTAL_TOKEN, timeoutMs: 5_000 },
    trainingMode: false,
    log: () => {},
    clock,
  });
  try {
    const pulled = await core.sync.syncNow();
    if (pulled.phase !== 'idle') throw new Error(`first sync ended in ${pulled.phase}`);
    await documentsDownloaded(core);

    // — Five accounts: the first administrator, then four through the administration API —
    const first = await call(
      core,
      'session.createFirstAdministrator',
      {
        username: 'afi.amegah',
        displayName: 'Afi Amegah',
        officeCode: OFFICE,
        password: 'une longue phrase de passe',
      },
      null,
    );
    if (first.status !== 'active') throw new Error(`first administrator: ${first.status}`);
    const admin = first.user;
    const people: Record<string, CurrentUser> = {};
    for (const account of ACCOUNTS) {
      const created = await call(
        core,
        'admin.users.create',
        {
          ...account,
          officeCode: OFFICE,
          procedureCodes: null,
          temporaryPassword: `provisoire ${account.username}`,
        },
        admin,
      );
      const user = core.contextOf(created.id).user;
      if (!user) throw new Error(`account ${account.username} not found after creation`);
      people[account.username] = user;
    }

    // — Office settings: the numbering code of the certificates —
    const office = await call(core, 'admin.office.get', {}, admin);
    await call(
      core,
      'admin.office.update',
      {
        name: office.name,
        region: office.region,
        numberingCode: NUMBERING_CODE,
        opensAt: office.opensAt,
        closesAt: office.closesAt,
        lockAfterMinutes: office.lockAfterMinutes,
      },
      admin,
    );

    // — Certificates of three procedures: claim, checklist, approve (sign-off), issue —
    const agent = people['kossi.mensah']!;
    const supervisor = people['ablavi.adjo']!;
    const byProcedure = core.db
      .prepare(
        `SELECT procedure_code AS code, COUNT(*) AS n FROM applications
          WHERE office_code = ? AND status = 'submitted'
          GROUP BY procedure_code HAVING n >= ? ORDER BY n DESC, procedure_code`,
      )
      .all(OFFICE, PER_PROCEDURE) as { code: string; n: number }[];
    const chosen = byProcedure.slice(0, WANTED).map((row) => row.code);
    if (chosen.length < WANTED) {
      throw new Error(`only ${chosen.length} procedures with submitted ${OFFICE} cases`);
    }
    const issued: string[] = [];
    for (const code of chosen) {
      const ids = core.db
        .prepare(
          `SELECT id FROM applications WHERE procedure_code = ? AND office_code = ?
             AND status = 'submitted' ORDER BY id LIMIT ?`,
        )
        .pluck()
        .all(code, OFFICE, PER_PROCEDURE) as string[];
      for (const id of ids) {
        clock.advanceMinutes(7);
        await call(core, 'cases.claim', { id }, agent);
        for (const item of core.catalog.get(code)!.checklist) {
          await call(core, 'cases.tickChecklist', { id, itemId: item.id, checked: true }, agent);
        }
        const detail = await call(core, 'cases.approve', { id }, agent);
        if (detail.row.status === 'pending_signoff') {
          await call(core, 'cases.signOff', { id, decision: 'approve' }, supervisor);
        }
        const certificate = await call(core, 'certificates.issue', { caseId: id }, agent);
        issued.push(certificate.number);
      }
    }
    // What the approvals and issues queued reaches the portal, as a working office's would.
    await core.sync.syncNow();
    await documentsDownloaded(core);

    const counters = core.db.prepare('SELECT * FROM certificate_counters').all();
    const migration = core.db.pragma('user_version', { simple: true });
    if (migration !== FIXTURE_MIGRATION) {
      throw new Error(
        `this code is at migration ${String(migration)}: the fixture is the cache of migration ${FIXTURE_MIGRATION} and must not be rebuilt with later code`,
      );
    }
    console.log(`certificates: ${issued.join(', ')}`);
    console.log(`counters: ${JSON.stringify(counters)}`);
    console.log(`user_version: ${String(migration)}`);
  } finally {
    await core.close();
    await simulator.close();
  }

  // Folds the WAL into the main file so that the fixture is one self-contained database.
  const db = new Database(join(dataDir, 'bureau.sqlite'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.exec('VACUUM');
  db.close();

  rmSync(join(FIXTURE_DIR, 'data'), { recursive: true, force: true });
  mkdirSync(join(FIXTURE_DIR, 'data'), { recursive: true });
  // The whole data folder but the backups (none are made): the database, the office's signing key,
  // the issued PDFs and the downloaded attachments (whose path Bureau rebuilds from their SHA-256).
  const kept = ['bureau.sqlite', 'keys', 'certificates', 'documents'];
  for (const name of kept) {
    const from = join(dataDir, name);
    if (existsSync(from)) cpSync(from, join(FIXTURE_DIR, 'data', name), { recursive: true });
  }
  const left = listFiles(dataDir).filter((name) => !kept.some((k) => name.startsWith(k)));
  const leftByFolder = new Map<string, number>();
  for (const name of left) {
    const folder = name.split(/[/\\]/)[0]!;
    leftByFolder.set(folder, (leftByFolder.get(folder) ?? 0) + 1);
  }
  const summary = [...leftByFolder].map(([folder, n]) => `${folder} (${n} files)`).join(', ');
  console.log(`not kept: ${summary || 'nothing'}`);
  console.log(`written to ${relative(repoRoot, FIXTURE_DIR)}/data:`);
  for (const name of listFiles(join(FIXTURE_DIR, 'data'))) {
    if (!name.startsWith('documents')) console.log(`  ${name}`);
  }
  console.log(`  documents/ (${listFiles(join(FIXTURE_DIR, 'data', 'documents')).length} files)`);
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
