import Database from 'better-sqlite3';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { CurrentUser } from '../../src/shared/api/types';
import { createFakeClock } from '../support/fakeClock';
import { repoRoot, resourcesDir, tempDir } from '../support/testBureau';

/**
 * The single-desk cache of tests/fixtures/single-desk-016 (built by
 * scripts/make-single-desk-fixture.ts) opens with today's code, on a copy: its accounts, its
 * certificates numbered with the office's code `LOMB`, and its signing key are all there and
 * usable. The multi-desk migrations (017 onwards) are tested on this same fixture.
 */

const FIXTURE = join(repoRoot, 'tests', 'fixtures', 'single-desk-016', 'data');

/** The latest migration of the code that built the fixture. */
const FIXTURE_MIGRATION = 16;

describe('the single-desk fixture (migration 016)', () => {
  let dataDir: string;
  let core: Core;
  let admin: CurrentUser;

  const call = async <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    user: CurrentUser = admin,
  ): Promise<MethodOutput<M>> => {
    const result = await core.dispatch(method, input, { user });
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };

  beforeAll(() => {
    const stored = new Database(join(FIXTURE, 'bureau.sqlite'), { readonly: true });
    try {
      expect(stored.pragma('user_version', { simple: true })).toBe(FIXTURE_MIGRATION);
    } finally {
      stored.close();
    }
    dataDir = tempDir('bureau-single-desk-fixture-copy-');
    cpSync(FIXTURE, dataDir, { recursive: true });
    core = createCore({
      dataDir,
      resourcesDir,
      // Never synced here: the address only has to be configured, as on a real desk.
      portal: { url: 'http://127.0.0.1:9', token: 'test-portal-token', timeoutMs: 1_000 },
      trainingMode: false,
      log: () => {},
      clock: createFakeClock('2026-11-25T09:00:00.000Z'),
    });
    const adminId = core.db
      .prepare("SELECT id FROM users WHERE role = 'administrateur' ORDER BY id LIMIT 1")
      .pluck()
      .get() as string;
    admin = core.contextOf(adminId).user!;
  });

  afterAll(async () => {
    await core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens as a real office (not training) with its five accounts', async () => {
    // Today's code migrates it forward (a pre-migration backup first).
    expect(core.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(core.db.prepare('SELECT training FROM installation').pluck().get()).toBe(0);
    const accounts = await call('admin.users.list', {});
    expect(accounts.map((account) => account.username).sort()).toEqual([
      'ablavi.adjo',
      'afi.amegah',
      'essowe.bamana',
      'kossi.mensah',
      'yawo.kodjo',
    ]);
    expect(accounts.every((account) => account.active)).toBe(true);
    const office = await call('admin.office.get', {});
    expect(office.numberingCode).toBe('LOMB');
  });

  it('holds certificates of three procedures numbered with LOMB, and their counters', async () => {
    const page = await call('certificates.list', { search: '', cursor: null, limit: 50 });
    expect(page.rows).toHaveLength(6);
    for (const row of page.rows) {
      expect(row.number).toMatch(/^[A-Z]+-2026-LOMB-\d{6}$/);
      expect(row.status).toBe('valid');
    }
    expect(new Set(page.rows.map((row) => row.procedureCode)).size).toBe(3);
    const counters = core.db
      .prepare('SELECT procedure_code, last_seq FROM certificate_counters ORDER BY procedure_code')
      .all() as { procedure_code: string; last_seq: number }[];
    expect(counters).toHaveLength(3);
    expect(counters.every((counter) => counter.last_seq === 2)).toBe(true);
    // Each stored PDF came along intact (the file is checked against its SHA-256).
    for (const row of page.rows) {
      const file = await call('certificates.file', { id: row.id });
      expect(file).toBeTruthy();
    }
  });

  it('verifies one of its certificates with the office key it holds', async () => {
    const keys = await call('certificates.publicKeys', {});
    expect(keys).toHaveLength(1);
    expect(readdirSync(join(dataDir, 'keys'))).toEqual([`${keys[0]!.keyId}.pem`]);

    const row = core.db
      .prepare('SELECT number, qr_text FROM certificates ORDER BY number LIMIT 1')
      .get() as { number: string; qr_text: string };
    const verdict = await call('certificates.verify', { qrText: row.qr_text });
    expect(verdict.verdict).toBe('authentic');
    expect(verdict.facts?.number).toBe(row.number);
  });
});
