import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { startOffice, type Office } from '../support/office';
import { approvableCases, createAccount, deskApi, enrollOffice } from '../support/officeDesks';

/**
 * Work shared through the portal (design multi-desk §3.9, step 10), three desks on one simulator:
 * a supervisor's assignment on desk 1 puts the case in the clerk's « Mes dossiers » on desk 2 and
 * rings their bell; a note written on desk 1 is read on desk 3; history lines say which desk; a
 * replayed activity page writes nothing twice.
 */

let office: Office;
let admin: CurrentUser;
let supervisor: CurrentUser;
let clerk: CurrentUser;
let secondSupervisor: CurrentUser;
const desk = (index: number): Core => office.desks[index]!.core;

const account = (username: string, displayName: string, role: 'agent' | 'superviseur') =>
  createAccount(desk(0), admin, username, displayName, role);

beforeAll(async () => {
  office = await startOffice({ desks: 3, seed: 89, count: 40, training: false });
  admin = await enrollOffice(office);
  supervisor = await account('edem.lawson', 'Edem Lawson', 'superviseur');
  clerk = await account('afi.mensah', 'Afi Mensah', 'agent');
  secondSupervisor = await account('ama.kpodar', 'Ama Kpodar', 'superviseur');
  await office.syncAll();
  await office.syncAll();
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('work shared between the desks of an office', () => {
  it('an assignment on desk 1 reaches the clerk’s « Mes dossiers » and bell on desk 2; a note reaches desk 3', async () => {
    const [first, second] = approvableCases(desk(0));
    const outcome = await deskApi(desk(0)).call(
      'assignment.assign',
      { caseIds: [first!, second!], assigneeId: clerk.id },
      supervisor,
    );
    expect(outcome.assigned).toBe(2);
    await deskApi(desk(0)).call(
      'notes.add',
      { applicationId: first!, body: 'Appelé le demandeur : facture en route.' },
      supervisor,
    );
    await desk(0).sync.syncNow();
    await office.syncAll();

    const mine = await deskApi(desk(1)).call('inbox.list', { queue: 'mine' }, clerk);
    expect(mine.rows.map((row) => row.id).sort()).toEqual([first!, second!].sort());
    const bell = await deskApi(desk(1)).call('notifications.list', {}, clerk);
    expect(bell.unread).toBe(2);

    const review = (await deskApi(desk(2)).call('cases.get', { id: first! }, supervisor)).review;
    expect(review.notes.map((note) => [note.author.displayName, note.body])).toEqual([
      ['Edem Lawson', 'Appelé le demandeur : facture en route.'],
    ]);
    const assigned = review.history.filter((entry) => entry.kind === 'assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({
      actor: { displayName: 'Edem Lawson' },
      details: { fromDesk: 'LOM-01' },
    });

    // The same page again (a lost cursor): nothing is written twice.
    desk(1).db.prepare("UPDATE sync_state SET value = 'a:0' WHERE key = 'activity_cursor'").run();
    await desk(1).sync.syncNow();
    expect((await deskApi(desk(1)).call('notifications.list', {}, clerk)).unread).toBe(2);
    const notes = desk(1).db.prepare('SELECT count(*) FROM notes WHERE application_id = ?').pluck();
    expect(notes.get(first!)).toBe(1);
  });

  it('four eyes across desks: who proposed on desk 1 cannot sign off on desk 2; a colleague can', async () => {
    const id = desk(0)
      .db.prepare(
        `SELECT id FROM applications WHERE office_code = 'LOM' AND status = 'submitted'
            AND procedure_code IN ('COM-AMM', 'COM-APIPS') ORDER BY id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const procedureCode = desk(0)
      .db.prepare('SELECT procedure_code FROM applications WHERE id = ?')
      .pluck()
      .get(id) as string;
    await deskApi(desk(0)).call('cases.claim', { id }, supervisor);
    for (const item of desk(0).catalog.get(procedureCode)!.checklist) {
      await deskApi(desk(0)).call(
        'cases.tickChecklist',
        { id, itemId: item.id, checked: true },
        supervisor,
      );
    }
    const proposed = await deskApi(desk(0)).call('cases.approve', { id }, supervisor);
    expect(proposed.row.status).toBe('pending_signoff');
    await desk(0).sync.syncNow();
    await office.syncAll();

    const own = await deskApi(desk(1)).dispatch(
      'cases.signOff',
      { id, decision: 'approve' },
      supervisor,
    );
    expect(own).toMatchObject({ ok: false, error: { code: 'workflow_refused' } });
    const signed = await deskApi(desk(1)).call(
      'cases.signOff',
      { id, decision: 'approve' },
      secondSupervisor,
    );
    expect(signed.row.status).toBe('approved');
    await desk(1).sync.syncNow();
    await office.syncAll();
    expect(desk(0).db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id)).toBe(
      'approved',
    );
    expect(
      desk(1).db.prepare('SELECT conflict_json FROM applications WHERE id = ?').pluck().get(id),
    ).toBeNull();
  });

  it('a duplicate marked on desk 1 is linked on desk 3, both cases saying it, written once', async () => {
    const [marked, original] = approvableCases(desk(0)).slice(-2);
    const reason = 'Même demande déposée deux fois le même jour.';
    await deskApi(desk(0)).call(
      'cases.markDuplicate',
      { id: marked!, duplicateOf: original!, reason },
      supervisor,
    );
    await desk(0).sync.syncNow();
    await office.syncAll();

    const linked = await deskApi(desk(2)).call('cases.linked', { id: marked! }, clerk);
    expect(linked.duplicates).toMatchObject([
      {
        otherId: original!,
        direction: 'this_is_duplicate',
        reason,
        markedBy: { id: supervisor.id, displayName: 'Edem Lawson' },
      },
    ]);
    const other = await deskApi(desk(2)).call('cases.linked', { id: original! }, clerk);
    expect(other.duplicates).toMatchObject([{ otherId: marked!, direction: 'other_is_duplicate' }]);
    const historyOf = async (id: string) =>
      (await deskApi(desk(2)).call('cases.get', { id }, clerk)).review.history.filter(
        (entry) => entry.kind === 'marked_duplicate' || entry.kind === 'duplicate_linked',
      );
    expect(await historyOf(marked!)).toMatchObject([
      {
        kind: 'marked_duplicate',
        actor: { displayName: 'Edem Lawson' },
        details: { duplicateOf: original!, reason, fromDesk: 'LOM-01' },
      },
    ]);
    expect(await historyOf(original!)).toMatchObject([
      { kind: 'duplicate_linked', details: { duplicateId: marked!, reason, fromDesk: 'LOM-01' } },
    ]);

    // The same page again: neither the link nor a history line is written twice.
    desk(2).db.prepare("UPDATE sync_state SET value = 'a:0' WHERE key = 'activity_cursor'").run();
    await desk(2).sync.syncNow();
    expect(await historyOf(marked!)).toHaveLength(1);
    expect(await historyOf(original!)).toHaveLength(1);
    expect(desk(2).db.prepare('SELECT count(*) FROM duplicate_links').pluck().get()).toBe(1);
    // The marking desk itself holds the mark once (its own activity is skipped).
    expect(desk(0).db.prepare('SELECT count(*) FROM duplicate_links').pluck().get()).toBe(1);
  });
});
