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
    // Offline, nobody holds the case on the portal: each claim is provisional, and said so.
    for (const [index, person] of [
      [0, kossi],
      [1, afi],
    ] as const) {
      const unsaid = await deskApi(desk(index)).dispatch('cases.claim', { id }, person);
      expect(unsaid).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
      if (!unsaid.ok) expect(unsaid.error.message).toMatch(/^Vous êtes hors ligne/);
      await deskApi(desk(index)).call('cases.claim', { id, provisional: true }, person);
    }
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
    await deskApi(desk(1)).call('cases.claim', { id, provisional: true }, afi);
    await deskApi(desk(1)).call(
      'cases.reject',
      {
        id,
        reasonCodes: [procedure.rejectReasons[0]!.code],
        comment: 'Pièces illisibles.',
        provisional: true,
      },
      afi,
    );
    // The case shows its actions as provisional until the portal answers.
    expect(
      desk(1)
        .db.prepare('SELECT kind, provisional FROM outbox WHERE application_id = ? ORDER BY id')
        .all(id),
    ).toEqual([
      { kind: 'case.claimed', provisional: 1 },
      { kind: 'decision.rejected', provisional: 1 },
    ]);
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

describe('claims asked of the portal first, check-out for offline work', () => {
  const outboxOf = (index: number, id: string) =>
    desk(index)
      .db.prepare(
        'SELECT kind, state, provisional FROM outbox WHERE application_id = ? ORDER BY id',
      )
      .all(id);
  const historyCount = (index: number, id: string) =>
    desk(index)
      .db.prepare('SELECT count(*) FROM history_events WHERE application_id = ?')
      .pluck()
      .get(id) as number;

  it('online, a claim is answered by the portal at once: the loser is told who holds it, nothing local changes', async () => {
    const id = cases[next++]!;
    const kossi = people['kossi.agbodjan']!;
    const afi = people['afi.mensah']!;
    // Desk 1 claims; desk 2 has not synced since, and still sees the case free.
    await deskApi(desk(0)).call('cases.claim', { id }, kossi);
    expect(outboxOf(0, id)).toEqual([{ kind: 'case.claimed', state: 'sent', provisional: 0 }]);
    const before = { history: historyCount(1, id), status: statusOn(1, id) };

    const refused = await deskApi(desk(1)).dispatch('cases.claim', { id }, afi);
    expect(refused).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(
        /^Dossier pris en charge par Kossi Agbodjan jusqu'à \d{2}:\d{2}\.$/,
      );
    }
    expect(outboxOf(1, id)).toEqual([]);
    expect({ history: historyCount(1, id), status: statusOn(1, id) }).toEqual(before);
    // The refusal brought the lease: desk 2 names the holder without a sync.
    const view = await deskApi(desk(1)).call('cases.get', { id }, afi);
    expect(view.review.workflow.claim?.holder.displayName).toBe('Kossi Agbodjan');
    expect(conflictOn(1, id)).toBeNull();
  });

  it('a clerk takes cases offline for days: offline decisions on them are not provisional and land without conflict', async () => {
    const kossi = people['kossi.agbodjan']!;
    const afi = people['afi.mensah']!;
    const [first, second] = [cases[next++]!, cases[next++]!];
    await office.syncAll();
    const taken = await deskApi(desk(0)).call(
      'cases.checkOut',
      { ids: [first, second], days: 7 },
      kossi,
    );
    expect(taken.refused).toEqual([]);
    expect(taken.checkedOut.map((item) => item.id)).toEqual([first, second]);
    const until = taken.checkedOut[0]!.until!;
    expect(Date.parse(until) - office.clock.now().getTime()).toBe(7 * 24 * 60 * 60_000);

    // Online on desk 2, Afi is told the case went offline with Kossi, and until when.
    const refused = await deskApi(desk(1)).dispatch('cases.claim', { id: first }, afi);
    if (refused.ok) throw new Error('claim of a checked-out case accepted');
    expect(refused.error.message).toMatch(
      /^Dossier emporté hors ligne par Kossi Agbodjan jusqu'au \d{2}\/\d{2} à \d{2}:\d{2}\.$/,
    );

    // After a sync, the other desks file the case under Kossi and say so in its history.
    await office.syncAll();
    for (const index of [1, 2]) {
      expect(
        desk(index)
          .db.prepare(
            `SELECT a.assignee_id AS assignee, h.details_json AS details
             FROM applications a JOIN history_events h ON h.application_id = a.id
             WHERE a.id = ? AND h.kind = 'checked_out'`,
          )
          .get(first),
      ).toMatchObject({ assignee: kossi.id, details: expect.stringContaining('"days":7') });
    }

    // Desk 1 loses its link for two days; Kossi decides without any provisional mark.
    await office.offline(0);
    office.clock.advance(2 * 24 * 60 * 60_000);
    const procedureOf = (id: string) =>
      desk(0).catalog.get(
        desk(0)
          .db.prepare('SELECT procedure_code FROM applications WHERE id = ?')
          .pluck()
          .get(id) as string,
      )!;
    const view = await deskApi(desk(0)).call('cases.get', { id: first }, kossi);
    expect(view.review.workflow.provisionalActions).toEqual([]);
    await deskApi(desk(0)).call(
      'cases.reject',
      {
        id: first,
        reasonCodes: [procedureOf(first).rejectReasons[0]!.code],
        comment: 'Hors délai.',
      },
      kossi,
    );
    // A case he does not hold asks for the provisional mark.
    const other = cases[next++]!;
    const unheld = await deskApi(desk(0)).call('cases.get', { id: other }, kossi);
    expect(unheld.review.workflow.provisionalActions).toContain('claim');
    // Offline, a check-out is refused with what to do.
    const offlineCheckOut = await deskApi(desk(0)).dispatch(
      'cases.checkOut',
      { ids: [other], days: 3 },
      kossi,
    );
    expect(offlineCheckOut).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    await office.online(0);
    await office.syncAll();
    await office.syncAll();
    expect(conflictOn(0, first)).toBeNull();
    expect(outboxOf(0, first).at(-1)).toEqual({
      kind: 'decision.rejected',
      state: 'sent',
      provisional: 0,
    });
    for (const index of [0, 1, 2]) expect(statusOn(index, first)).toBe('rejected');
    const portalEvent = office.simulator.events
      .list(first)
      .find((event) => event.kind === 'decision.rejected');
    expect(portalEvent?.v2?.provisional ?? null).toBeNull();
    // Every desk knows the other case is checked out, by whom and until when.
    for (const index of [0, 1, 2]) {
      expect(
        desk(index)
          .db.prepare(
            'SELECT holder_name, kind, expires_at FROM case_leases WHERE application_id = ?',
          )
          .get(second),
      ).toEqual({ holder_name: 'Kossi Agbodjan', kind: 'checkout', expires_at: until });
    }
  });

  it('a supervisor takes cases offline for a clerk; a clerk cannot for a colleague; not a case of another office', async () => {
    const afi = people['afi.mensah']!;
    const kossi = people['kossi.agbodjan']!;
    const supervisor = await createAccount(
      desk(0),
      admin,
      'edem.lawson',
      'Edem Lawson',
      'superviseur',
    );
    await office.syncAll();
    const id = cases[next++]!;
    const byClerk = await deskApi(desk(1)).dispatch(
      'cases.checkOut',
      { ids: [id], days: 2, forUserId: kossi.id },
      afi,
    );
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const forAfi = await deskApi(desk(2)).call(
      'cases.checkOut',
      { ids: [id], days: 14, forUserId: afi.id },
      supervisor,
    );
    expect(forAfi.checkedOut).toHaveLength(1);
    await office.syncAll();
    const seen = await deskApi(desk(1)).call('cases.get', { id }, afi);
    expect(seen.review.workflow.claim?.holder.displayName).toBe('Afi Mensah');

    // A case of another office is refused and nothing is sent for it.
    const elsewhere = desk(2)
      .db.prepare(
        "SELECT id FROM applications WHERE office_code != ? AND status = 'submitted' LIMIT 1",
      )
      .pluck()
      .get(supervisor.officeCode) as string;
    const sentBefore = office.simulator.events.list(elsewhere).length;
    const refused = await deskApi(desk(2)).call(
      'cases.checkOut',
      { ids: [elsewhere], days: 3 },
      supervisor,
    );
    expect(refused.checkedOut).toEqual([]);
    expect(refused.refused[0]?.reason).toMatch(/autre bureau/);
    expect(office.simulator.events.list(elsewhere)).toHaveLength(sentBefore);
  });
});
