import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { startOffice, type Office } from '../support/office';
import { approvableCases, createAccount, deskApi, enrollOffice } from '../support/officeDesks';

/**
 * The portal arbitrates who holds a case and whether a decision still applies (design multi-desk
 * §3.7–3.8, steps 8–9), three desks on one simulator: simultaneous claims on two desks end with
 * one holder that every desk names with its time; a decision taken offline on a case that changed
 * meanwhile (a colleague asked the applicant for documents) becomes a conflict shown to a person,
 * never a silent double decision.
 */

let office: Office;
let admin: CurrentUser;
const people: Record<string, CurrentUser> = {};
const desk = (index: number): Core => office.desks[index]!.core;
let cases: string[] = [];
let next = 0;

const statusOn = (index: number, id: string) =>
  desk(index).db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id);
const conflictOn = (index: number, id: string) =>
  desk(index).db.prepare('SELECT conflict_json FROM applications WHERE id = ?').pluck().get(id) as
    string | null;

beforeAll(async () => {
  office = await startOffice({ desks: 3, seed: 73, count: 90, training: false });
  admin = await enrollOffice(office);
  for (const [username, displayName, role] of [
    ['kossi.agbodjan', 'Kossi Agbodjan', 'agent'],
    ['afi.mensah', 'Afi Mensah', 'agent'],
  ] as const) {
    people[username] = await createAccount(desk(0), admin, username, displayName, role);
  }
  await office.syncAll();
  await office.syncAll();
  cases = approvableCases(desk(0)).filter((id) => statusOn(0, id) === 'submitted');
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('one holder per case, arbitrated by the portal', () => {
  it('two clerks claim the same case on two desks at once: exactly one holds it, on every desk', async () => {
    const id = cases[next++]!;
    const kossi = people['kossi.agbodjan']!;
    const afi = people['afi.mensah']!;
    // Both claim with their desks' links cut, so that both claims reach the portal afterwards.
    await office.offline(0);
    await office.offline(1);
    await deskApi(desk(0)).call('cases.claim', { id }, kossi);
    await deskApi(desk(1)).call('cases.claim', { id }, afi);
    office.desks[0]!.link.up();
    office.desks[1]!.link.up();
    await Promise.all([desk(0).sync.syncNow(), desk(1).sync.syncNow()]);
    await office.syncAll();
    await office.syncAll();

    const conflicts = [conflictOn(0, id), conflictOn(1, id)];
    expect(conflicts.filter((value) => value !== null)).toHaveLength(1);
    const loserIndex = conflicts[0] !== null ? 0 : 1;
    const winner = loserIndex === 0 ? afi : kossi;
    const loser = loserIndex === 0 ? kossi : afi;
    const sentence = JSON.parse(conflicts[loserIndex]!).message as string;
    expect(sentence).toMatch(
      new RegExp(
        `^Dossier pris en charge par ${winner.displayName} jusqu'à \\d{2}:\\d{2}\\. Votre action n'a pas été appliquée`,
      ),
    );
    // Every desk shows the same holder and the same end of the lease.
    const claims = await Promise.all(
      [0, 1, 2].map(
        async (index) =>
          (await deskApi(desk(index)).call('cases.get', { id }, admin)).review.workflow.claim,
      ),
    );
    for (const claim of claims) {
      expect(claim?.holder.displayName).toBe(winner.displayName);
      expect(claim?.expiresAt).toBe(claims[0]?.expiresAt);
    }
    // Desk 3 names the holder and refuses the other clerk's claim with the same words.
    const refused = await deskApi(desk(2)).dispatch('cases.claim', { id }, loser);
    expect(refused).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(
        new RegExp(
          `^Ce dossier est déjà pris en charge par ${winner.displayName} jusqu'à \\d{2}:\\d{2}\\.$`,
        ),
      );
    }
  });

  it('an offline rejection over a colleague’s request for documents ends in a conflict, not a double decision', async () => {
    const id = cases[next++]!;
    const kossi = people['kossi.agbodjan']!;
    const afi = people['afi.mensah']!;
    const procedureCode = desk(0)
      .db.prepare('SELECT procedure_code FROM applications WHERE id = ?')
      .pluck()
      .get(id) as string;
    const procedure = desk(0).catalog.get(procedureCode)!;

    // Desk 2 is offline: Afi claims and rejects there.
    await office.offline(1);
    await deskApi(desk(1)).call('cases.claim', { id }, afi);
    await deskApi(desk(1)).call(
      'cases.reject',
      { id, reasonCodes: [procedure.rejectReasons[0]!.code], comment: 'Pièces illisibles.' },
      afi,
    );
    expect(statusOn(1, id)).toBe('rejected');

    // Meanwhile, online on desk 1, Kossi asks the applicant for a document.
    await deskApi(desk(0)).call('cases.claim', { id }, kossi);
    await deskApi(desk(0)).call(
      'cases.requestInfo',
      {
        id,
        missingDocuments: [procedure.documents[0]!.code],
        message: 'Merci de joindre la facture.',
      },
      kossi,
    );
    await desk(0).sync.syncNow();
    // Kossi's claim lapses before desk 2 comes back (4 hours without activity).
    office.clock.advance(241 * 60_000);

    await office.online(1);
    await office.syncAll();
    await office.syncAll();

    // The portal kept the request for documents; desk 2 shows a conflict with what to do.
    expect(statusOn(0, id)).toBe('info_requested');
    const conflict = conflictOn(1, id);
    expect(conflict).not.toBeNull();
    expect(JSON.parse(conflict!).message).toMatch(
      /Kossi Agbodjan a demandé un complément.*Gardez la version du portail, ou gardez votre version/,
    );
    // Afi keeps the portal's version: the case is waiting for the applicant again on desk 2.
    await deskApi(desk(1)).call('cases.resolveConflict', { id, keep: 'portal' }, afi);
    expect(statusOn(1, id)).toBe('info_requested');
    expect(conflictOn(1, id)).toBeNull();
  });
});
