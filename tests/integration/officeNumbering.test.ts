import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { openCoreOn } from '../support/fakeClockBureau';
import { startOffice, type Office } from '../support/office';
import {
  approvableCases,
  approveOn,
  createAccount,
  deskApi,
  enrollOffice,
} from '../support/officeDesks';
import { tempDir } from '../support/testBureau';

/**
 * The end of a desk's numbers (design multi-desk §4.3–4.4, step 6), with blocks of 3 so that the
 * end comes quickly: offline, a desk issues what its blocks hold, then the issue is refused in
 * French and the case stays approved; back online, the blocks are refilled and the certificate
 * is issued. A database restored from an older copy never issues a number again.
 */

let office: Office;
let admin: CurrentUser;
let clerk: CurrentUser;
const core = (): Core => office.desks[0]!.core;
let procedure = '';
let cases: string[] = [];

async function issue(id: string) {
  await approveOn(core(), clerk, id);
  return deskApi(core()).dispatch('certificates.issue', { caseId: id }, clerk);
}

beforeAll(async () => {
  office = await startOffice({
    desks: 1,
    seed: 67,
    count: 160,
    training: false,
    portalLimits: { blockSize: 3 },
  });
  admin = await enrollOffice(office);
  clerk = await createAccount(core(), admin, 'kossi.agbodjan', 'Kossi Agbodjan');
  await office.syncAll();
  // The procedure with the most cases to issue.
  const byProcedure = new Map<string, string[]>();
  for (const id of approvableCases(core())) {
    const code = core()
      .db.prepare('SELECT procedure_code FROM applications WHERE id = ?')
      .pluck()
      .get(id) as string;
    byProcedure.set(code, [...(byProcedure.get(code) ?? []), id]);
  }
  [procedure, cases] = [...byProcedure.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('the end of a desk’s numbers', () => {
  it('offline, issues what its blocks hold, then refuses in French; online, refills and issues', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    await office.offline(0);
    const numbers: string[] = [];
    for (const id of cases.slice(0, 6)) {
      const result = await issue(id);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) numbers.push(result.value.number);
    }
    const seventh = cases[6]!;
    const refused = await issue(seventh);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unavailable');
      expect(refused.error.message).toMatch(
        /^Plus aucun numéro de certificat [A-Z]+ 2026 n'est réservé pour ce poste : le certificat sera délivré dès que le poste aura joint le portail\. Le dossier reste approuvé\.$/,
      );
    }
    expect(
      core().db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(seventh),
    ).toBe('approved');

    await office.online(0);
    await office.syncAll();
    const later = await deskApi(core()).call('certificates.issue', { caseId: seventh }, clerk);
    numbers.push(later.number);
    expect(new Set(numbers).size).toBe(7);
    expect(numbers.every((number) => /-2026-LOM-5\d{5}$/.test(number))).toBe(true);
    expect(procedure).not.toBe('');
  });

  it('a database restored from an older copy never issues a number again', async () => {
    const copy = join(tempDir('bureau-older-copy-'), 'bureau.sqlite');
    await core().db.backup(copy);
    const after: string[] = [];
    for (const id of cases.slice(7, 9)) {
      const result = await issue(id);
      if (!result.ok) throw new Error(result.error.message);
      after.push(result.value.number);
    }
    // The restore: the older database comes back, the PDFs issued since stay on disk.
    const dataDir = office.desks[0]!.dataDir;
    await core().close();
    for (const suffix of ['-wal', '-shm'])
      rmSync(join(dataDir, `bureau.sqlite${suffix}`), { force: true });
    copyFileSync(copy, join(dataDir, 'bureau.sqlite'));
    const restored = openCoreOn(office.clock, {
      dataDir,
      portalUrl: office.desks[0]!.link.url,
      training: false,
    });
    try {
      const again = await (async () => {
        await approveOn(restored, clerk, cases[9]!);
        return deskApi(restored).call('certificates.issue', { caseId: cases[9]! }, clerk);
      })();
      expect(after).not.toContain(again.number);
      const seqOf = (number: string) => Number(number.slice(-6));
      expect(seqOf(again.number)).toBeGreaterThan(Math.max(...after.map(seqOf)));
    } finally {
      await restored.close();
    }
  });
});
