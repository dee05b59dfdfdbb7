import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { PORTAL_TOKEN } from '../support/fakeClockBureau';
import { startOffice, type Office } from '../support/office';
import {
  approvableCases,
  approveOn,
  createAccount,
  deskApi,
  enrollOffice,
} from '../support/officeDesks';
import { repoRoot, tempDir } from '../support/testBureau';

/**
 * Certificates of one office on three desks (design multi-desk §3.5–3.6, §4, §7; steps 5–7),
 * real SQLite and HTTP on one simulator: numbers come from blocks the portal reserves per desk,
 * so no two desks print the same number, even with two desks offline for a simulated week; every
 * desk verifies every other desk's certificate offline, and so does the command-line verifier
 * with a key bundle; a second certificate for the same application is refused by the portal,
 * cancelled on the desk that lost, and verifies as cancelled everywhere.
 */

let office: Office;
let admin: CurrentUser;
const clerks: CurrentUser[] = [];
const desk = (index: number): Core => office.desks[index]!.core;
let cases: string[] = [];
let nextCase = 0;
const issued: { desk: number; number: string; qrText: string }[] = [];

async function issueOn(index: number, id = cases[nextCase++]!, clerk = clerks[index]!) {
  const status = desk(index)
    .db.prepare('SELECT status FROM applications WHERE id = ?')
    .pluck()
    .get(id);
  if (status !== 'approved') await approveOn(desk(index), clerk, id);
  const certificate = await deskApi(desk(index)).call('certificates.issue', { caseId: id }, clerk);
  const qrText = desk(index)
    .db.prepare('SELECT qr_text FROM certificates WHERE number = ?')
    .pluck()
    .get(certificate.number) as string;
  issued.push({ desk: index, number: certificate.number, qrText });
  return certificate;
}

const verify = (index: number, qrText: string) =>
  deskApi(desk(index)).call('certificates.verify', { qrText }, clerks[index]!);

beforeAll(async () => {
  office = await startOffice({ desks: 3, seed: 61, count: 90, training: false });
  admin = await enrollOffice(office);
  for (const [index, username] of ['kossi.agbodjan', 'afi.mensah', 'yao.lawson'].entries()) {
    clerks[index] = await createAccount(desk(0), admin, username, username);
  }
  await office.syncAll();
  await office.syncAll();
  cases = approvableCases(desk(0));
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('certificates of one office on several desks', () => {
  it('each desk holds its own blocks from 500001 on, and they never overlap', () => {
    const ranges = [0, 1, 2].flatMap((index) =>
      (
        desk(index)
          .db.prepare(
            "SELECT procedure_code AS p, first_seq AS f, last_seq AS l FROM certificate_blocks WHERE procedure_code = 'COM-CO'",
          )
          .all() as { p: string; f: number; l: number }[]
      ).map((range) => ({ ...range, index })),
    );
    expect(ranges.length).toBeGreaterThanOrEqual(6);
    for (const range of ranges) expect(range.f).toBeGreaterThanOrEqual(500_001);
    for (const a of ranges) {
      for (const b of ranges) {
        if (a !== b) expect(a.l < b.f || b.l < a.f, JSON.stringify([a, b])).toBe(true);
      }
    }
  });

  it('certificates issued on three desks, two of them offline for a week, never share a number', async () => {
    await issueOn(0);
    await office.offline(1);
    await office.offline(2);
    for (let day = 0; day < 5; day++) {
      office.clock.advance(24 * 3600_000);
      await issueOn(1);
      await issueOn(2);
      await issueOn(0);
    }
    office.clock.advance(2 * 24 * 3600_000);
    await office.online(1);
    await office.online(2);
    await office.syncAll();
    await office.syncAll();

    const numbers = issued.map((item) => item.number);
    expect(numbers).toHaveLength(16);
    expect(new Set(numbers).size).toBe(16);
    for (const number of numbers) expect(number).toMatch(/^[A-Z]{2,4}-2026-LOM-5\d{5}$/);
    // The portal's registry has every one of them, each from the desk that issued it.
    for (const item of issued) {
      const response = await fetch(`${office.simulator.url}/api/v2/certificates/${item.number}`, {
        headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
      });
      expect(await response.json()).toMatchObject({
        number: item.number,
        status: 'valid',
        deskId: `LOM-0${item.desk + 1}`,
      });
    }
    // The portal registered every one of them: none was refused.
    for (const index of [0, 1, 2]) {
      const states = desk(index)
        .db.prepare('SELECT DISTINCT registry_state FROM certificates')
        .pluck()
        .all();
      expect(states, `desk ${index + 1}`).toEqual(['registered']);
    }
  });

  it('every desk verifies the others’ certificates with every link cut', async () => {
    for (const index of [0, 1, 2]) await office.offline(index);
    try {
      for (const item of issued) {
        for (const index of [0, 1, 2]) {
          const result = await verify(index, item.qrText);
          expect(result.verdict, `${item.number} on desk ${index + 1}`).toBe('authentic');
        }
      }
    } finally {
      for (const index of [0, 1, 2]) await office.online(index);
    }
  });

  it('the command-line verifier checks any desk’s certificate with a key bundle, offline', async () => {
    const bundle = await deskApi(desk(0)).call('certificates.keyBundle', {}, admin);
    expect(bundle.keys.map((key) => key.deskId).sort()).toEqual(['LOM-01', 'LOM-02', 'LOM-03']);
    const folder = tempDir('bureau-bundle-');
    try {
      const file = join(folder, 'bureau-cles.json');
      writeFileSync(file, JSON.stringify(bundle));
      const fromDesk3 = issued.find((item) => item.desk === 2)!;
      const run = spawnSync(
        'npx',
        ['tsx', join('scripts', 'verify-certificate.ts'), '--bundle', file, fromDesk3.qrText],
        {
          cwd: repoRoot,
          encoding: 'utf8',
        },
      );
      expect(run.stdout).toContain('Verdict : AUTHENTIQUE');
      expect(run.stdout).toMatch(/liste à jour au .+ 2026 \(poste LOM-01\)/);
      expect(run.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a second certificate for the same application is refused, cancelled on its desk, and verifies as cancelled', async () => {
    // Kossi approved the case online; then, offline on two desks, it was issued twice.
    const id = cases[nextCase++]!;
    const kossi = clerks[0]!;
    await approveOn(desk(0), kossi, id);
    await desk(0).sync.syncNow();
    await office.syncAll();
    await office.offline(0);
    await office.offline(1);
    const winner = await issueOn(0, id, kossi);
    const loser = await issueOn(1, id, kossi);
    await office.online(0);
    await office.online(1);
    await office.syncAll();
    await office.syncAll();

    const lost = desk(1)
      .db.prepare(
        'SELECT registry_state, cancelled_at, cancellation_json FROM certificates WHERE number = ?',
      )
      .get(loser.number) as {
      registry_state: string;
      cancelled_at: string | null;
      cancellation_json: string;
    };
    expect(lost.registry_state).toBe('refused');
    expect(lost.cancelled_at).not.toBeNull();
    expect(JSON.parse(lost.cancellation_json)).toMatchObject({
      code: 'certificate_exists',
      replacedBy: winner.number,
    });
    // The case on desk 2 is in conflict, with what to do in one French sentence.
    const conflict = await deskApi(desk(1)).call('cases.get', { id }, kossi);
    expect(JSON.stringify(conflict)).toContain(
      `Un autre poste a délivré ${winner.number} pour cette demande : votre certificat ${loser.number} est annulé.`,
    );
    // Listed, never deleted.
    const listed = await deskApi(desk(1)).call('certificates.forCase', { caseId: id }, kossi);
    expect(listed.find((item) => item.number === loser.number)?.status).toBe('cancelled');

    const qrText = issued.find((item) => item.number === loser.number)!.qrText;
    for (const index of [0, 1, 2]) {
      const result = await verify(index, qrText);
      expect(result.verdict, `desk ${index + 1}`).toBe('cancelled');
      expect(result.message).toContain(winner.number);
    }
    expect(
      (await verify(2, issued.find((item) => item.number === winner.number)!.qrText)).verdict,
    ).toBe('authentic');
  });

  it('a certificate whose approval lost the race is cancelled when the portal’s version is kept', async () => {
    const id = cases[nextCase++]!;
    await office.offline(0);
    await office.offline(1);
    const first = await issueOn(0, id);
    const second = await issueOn(1, id);
    await office.online(0);
    await desk(0).sync.syncNow();
    await office.online(1);
    await office.syncAll();
    expect(
      desk(1)
        .db.prepare('SELECT conflict_json IS NOT NULL FROM applications WHERE id = ?')
        .pluck()
        .get(id),
    ).toBe(1);
    await deskApi(desk(1)).call('cases.resolveConflict', { id, keep: 'portal' }, clerks[1]!);
    const listed = await deskApi(desk(1)).call('certificates.forCase', { caseId: id }, clerks[1]!);
    const mine = listed.find((item) => item.number === second.number);
    expect(mine?.status).toBe('cancelled');
    expect(mine?.cancellation?.code).toBe('issue_cancelled');
    expect(listed.find((item) => item.number === first.number)).toBeUndefined();
    expect(
      (await verify(1, issued.find((item) => item.number === second.number)!.qrText)).verdict,
    ).toBe('cancelled');
  });
});
