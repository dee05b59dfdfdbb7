import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { createRandom, type Random } from '../../src/simulator/random';
import { startOffice, type Office } from '../support/office';
import { createAccount, deskApi, enrollOffice } from '../support/officeDesks';

/**
 * A seeded randomized office (design multi-desk §9 step 12): three desks on one simulator, people
 * moving between desks, desks going offline and coming back, claims, notes, requests for
 * documents, rejections, approvals and assignments in any order. Then every desk syncs until
 * quiet, a person settles each conflict (keeps the portal's version), and the office must have
 * converged: every desk holds the portal's status and version of every case, nothing is left
 * unsent, nothing reached the portal twice, and every action the portal did not take was shown
 * to a person as a conflict first.
 */

const SEEDS = [11, 29];
const ROUNDS = Number(process.env.BUREAU_OFFICE_ROUNDS ?? 80);

let office: Office | undefined;
afterEach(async () => {
  await office?.close();
  office = undefined;
});

/** A few open cases of the office: people keep meeting on the same ones. */
const openLomCases = (core: Core) =>
  core.db
    .prepare(
      `SELECT id, procedure_code AS procedureCode, status FROM applications
        WHERE office_code = 'LOM' AND is_open = 1 ORDER BY id LIMIT 8`,
    )
    .all() as { id: string; procedureCode: string; status: string }[];

async function act(random: Random, core: Core, person: CurrentUser, supervisor: CurrentUser) {
  const cases = openLomCases(core);
  if (cases.length === 0) return;
  const target = random.pick(cases);
  const procedure = core.catalog.get(target.procedureCode)!;
  const api = deskApi(core);
  const id = target.id;
  const action = random.weighted([
    ['claim', 4],
    ['note', 3],
    ['requestInfo', 2],
    ['reject', 2],
    ['approve', 2],
    ['release', 1],
    ['assign', 2],
  ] as const);
  // Refusals by the desk's own gate are part of the game (held by someone else, wrong status).
  // Offline, the person confirms each action as provisional, as the UI asks them to.
  switch (action) {
    case 'claim':
      await api.dispatch('cases.claim', { id, provisional: true }, person);
      break;
    case 'note':
      await api.dispatch(
        'notes.add',
        { applicationId: id, body: `Note ${random.base36(6)}` },
        person,
      );
      break;
    case 'requestInfo':
      await api.dispatch('cases.claim', { id, provisional: true }, person);
      await api.dispatch(
        'cases.requestInfo',
        {
          id,
          missingDocuments: [procedure.documents[0]!.code],
          message: 'Merci de compléter.',
          provisional: true,
        },
        person,
      );
      break;
    case 'reject':
      await api.dispatch('cases.claim', { id, provisional: true }, person);
      await api.dispatch(
        'cases.reject',
        {
          id,
          reasonCodes: [procedure.rejectReasons[0]!.code],
          comment: 'Dossier incomplet.',
          provisional: true,
        },
        person,
      );
      break;
    case 'approve':
      await api.dispatch('cases.claim', { id, provisional: true }, person);
      for (const item of procedure.checklist) {
        await api.dispatch('cases.tickChecklist', { id, itemId: item.id, checked: true }, person);
      }
      await api.dispatch('cases.approve', { id, provisional: true }, person);
      break;
    case 'release':
      await api.dispatch('cases.release', { id, provisional: true }, person);
      break;
    case 'assign':
      await api.dispatch('assignment.assign', { caseIds: [id], assigneeId: person.id }, supervisor);
      break;
  }
}

async function syncUntilQuiet(current: Office) {
  for (let turn = 0; turn < 4; turn++) await current.syncAll();
}

describe('a seeded randomized office', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: three desks, offline spells, shared cases converge`, async () => {
      const random = createRandom(seed);
      office = await startOffice({ desks: 3, seed, count: 90, training: false });
      const current = office;
      const desk = (index: number) => current.desks[index]!.core;
      const admin = await enrollOffice(current);
      const make = (username: string, displayName: string, role: 'agent' | 'superviseur') =>
        createAccount(desk(0), admin, username, displayName, role);
      const supervisor = await make('edem.lawson', 'Edem Lawson', 'superviseur');
      const people = [
        await make('kossi.agbodjan', 'Kossi Agbodjan', 'agent'),
        await make('afi.mensah', 'Afi Mensah', 'agent'),
        supervisor,
      ];
      await syncUntilQuiet(current);

      // Phases: some desks lose their link, people work on every desk, the links come back.
      let acted = 0;
      for (let phase = 0; phase < ROUNDS / 8; phase++) {
        for (const index of [0, 1, 2]) {
          if (random.chance(0.45)) await current.offline(index);
        }
        for (let step = 0; step < 8; step++) {
          const which = random.int(0, 2);
          await act(random, desk(which), random.pick(people), supervisor);
          acted++;
        }
        for (const index of [0, 1, 2]) await current.online(index);
        if (random.chance(0.5)) await current.syncAll();
      }
      expect(acted).toBeGreaterThanOrEqual(ROUNDS - 8);
      for (const index of [0, 1, 2]) await current.online(index);
      await syncUntilQuiet(current);

      // A person settles every conflict on every desk (keeps the portal's version).
      let settledConflicts = 0;
      for (const index of [0, 1, 2]) {
        const conflicted = desk(index)
          .db.prepare('SELECT id FROM applications WHERE conflict_json IS NOT NULL')
          .pluck()
          .all() as string[];
        for (const id of conflicted) {
          await deskApi(desk(index)).call(
            'cases.resolveConflict',
            { id, keep: 'portal' },
            supervisor,
          );
          settledConflicts++;
        }
      }
      await syncUntilQuiet(current);

      const portalEvents = current.simulator.events.list();
      const portalKeys = portalEvents.map((event) => event.idempotencyKey);
      expect(new Set(portalKeys).size, 'nothing reached the portal twice').toBe(portalKeys.length);
      const allLocalKeys = new Set<string>();
      for (const index of [0, 1, 2]) {
        const core = desk(index);
        expect(core.sync.status(), `desk ${index + 1}`).toMatchObject({
          conflicts: 0,
          pendingActions: 0,
          failedActions: 0,
        });
        // Every desk holds the portal's status and version of every case.
        const rows = core.db
          .prepare('SELECT id, status, portal_version AS version FROM applications')
          .all() as { id: string; status: string; version: number }[];
        expect(rows).toHaveLength(current.simulator.store.size);
        for (const row of rows) {
          const portal = current.simulator.store.get(row.id)!;
          expect(row, `desk ${index + 1}`).toEqual({
            id: row.id,
            status: portal.status,
            version: portal.version,
          });
        }
        const outbox = core.db
          .prepare('SELECT idempotency_key AS key, application_id AS id, state FROM outbox')
          .all() as { key: string; id: string; state: string }[];
        for (const row of outbox) allLocalKeys.add(row.key);
        expect(outbox.filter((row) => !['sent', 'cancelled'].includes(row.state))).toEqual([]);
        // An action the portal did not take was shown first: its case had a conflict settled.
        const settled = new Set(
          core.db
            .prepare(
              "SELECT DISTINCT application_id FROM history_events WHERE kind = 'conflict_resolved'",
            )
            .pluck()
            .all() as string[],
        );
        const dropped = outbox.filter((row) => row.state === 'cancelled');
        expect(dropped.filter((row) => !settled.has(row.id))).toEqual([]);
      }
      expect(portalKeys.filter((key) => !allLocalKeys.has(key))).toEqual([]);
      expect(portalEvents.length).toBeGreaterThan(10);
      // The run made people meet on the same cases: some of their work had to be settled.
      expect(settledConflicts).toBeGreaterThan(0);
      console.log(
        `seed ${seed}: ${portalEvents.length} events on the portal, ${settledConflicts} conflicts settled`,
      );
    }, 240_000);
  }
});
