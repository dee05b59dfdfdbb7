import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { leaseLabel } from '../../src/shared/domain/leaseLabel';
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
 * Who holds a case and who decided it, the same on every desk (issue 16; design multi-desk §3.7,
 * §3.9, §8), three desks on one simulator: a supervisor's take-over tells the former holder on
 * their own desk; the inbox row names the portal's holder identically everywhere; the dashboard
 * credits a decision made on another desk to the clerk who made it.
 */

let office: Office;
let admin: CurrentUser;
let supervisor: CurrentUser;
let clerk: CurrentUser;
let secondClerk: CurrentUser;
let secondSupervisor: CurrentUser;
const desk = (index: number): Core => office.desks[index]!.core;

const account = (username: string, displayName: string, role: 'agent' | 'superviseur') =>
  createAccount(desk(0), admin, username, displayName, role);

/** Pushes what `index` did, then every desk pulls it. */
async function spread(index: number): Promise<void> {
  await desk(index).sync.syncNow();
  await office.syncAll();
}

const submitted = (procedures: 'no-signoff' | 'signoff'): string[] =>
  procedures === 'no-signoff'
    ? approvableCases(desk(0))
    : (desk(0)
        .db.prepare(
          `SELECT id FROM applications WHERE office_code = 'LOM' AND status = 'submitted'
              AND procedure_code IN ('COM-AMM', 'COM-APIPS') ORDER BY id`,
        )
        .pluck()
        .all() as string[]);

const referenceOf = (id: string) =>
  desk(0).db.prepare('SELECT reference FROM applications WHERE id = ?').pluck().get(id) as string;

beforeAll(async () => {
  office = await startOffice({ desks: 3, seed: 97, count: 40, training: false });
  admin = await enrollOffice(office);
  supervisor = await account('edem.lawson', 'Edem Lawson', 'superviseur');
  clerk = await account('kossi.agbodjan', 'Kossi Agbodjan', 'agent');
  secondClerk = await account('afi.mensah', 'Afi Mensah', 'agent');
  secondSupervisor = await account('ama.kpodar', 'Ama Kpodar', 'superviseur');
  await office.syncAll();
  await office.syncAll();
}, 60_000);
afterAll(async () => {
  await office?.close();
});

describe('who holds a case and who decided it, on every desk', () => {
  it('a take-over on desk 1 of a case the clerk claimed on desk 2 rings the clerk’s bell on desk 2', async () => {
    const id = submitted('no-signoff')[0]!;
    await deskApi(desk(1)).call('cases.claim', { id }, clerk);
    await spread(1);

    await deskApi(desk(0)).call('cases.takeOver', { id }, supervisor);
    await spread(0);

    // The portal accepted it: no conflict on desk 1, and every desk names the new holder.
    expect(
      desk(0).db.prepare('SELECT conflict_json FROM applications WHERE id = ?').pluck().get(id),
    ).toBeNull();
    for (const index of [0, 1, 2]) {
      const seen = await deskApi(desk(index)).call('cases.get', { id }, secondSupervisor);
      expect(seen.review.workflow.claim?.holder.displayName, `desk ${index + 1}`).toBe(
        'Edem Lawson',
      );
    }

    const bell = await deskApi(desk(1)).call('notifications.list', {}, clerk);
    const takenOver = bell.items.filter((item) => item.kind === 'case.taken_over');
    expect(takenOver).toEqual([
      expect.objectContaining({
        caseId: id,
        reference: referenceOf(id),
        byName: 'Edem Lawson',
        read: false,
      }),
    ]);
    expect(bell.unread).toBe(1);
    // Nobody else is told, and a replayed activity page tells the clerk once.
    const supervisorBell = await deskApi(desk(1)).call('notifications.list', {}, supervisor);
    expect(supervisorBell.items).toEqual([]);
    desk(1).db.prepare("UPDATE sync_state SET value = 'a:0' WHERE key = 'activity_cursor'").run();
    await desk(1).sync.syncNow();
    expect((await deskApi(desk(1)).call('notifications.list', {}, clerk)).unread).toBe(1);
  });

  it('a take-over on the desk where the clerk claimed tells them there at once, once', async () => {
    const id = submitted('no-signoff')[1]!;
    await deskApi(desk(2)).call('cases.claim', { id }, clerk);
    await spread(2);
    await deskApi(desk(2)).call('cases.takeOver', { id }, supervisor);

    const before = await deskApi(desk(2)).call('notifications.list', {}, clerk);
    expect(before.items.filter((item) => item.caseId === id)).toEqual([
      expect.objectContaining({ kind: 'case.taken_over', byName: 'Edem Lawson', read: false }),
    ]);
    await spread(2);
    const after = await deskApi(desk(2)).call('notifications.list', {}, clerk);
    expect(after.items.filter((item) => item.caseId === id)).toHaveLength(1);
    expect(
      desk(2).db.prepare('SELECT conflict_json FROM applications WHERE id = ?').pluck().get(id),
    ).toBeNull();
  });

  it('the inbox row and the case view name the portal’s holder identically on every desk', async () => {
    const id = submitted('no-signoff')[3]!;
    await deskApi(desk(1)).call('cases.claim', { id }, clerk);
    await spread(1);

    const labels: (string | null)[] = [];
    for (const index of [0, 1, 2]) {
      const { rows } = await deskApi(desk(index)).call('inbox.list', { queue: 'all' }, supervisor);
      const holder = rows.find((row) => row.id === id)?.holder ?? null;
      labels.push(
        holder &&
          leaseLabel(
            { holderName: holder.displayName, kind: holder.kind, expiresAt: holder.expiresAt },
            new Date(holder.portalNow),
          ),
      );
      const view = await deskApi(desk(index)).call('cases.get', { id }, supervisor);
      expect(view.row.holder, `desk ${index + 1}`).toEqual(holder);
      expect(view.review.workflow.claim?.lease?.kind, `desk ${index + 1}`).toBe('claim');
      // Rows nobody holds name nobody.
      expect(rows.filter((row) => row.holder).length, `desk ${index + 1}`).toBeGreaterThan(0);
      expect(rows.find((row) => row.id === submitted('no-signoff')[4])?.holder ?? null).toBeNull();
    }
    expect(labels[0]).toMatch(/^Pris en charge par Kossi Agbodjan jusqu'à \d{2}:\d{2}$/);
    expect(labels).toEqual([labels[0], labels[0], labels[0]]);

    // Taken for offline work on desk 2: every desk says so, by its day.
    const away = submitted('no-signoff')[5]!;
    const taken = await deskApi(desk(1)).call('cases.checkOut', { ids: [away], days: 7 }, clerk);
    expect(taken.refused).toEqual([]);
    expect(taken.checkedOut.map((entry) => entry.id)).toEqual([away]);
    await spread(1);
    const awayLabels: (string | null)[] = [];
    for (const index of [0, 1, 2]) {
      const { rows } = await deskApi(desk(index)).call('inbox.list', { queue: 'all' }, supervisor);
      const holder = rows.find((row) => row.id === away)?.holder ?? null;
      awayLabels.push(
        holder &&
          leaseLabel(
            { holderName: holder.displayName, kind: holder.kind, expiresAt: holder.expiresAt },
            new Date(holder.portalNow),
          ),
      );
    }
    expect(awayLabels[0]).toMatch(/^Emporté hors ligne par Kossi Agbodjan jusqu'au \d{2}\/\d{2}$/);
    expect(awayLabels).toEqual([awayLabels[0], awayLabels[0], awayLabels[0]]);
  });

  it('the dashboard on desk 1 credits decisions made on desks 2 and 3 to the clerk who made them', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const decidedOn = async (index: number, who: CurrentUser) =>
      (await deskApi(desk(index)).call('dashboard.summary', period, supervisor)).clerks.find(
        (row) => row.userId === who.id,
      )?.decided;
    const before = await decidedOn(0, secondClerk);

    // Afi decides on desk 2.
    const id = submitted('no-signoff')[2]!;
    await approveOn(desk(1), secondClerk, id);
    await spread(1);
    expect(await decidedOn(0, secondClerk)).toBe(before! + 1);
    expect(await decidedOn(2, secondClerk)).toBe(before! + 1);

    // Kossi proposes on desk 2, Ama signs off on desk 3: the decision is Kossi's, as on desk 2.
    const proposedBefore = await decidedOn(0, clerk);
    const signed = submitted('signoff')[0]!;
    const procedureCode = desk(1)
      .db.prepare('SELECT procedure_code FROM applications WHERE id = ?')
      .pluck()
      .get(signed) as string;
    await deskApi(desk(1)).call('cases.claim', { id: signed }, clerk);
    for (const item of desk(1).catalog.get(procedureCode)!.checklist) {
      await deskApi(desk(1)).call(
        'cases.tickChecklist',
        { id: signed, itemId: item.id, checked: true },
        clerk,
      );
    }
    const proposed = await deskApi(desk(1)).call('cases.approve', { id: signed }, clerk);
    expect(proposed.row.status).toBe('pending_signoff');
    await spread(1);
    const approved = await deskApi(desk(2)).call(
      'cases.signOff',
      { id: signed, decision: 'approve' },
      secondSupervisor,
    );
    expect(approved.row.status).toBe('approved');
    await spread(2);
    expect(await decidedOn(0, clerk)).toBe(proposedBefore! + 1);
    expect(await decidedOn(1, clerk)).toBe(proposedBefore! + 1);
    expect(await decidedOn(0, secondSupervisor)).toBe(0);
  });

  it('a desk that joins the office later credits the decisions it first sees already made', async () => {
    const credited = (core: Core) =>
      core.db
        .prepare(
          `SELECT decided_by AS person, count(*) AS cases FROM applications
            WHERE decided_by IS NOT NULL GROUP BY decided_by ORDER BY decided_by`,
        )
        .all();
    const onFirstDesk = credited(desk(0));
    expect(onFirstDesk).toEqual(
      expect.arrayContaining([
        { person: clerk.id, cases: expect.any(Number) },
        { person: secondClerk.id, cases: expect.any(Number) },
      ]),
    );

    const dataDir = tempDir('bureau-office-late-desk-');
    const late = openCoreOn(office.clock, {
      dataDir,
      portalUrl: office.simulator.url,
      training: false,
    });
    try {
      const { code } = await deskApi(desk(0)).call(
        'office.issueCode',
        { label: 'Guichet 4' },
        admin,
      );
      await deskApi(late).call('office.join', { officeCode: 'LOM', code, label: 'Guichet 4' });
      expect(await late.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
      // Every case the office decided, credited as on the desks that saw the decisions made.
      expect(credited(late)).toEqual(onFirstDesk);
      const period = { from: '2026-11-01', to: '2026-11-30' };
      const clerksOn = async (core: Core) =>
        (await deskApi(core).call('dashboard.summary', period, supervisor)).clerks.map(
          ({ userId, decided }) => ({ userId, decided }),
        );
      expect(await clerksOn(late)).toEqual(await clerksOn(desk(0)));
    } finally {
      await late.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
