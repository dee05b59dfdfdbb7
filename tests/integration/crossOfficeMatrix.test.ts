import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import {
  apiContract,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../src/shared/api/contract';
import type { CurrentUser } from '../../src/shared/api/types';
import type { PortalSimulator } from '../../src/simulator/server';
import { caseApi, freshCases, type Outcome } from '../support/caseApi';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn, PORTAL_TOKEN, startSimulatorOn } from '../support/fakeClockBureau';
import { FAST_TUNING, scalar } from '../support/syncBureau';
import { tempDir, trainingUsersOf } from '../support/testBureau';

/**
 * The cross-office matrix (issue 14): every method that changes a case, called by staff of Lomé
 * with VALID input on a case of Kara, must refuse and write nothing; then, the case back in Lomé,
 * the very same call must succeed — so the office, and nothing else, is what refused it.
 *
 * Each case is staged through the API as a Lomé case, then handed to Kara as the portal routes a
 * case to another office (its `office_code`). Real core, real SQLite file,
 * the portal simulator over HTTP, on a test clock.
 *
 * Reading another office's case is refused too (README « Who sees what »): the case, its
 * documents, certificates and letters (`caseReadScope.ts`), tested at the end.
 */

const clock = createFakeClock('2026-11-16T08:00:00.000Z'); // a Monday
const HOME = 'LOM';
const OTHER = 'KAR';
let simulator: PortalSimulator;
let core: Core;
let users: Record<'kossi' | 'akossiwa' | 'ablavi', CurrentUser>;

beforeAll(async () => {
  simulator = await startSimulatorOn(clock, { seed: 29, count: 160 });
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-cross-office-'),
    portalUrl: simulator.url,
    syncTuning: FAST_TUNING,
  });
  const byId = new Map(trainingUsersOf(core).map((user) => [user.id, user]));
  users = {
    kossi: byId.get('u-agent-kossi')!,
    akossiwa: byId.get('u-agent-akossiwa')!,
    ablavi: byId.get('u-sup-ablavi')!,
  };
  for (const user of Object.values(users)) expect(user.officeCode).toBe(HOME);
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle', quarantined: 0 });
});

afterAll(async () => {
  await core?.close();
  await simulator?.close();
});

// — Helpers —

const { dispatch, call } = caseApi(() => core);
const freshCase = freshCases(
  () => core,
  () => HOME,
  'conflict_json IS NULL',
);

const procedure = (code: string) => core.catalog.get(code)!;

async function claimed(code: string): Promise<string> {
  const id = freshCase(code);
  await call('cases.claim', { id }, users.kossi);
  return id;
}

/** Claimed, the whole checklist ticked, approved (or sent to sign-off for COM-AMM). */
async function decided(code: string): Promise<string> {
  const id = await claimed(code);
  for (const item of procedure(code).checklist) {
    await call('cases.tickChecklist', { id, itemId: item.id, checked: true }, users.kossi);
  }
  await call('cases.approve', { id }, users.kossi);
  return id;
}

async function issued(): Promise<{ id: string; certificateId: string }> {
  const id = await decided('ART-CP');
  const certificate = await call('certificates.issue', { caseId: id }, users.kossi);
  return { id, certificateId: certificate.id };
}

/** A change made on the portal's side (`/__sim/changes`): withdrawn, renamed… */
async function portalChange(id: string, kind: 'withdraw' | 'rename'): Promise<void> {
  const response = await fetch(`${simulator.url}/__sim/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${PORTAL_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, kind }),
  });
  expect(response.status).toBe(200);
}

async function sync(): Promise<void> {
  clock.advanceMinutes(5);
  await core.sync.syncNow();
}

/**
 * The portal routes the case to `office`. An issued certificate is immutable (a trigger keeps it
 * so): it stays Lomé's, and the case's office is what the writer's gate must check.
 */
function routeTo(id: string, office: string): void {
  core.db.prepare('UPDATE applications SET office_code = ? WHERE id = ?').run(office, id);
}

/** Everything a change could write, for the case and in all. */
function snapshot(id: string) {
  const count = (sql: string, ...params: unknown[]) => scalar<number>(core.db, sql, ...params);
  return {
    row: core.db.prepare('SELECT * FROM applications WHERE id = ?').get(id),
    certificates: core.db
      .prepare('SELECT * FROM certificates WHERE application_id = ? ORDER BY id')
      .all(id),
    ticks: core.db.prepare('SELECT * FROM checklist_ticks WHERE application_id = ?').all(id),
    audit: count('SELECT count(*) FROM audit_log'),
    outbox: count("SELECT count(*) FROM outbox WHERE state != 'cancelled'"),
    cancelled: count("SELECT count(*) FROM outbox WHERE state = 'cancelled'"),
    history: count('SELECT count(*) FROM history_events'),
    notes: count('SELECT count(*) FROM notes'),
    notifications: count('SELECT count(*) FROM notifications'),
  };
}

interface Scenario {
  /** Stages a Lomé case on which the call is valid; returns the case and the call. */
  stage(): Promise<{ id: string; input: unknown; user: CurrentUser }>;
}

const scenarios: Partial<Record<MethodName, Scenario>> = {
  'notes.add': {
    stage: async () => {
      const id = freshCase('ART-CP');
      return { id, input: { applicationId: id, body: 'Pièces vérifiées.' }, user: users.kossi };
    },
  },
  'cases.resolveConflict': {
    stage: async () => {
      const id = freshCase('ART-APP');
      await portalChange(id, 'withdraw');
      await call('notes.add', { applicationId: id, body: 'avis favorable' }, users.kossi);
      for (let round = 0; round < 5 && core.sync.status().conflicts === 0; round++) await sync();
      expect(core.sync.status().conflicts).toBe(1);
      return { id, input: { id, keep: 'portal' }, user: users.kossi };
    },
  },
  'cases.markDuplicate': {
    stage: async () => {
      // The case marked is moved to Kara; the one it duplicates stays Lomé's.
      const id = freshCase('ART-CP');
      const duplicateOf = freshCase('ART-CP');
      const reason = 'Même demandeur, même demande, déposée deux fois.';
      return { id, input: { id, duplicateOf, reason }, user: users.kossi };
    },
  },
  'cases.claim': {
    stage: async () => {
      const id = freshCase('ART-CP');
      return { id, input: { id }, user: users.kossi };
    },
  },
  'cases.release': {
    stage: async () => {
      const id = await claimed('ART-CP');
      return { id, input: { id }, user: users.kossi };
    },
  },
  'cases.takeOver': {
    stage: async () => {
      const id = await claimed('ART-CP');
      return { id, input: { id }, user: users.ablavi };
    },
  },
  'cases.tickChecklist': {
    stage: async () => {
      const id = await claimed('ART-CP');
      const itemId = procedure('ART-CP').checklist[0]!.id;
      return { id, input: { id, itemId, checked: true }, user: users.kossi };
    },
  },
  'cases.requestInfo': {
    stage: async () => {
      const id = await claimed('ART-CP');
      const missingDocuments = [procedure('ART-CP').documents[0]!.code];
      const message = 'Merci de joindre la pièce manquante.';
      return { id, input: { id, missingDocuments, message }, user: users.kossi };
    },
  },
  'cases.approve': {
    stage: async () => {
      const id = await claimed('ART-CP');
      for (const item of procedure('ART-CP').checklist) {
        await call('cases.tickChecklist', { id, itemId: item.id, checked: true }, users.kossi);
      }
      return { id, input: { id }, user: users.kossi };
    },
  },
  'cases.reject': {
    stage: async () => {
      const id = await claimed('ART-CP');
      const reasonCodes = [procedure('ART-CP').rejectReasons[0]!.code];
      return { id, input: { id, reasonCodes, comment: 'Pièce illisible.' }, user: users.kossi };
    },
  },
  'cases.signOff': {
    stage: async () => {
      const id = await decided('COM-AMM');
      return { id, input: { id, decision: 'approve' }, user: users.ablavi };
    },
  },
  'cases.withdrawProposal': {
    stage: async () => {
      // Kossi proposed the approval (COM-AMM needs a sign-off): he takes it back.
      const id = await decided('COM-AMM');
      return { id, input: { id }, user: users.kossi };
    },
  },
  'cases.confirmPortalChanges': {
    stage: async () => {
      const id = await decided('ART-CP');
      await sync();
      clock.advanceMinutes(30);
      await portalChange(id, 'rename');
      await sync();
      expect((await call('cases.get', { id }, users.kossi)).review.portalChanges).not.toBeNull();
      return { id, input: { id }, user: users.kossi };
    },
  },
  'certificates.issue': {
    stage: async () => {
      const id = await decided('ART-CP');
      return { id, input: { caseId: id }, user: users.kossi };
    },
  },
  'certificates.reprint': {
    stage: async () => {
      const { id, certificateId } = await issued();
      return { id, input: { id: certificateId }, user: users.kossi };
    },
  },
  'certificates.revoke': {
    stage: async () => {
      const { id, certificateId } = await issued();
      return {
        id,
        input: { id: certificateId, reason: 'Délivré par erreur.' },
        user: users.ablavi,
      };
    },
  },
  'assignment.assign': {
    stage: async () => {
      const id = freshCase('ART-CP');
      return {
        id,
        input: { caseIds: [id], assigneeId: users.akossiwa.id },
        user: users.ablavi,
      };
    },
  },
  'assignment.applyBalance': {
    stage: async () => {
      const id = freshCase('ART-CP');
      return {
        id,
        input: { items: [{ caseId: id, assigneeId: users.akossiwa.id }] },
        user: users.ablavi,
      };
    },
  },
};

/**
 * Every other method of the contract: it changes no case (reads, sessions, administration…).
 * A new method fails the completeness test below until it is put in one list or the other.
 */
const CHANGES_NO_CASE: readonly string[] = [
  'app.info',
  'session.current',
  'session.signIn',
  'session.signOut',
  'session.lock',
  'session.unlock',
  'session.changePassword',
  'session.trainingAccounts',
  'session.createFirstAdministrator',
  'catalog.procedures',
  'inbox.counts',
  'inbox.list',
  'inbox.total',
  'inbox.filterOptions',
  'views.list',
  'views.save',
  'views.delete',
  'cases.get',
  // What the administration already holds about a case (issue 20 §2): reads, office-scoped.
  'cases.linked',
  'cases.signals',
  'sync.status',
  'sync.now',
  'sync.quarantine',
  // « À régulariser » and the outbox view (issue 17): reads, scoped to the caller's office.
  'sync.worklist',
  'sync.worklistCount',
  'sync.outbox',
  'documents.content',
  'certificates.forCase',
  'certificates.list',
  'certificates.file',
  'certificates.verify',
  'certificates.publicKeys',
  'certificates.nextNumber',
  'certificates.keyBundle',
  // Decision letters (issue 20 §1): reads; a preview decides nothing (and refuses another office).
  'letters.forCase',
  'letters.file',
  'letters.preview',
  'assignment.staff',
  'assignment.previewBalance',
  'notifications.list',
  'notifications.markRead',
  'dashboard.summary',
  'dashboard.export',
  // Administration: accounts, office, holidays (deadlines follow, as derived data), audit, backups.
  'admin.users.list',
  'admin.users.create',
  'admin.users.update',
  'admin.users.resetPassword',
  'admin.office.get',
  'admin.office.update',
  'admin.holidays.list',
  'admin.holidays.save',
  'audit.list',
  'audit.export',
  'audit.verify',
  'recovery.status',
  'recovery.restore',
  'recovery.startFresh',
  'backups.list',
  'backups.create',
  'backups.scheduleRestore',
  'backups.restartNow',
  // Desks of the office (enrollment): no case changes.
  'office.desk',
  'office.desks',
  'office.enrollFirst',
  'office.join',
  'office.issueCode',
  // Text modules for the comment boxes (issue 20 §1): phrases, office-scoped; no case changes.
  'textModules.list',
  'textModules.create',
  'textModules.update',
  'textModules.retire',
];

/**
 * Case changes that only an enrolled desk makes (the portal grants them first): their
 * cross-office refusal is tested with several desks, in officeLeases.test.ts.
 */
const ENROLLED_DESK_CASE_CHANGES: readonly string[] = ['cases.checkOut'];

/** Assignment answers per case: a refused case is listed as skipped, with its reason. */
function refusalOf(method: MethodName, result: Outcome<MethodName>): string | null {
  if (!result.ok) return result.error.message;
  if (method === 'assignment.assign' || method === 'assignment.applyBalance') {
    const outcome = result.value as MethodOutput<'assignment.assign'>;
    return outcome.assigned === 0 ? (outcome.skipped[0]?.reason ?? 'skipped') : null;
  }
  return null;
}

describe('cross-office matrix: every case change, valid input, a case of another office', () => {
  it('every contract method is either a case change with a scenario here, or changes no case', () => {
    const methods = Object.keys(apiContract);
    const unclassified = methods.filter(
      (method) =>
        !(method in scenarios) &&
        !CHANGES_NO_CASE.includes(method) &&
        !ENROLLED_DESK_CASE_CHANGES.includes(method),
    );
    expect(unclassified, 'classify these methods in crossOfficeMatrix.test.ts').toEqual([]);
    for (const method of CHANGES_NO_CASE) expect(methods).toContain(method);
  });

  it.each(Object.keys(scenarios))(
    '%s: refused on a case of Kara, writing nothing; allowed once the case is Lomé’s again',
    async (name) => {
      const method = name as MethodName;
      const { id, input, user } = await scenarios[method]!.stage();
      routeTo(id, OTHER);
      const before = snapshot(id);
      const refused = await dispatch(method, input as MethodInput<typeof method>, user);
      const reason = refusalOf(method, refused);
      expect(reason, `${method} by ${user.id} on a case of ${OTHER}`).not.toBeNull();
      if (!refused.ok) expect(['workflow_refused', 'forbidden']).toContain(refused.error.code);
      expect(reason).toMatch(/autre bureau|pas de votre bureau/);
      expect(snapshot(id), `${method} wrote something`).toEqual(before);

      routeTo(id, HOME);
      const allowed = await dispatch(method, input as MethodInput<typeof method>, user);
      expect(refusalOf(method, allowed), `${method} on the same case back in ${HOME}`).toBeNull();
    },
  );
});

describe('reads by case: the case, its documents, certificates and letters', () => {
  it('are refused to Lomé’s staff while the case is Kara’s, and served once it is Lomé’s again', async () => {
    const { id, certificateId } = await issued();
    const rejected = await claimed('ART-CP');
    await call(
      'cases.reject',
      {
        id: rejected,
        reasonCodes: [procedure('ART-CP').rejectReasons[0]!.code],
        comment: 'Pièce illisible.',
      },
      users.kossi,
    );
    const letters = await call('letters.forCase', { caseId: rejected }, users.kossi);
    expect(letters.length).toBeGreaterThan(0);
    const documentId = core.db
      .prepare('SELECT id FROM documents WHERE application_id = ? ORDER BY id LIMIT 1')
      .pluck()
      .get(id) as string;
    expect(documentId).toBeDefined();

    const reads: [MethodName, unknown, string][] = [
      ['cases.get', { id }, id],
      ['documents.content', { id: documentId }, id],
      ['certificates.forCase', { caseId: id }, id],
      ['certificates.file', { id: certificateId }, id],
      ['letters.forCase', { caseId: rejected }, rejected],
      ['letters.file', { id: letters[0]!.id }, rejected],
    ];
    for (const [method, input, caseId] of reads) {
      for (const user of [users.kossi, users.ablavi]) {
        routeTo(caseId, OTHER);
        const refused = await dispatch(method, input as MethodInput<typeof method>, user);
        expect(refused.ok, `${method} by ${user.id} on a case of ${OTHER}`).toBe(false);
        if (!refused.ok) {
          expect(refused.error.code).toBe('forbidden');
          expect(refused.error.message).toBe(
            "Ce dossier relève d'un autre bureau : seul son personnel peut le consulter, avec ses pièces, certificats et courriers.",
          );
        }
        routeTo(caseId, HOME);
        const served = await dispatch(method, input as MethodInput<typeof method>, user);
        // Back home it is served (a document not yet downloaded says so, not « forbidden »).
        if (!served.ok) expect(served.error.code, `${method} back in ${HOME}`).toBe('not_ready');
      }
    }
  });
});
