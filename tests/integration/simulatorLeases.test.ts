import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accountBody,
  simulatorCall,
  TEST_VERIFIER,
  idempotencyKey,
  newPublicKeyPem,
  type ApiBody,
  type CallInit,
} from '../support/simulatorHttp';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';

/**
 * Claim leases, version-checked events, four-eyes and the `work` block on the simulator (design
 * multi-desk §3.7–§3.10; steps 8–9), over real HTTP with a controllable clock. Every test starts
 * its own simulator, enrolls LOM-01 and LOM-02 and creates, through the directory routes, agent
 * Kossi Agbodjan (works on LOM-01), agent Yao Mensah (LOM-02) and supervisors Edem Lawson and
 * Ablavi Dossou.
 */

const TOKEN = 'jeton-de-test-baux';
const START = new Date('2026-03-12T09:30:00.000Z');
const MINUTE = 60_000;
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const VERIFIER = TEST_VERIFIER;

let current = START;
let sim: PortalSimulator;

function call(path: string, init: CallInit = {}) {
  return simulatorCall(sim.url, TOKEN, path, init);
}

const newKey = newPublicKeyPem;

interface Person {
  id: string;
  displayName: string;
}
interface Desk {
  id: string;
  token: string;
}

let lom1: Desk;
let lom2: Desk;
const admin: Person = { id: 'u-admin-lom', displayName: 'Afi Kpodar' };
const agentA: Person = { id: 'u-kossi', displayName: 'Kossi Agbodjan' };
const agentB: Person = { id: 'u-yao', displayName: 'Yao Mensah' };
const super1: Person = { id: 'u-edem', displayName: 'Edem Lawson' };
const super2: Person = { id: 'u-ablavi', displayName: 'Ablavi Dossou' };

async function createAccount(person: Person, role: 'agent' | 'superviseur') {
  const created = await call('/api/v2/offices/LOM/accounts', {
    token: lom1.token,
    key: idempotencyKey(),
    body: accountBody(admin, person, role),
  });
  expect(created.status).toBe(201);
}

beforeEach(async () => {
  current = START;
  sim = await startPortalSimulator({
    seed: 88,
    count: 30,
    port: 0,
    token: TOKEN,
    procedures,
    now: () => current,
  });
  const first = await call('/api/v2/desks', {
    key: idempotencyKey(),
    body: {
      mode: 'first',
      officeCode: 'LOM',
      label: 'Guichet 1',
      publicKeyPem: newKey(),
      administrator: { ...admin, username: 'admin.lom', verifier: VERIFIER },
      legacy: null,
    },
  });
  expect(first.status).toBe(201);
  lom1 = { id: first.body.desk.id, token: first.body.deskToken };
  const code = await call('/api/v2/offices/LOM/enrollment-codes', {
    token: lom1.token,
    body: { actor: admin, label: 'Guichet 2' },
  });
  expect(code.status).toBe(201);
  const joined = await call('/api/v2/desks', {
    key: idempotencyKey(),
    body: {
      mode: 'join',
      officeCode: 'LOM',
      enrollmentCode: code.body.code,
      label: 'Guichet 2',
      publicKeyPem: newKey(),
      legacy: null,
    },
  });
  expect(joined.status).toBe(201);
  lom2 = { id: joined.body.desk.id, token: joined.body.deskToken };
  await createAccount(agentA, 'agent');
  await createAccount(agentB, 'agent');
  await createAccount(super1, 'superviseur');
  await createAccount(super2, 'superviseur');
});
afterEach(async () => {
  await sim?.close();
});

/** The whole v2 feed from `cursor` (desk 1's token). */
async function v2Feed(cursor?: string): Promise<{ items: ApiBody[]; nextCursor: string }> {
  const page = await call(
    `/api/v2/applications?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    { token: lom1.token },
  );
  expect(page.status).toBe(200);
  return page.body as { items: ApiBody[]; nextCursor: string };
}

/** An open application not yet used by the test (submitted or in review). */
const used = new Set<string>();
async function openApplication(): Promise<ApiBody> {
  const { items } = await v2Feed();
  const found = items.find(
    (item) => ['submitted', 'in_review'].includes(item.status) && !used.has(item.id),
  );
  expect(found).toBeDefined();
  used.add(found!.id);
  return found!;
}

async function record(id: string): Promise<ApiBody> {
  const answer = await call(`/api/v1/applications/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

function send(desk: Desk, id: string, kind: string, payload: ApiBody, extra: ApiBody = {}) {
  return call(`/api/v2/applications/${id}/events`, {
    token: desk.token,
    key: idempotencyKey(),
    body: { kind, occurredAt: current.toISOString(), payload, ...extra },
  });
}

const claim = (desk: Desk, id: string, who: Person, payload: ApiBody = {}) =>
  send(desk, id, 'case.claimed', { by: who, ...payload }, { actor: who });
const requestInfo = (desk: Desk, id: string, who: Person, extra: ApiBody = {}) =>
  send(
    desk,
    id,
    'info.requested',
    {
      message: 'Merci de fournir la facture.',
      missingDocuments: [],
      fieldsToCorrect: [],
      requestedBy: who,
    },
    { actor: who, ...extra },
  );
function reject(desk: Desk, application: ApiBody, who: Person, extra: ApiBody = {}) {
  const procedure = procedures.find((p) => p.code === application.procedureCode)!;
  return send(
    desk,
    application.id,
    'decision.rejected',
    {
      reasonCodes: [procedure.rejectReasons[0]!.code],
      comment: 'Pièce illisible.',
      decidedBy: who,
    },
    { actor: who, ...extra },
  );
}

describe('claim leases', () => {
  it('two simultaneous claims: exactly one wins, the other is told who holds it and until when', async () => {
    const application = await openApplication();
    const [fromA, fromB] = await Promise.all([
      claim(lom1, application.id, agentA),
      claim(lom2, application.id, agentB),
    ]);
    expect([fromA.status, fromB.status].sort()).toEqual([201, 409]);
    const [winner, loserDesk, loser, refused] =
      fromA.status === 201 ? [agentA, lom2, agentB, fromB] : [agentB, lom1, agentA, fromA];
    expect(refused.body.error.code).toBe('held_by_other');
    expect(refused.body.error.message).toBe(
      `Dossier pris en charge par ${winner.displayName} jusqu'à 13:30.`,
    );
    expect(refused.body.error.details.lease).toMatchObject({
      holder: winner,
      kind: 'claim',
      since: START.toISOString(),
      expiresAt: '2026-03-12T13:30:00.000Z',
    });
    // A holder-only event from the other person is refused the same way, and changes nothing.
    const version = (await record(application.id)).version;
    const info = await requestInfo(loserDesk, application.id, loser);
    expect(info.status).toBe(409);
    expect(info.body.error.code).toBe('held_by_other');
    expect((await record(application.id)).version).toBe(version);
    // The holder's own claim renews.
    current = new Date(START.getTime() + 60 * MINUTE);
    const winnerDesk = loserDesk === lom1 ? lom2 : lom1;
    expect((await claim(winnerDesk, application.id, winner)).status).toBe(201);
    const again = await claim(loserDesk, application.id, loser);
    expect(again.body.error.message).toBe(
      `Dossier pris en charge par ${winner.displayName} jusqu'à 14:30.`,
    );
  });

  it('a lease lapses after 240 minutes; a lease into the next day names the day', async () => {
    const application = await openApplication();
    expect((await claim(lom1, application.id, agentA)).status).toBe(201);
    current = new Date(START.getTime() + 239 * MINUTE);
    expect((await claim(lom2, application.id, agentB)).status).toBe(409);
    current = new Date(START.getTime() + 240 * MINUTE);
    expect((await claim(lom2, application.id, agentB)).status).toBe(201);
    const item = (await v2Feed()).items.find((candidate) => candidate.id === application.id)!;
    expect(item.work.lease.holder).toEqual(agentB);
    expect(item.work.lease.deskId).toBe(lom2.id);

    const late = await openApplication();
    current = new Date('2026-03-12T22:15:00.000Z');
    expect((await claim(lom1, late.id, agentA)).status).toBe(201);
    const refused = await claim(lom2, late.id, agentB);
    expect(refused.body.error.message).toBe(
      "Dossier pris en charge par Kossi Agbodjan jusqu'au 13/03 à 02:15.",
    );
  });

  it('a holder event on a free case is accepted and grants the sender a claim', async () => {
    const application = await openApplication();
    expect((await requestInfo(lom1, application.id, agentA)).status).toBe(201);
    const refused = await claim(lom2, application.id, agentB);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.lease.holder).toEqual(agentA);
  });

  it('take-over by a supervisor ends the other lease; an agent cannot take over', async () => {
    const application = await openApplication();
    expect((await claim(lom1, application.id, agentA)).status).toBe(201);
    const byAgent = await claim(lom2, application.id, agentB, { takenOverFrom: agentA });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('actor_not_allowed');
    const bySupervisor = await claim(lom2, application.id, super1, { takenOverFrom: agentA });
    expect(bySupervisor.status).toBe(201);
    const info = await requestInfo(lom1, application.id, agentA);
    expect(info.status).toBe(409);
    expect(info.body.error.message).toBe("Dossier pris en charge par Edem Lawson jusqu'à 13:30.");
    const item = (await v2Feed()).items.find((candidate) => candidate.id === application.id)!;
    expect(item.work.lease.holder).toEqual(super1);
  });

  it('the v2 feed serves the lease in work and moves the record when the lease changes', async () => {
    const application = await openApplication();
    const before = await v2Feed();
    const beforeItem = before.items.find((item) => item.id === application.id)!;
    expect(beforeItem.work).toEqual({
      officeCode: expect.any(String),
      lease: null,
      signoff: null,
      lastDecision: null,
      certificate: null,
    });
    // v1 clients never see the block.
    const v1 = await call('/api/v1/applications?limit=500');
    expect(v1.body.items.every((item: ApiBody) => !('work' in item))).toBe(true);
    // A v1 client cannot read the v2 feed with the portal token.
    expect((await call('/api/v2/applications')).status).toBe(403);

    expect((await claim(lom1, application.id, agentA)).status).toBe(201);
    const claimed = await v2Feed(before.nextCursor);
    expect(claimed.items.map((item) => item.id)).toEqual([application.id]);
    expect(claimed.items[0]!.work.lease.holder).toEqual(agentA);
    const version = claimed.items[0]!.version;

    // A note of the holder renews the lease without a new version: the record moves anyway.
    current = new Date(START.getTime() + 30 * MINUTE);
    const note = await send(
      lom1,
      application.id,
      'note.added',
      { body: 'Appelé le demandeur.', author: agentA },
      { actor: agentA },
    );
    expect(note.status).toBe(201);
    const renewed = await v2Feed(claimed.nextCursor);
    expect(renewed.items.map((item) => item.id)).toEqual([application.id]);
    expect(renewed.items[0]!.version).toBe(version);
    expect(renewed.items[0]!.work.lease.expiresAt).toBe('2026-03-12T14:00:00.000Z');
    expect(renewed.items[0]!.work.lease.since).toBe(START.toISOString());

    const released = await send(
      lom1,
      application.id,
      'case.released',
      { by: agentA },
      {
        actor: agentA,
      },
    );
    expect(released.status).toBe(201);
    const free = await v2Feed(renewed.nextCursor);
    expect(free.items.map((item) => item.id)).toEqual([application.id]);
    expect(free.items[0]!.work.lease).toBeNull();
  });

  it('events without actor (Bureau today) skip the lease checks', async () => {
    const application = await openApplication();
    expect((await claim(lom1, application.id, agentA)).status).toBe(201);
    const info = await send(lom2, application.id, 'info.requested', {
      message: 'Merci de fournir la facture.',
      missingDocuments: [],
      fieldsToCorrect: [],
      requestedBy: agentB,
    });
    expect(info.status).toBe(201);
  });
});

describe('offline check-out', () => {
  const checkOut = (desk: Desk, id: string, actor: Person, holder: Person, days: number) =>
    send(desk, id, 'case.claimed', { by: holder, checkoutDays: days }, { actor });

  it('grants a long lease that activity keeps, refuses others until it ends', async () => {
    const application = await openApplication();
    const granted = await checkOut(lom1, application.id, agentA, agentA, 9);
    expect(granted.status).toBe(201);
    // The 201 carries the lease: the desk shows it without waiting for the feed.
    expect(granted.body.lease).toMatchObject({
      holder: agentA,
      kind: 'checkout',
      deskId: lom1.id,
      expiresAt: '2026-03-21T09:30:00.000Z',
    });
    const refused = await claim(lom2, application.id, agentB);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      "Dossier emporté hors ligne par Kossi Agbodjan jusqu'au 21/03 à 09:30.",
    );
    // Offline days later, the holder's decision is accepted and the check-out was never shortened.
    current = new Date('2026-03-18T08:00:00.000Z');
    const info = await requestInfo(lom1, application.id, agentA);
    expect(info.status).toBe(201);
    expect(info.body.lease).toMatchObject({
      kind: 'checkout',
      expiresAt: '2026-03-21T09:30:00.000Z',
    });
    current = new Date('2026-03-21T09:30:00.000Z');
    expect((await claim(lom2, application.id, agentB)).status).toBe(201);
  });

  it('a supervisor checks out for a clerk; an agent cannot for a colleague; 1 to 14 days', async () => {
    const application = await openApplication();
    const forColleague = await checkOut(lom2, application.id, agentB, agentA, 3);
    expect(forColleague.status).toBe(403);
    expect(forColleague.body.error.code).toBe('actor_not_allowed');
    for (const days of [0, 15, 2.5]) {
      const wrong = await checkOut(lom1, application.id, agentA, agentA, days);
      expect(wrong.status, String(days)).toBe(422);
    }
    const bySupervisor = await checkOut(lom2, application.id, super1, agentA, 14);
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body.lease).toMatchObject({ holder: agentA, kind: 'checkout' });
    // Someone else's check-out is refused like a claim; a take-over ends it.
    expect((await checkOut(lom2, application.id, agentB, agentB, 2)).status).toBe(409);
    const taken = await claim(lom2, application.id, super2, { takenOverFrom: agentA });
    expect(taken.status).toBe(201);
    expect(taken.body.lease).toMatchObject({
      holder: super2,
      kind: 'claim',
      expiresAt: '2026-03-12T13:30:00.000Z',
    });
  });

  it('v1 events on a case of an enrolled office are refused: office_requires_v2', async () => {
    const application = (await v2Feed()).items.find(
      (item) => item.work.officeCode === 'LOM' && item.status === 'submitted',
    )!;
    const v1 = await call(`/api/v1/applications/${application.id}/events`, {
      key: idempotencyKey(),
      body: {
        kind: 'case.claimed',
        occurredAt: current.toISOString(),
        payload: { by: agentA },
      },
    });
    expect(v1.status).toBe(409);
    expect(v1.body.error.code).toBe('office_requires_v2');
    expect(v1.body.error.message).toBe(
      'Ce bureau travaille à plusieurs postes : mettez Bureau à jour sur ce poste.',
    );
    const other = (await v2Feed()).items.find(
      (item) => item.work.officeCode !== 'LOM' && item.status === 'submitted',
    )!;
    const elsewhere = await call(`/api/v1/applications/${other.id}/events`, {
      key: idempotencyKey(),
      body: { kind: 'case.claimed', occurredAt: current.toISOString(), payload: { by: agentA } },
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe('version-checked events', () => {
  it('a decision based on an old version is refused once a colleague on another desk asked for information', async () => {
    const application = await openApplication();
    const version = (await record(application.id)).version;
    current = new Date('2026-03-12T10:02:00.000Z');
    expect((await requestInfo(lom1, application.id, super2)).status).toBe(201);
    current = new Date('2026-03-12T10:05:00.000Z');
    const stale = await reject(lom2, application, agentB, { expectedVersion: version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.message).toBe(
      'Le dossier a changé depuis votre décision : Ablavi Dossou a demandé un complément le 12/03 à 10:02. Ouvrez le conflit pour comparer les deux versions.',
    );
    expect(stale.body.error.details).toEqual({
      expectedVersion: version,
      currentVersion: version + 1,
      changes: [
        {
          version: version + 1,
          kind: 'info.requested',
          actor: super2,
          deskId: lom1.id,
          at: '2026-03-12T10:02:00.000Z',
          matters: true,
        },
      ],
    });
    expect((await record(application.id)).status).toBe('info_requested');
  });

  it("a desk's own earlier events never make its next one stale", async () => {
    const application = await openApplication();
    const version = (await record(application.id)).version;
    expect((await claim(lom1, application.id, agentA)).status).toBe(201);
    expect(
      (await requestInfo(lom1, application.id, agentA, { expectedVersion: version })).status,
    ).toBe(201);
    const rejected = await reject(lom1, application, agentA, { expectedVersion: version });
    expect(rejected.status).toBe(201);
    expect((await record(application.id)).status).toBe('rejected');
  });

  it('a withdrawal on the portal makes a decision stale; an event without expectedVersion is not checked', async () => {
    const application = await openApplication();
    const version = (await record(application.id)).version;
    current = new Date('2026-03-12T11:20:00.000Z');
    expect(
      (await call(`/__sim/applications/${application.id}/withdraw`, { body: {} })).status,
    ).toBe(200);
    const stale = await reject(lom1, application, agentA, { expectedVersion: version });
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.message).toBe(
      'Le dossier a changé depuis votre décision : le demandeur a retiré sa demande le 12/03 à 11:20. Ouvrez le conflit pour comparer les deux versions.',
    );
    expect(stale.body.error.details.changes[0].kind).toBe('portal.withdrawn');
    // Without expectedVersion the status rules answer, as in v1.
    const unchecked = await reject(lom1, application, agentA);
    expect(unchecked.body.error.code).toBe('case_closed');
  });
});

describe('four-eyes', () => {
  it('the proposer cannot validate their own proposal; another supervisor can', async () => {
    const application = await openApplication();
    expect((await claim(lom1, application.id, super1)).status).toBe(201);
    const proposed = await send(
      lom1,
      application.id,
      'signoff.requested',
      { requestedBy: super1, comment: 'Pièces conformes.' },
      { actor: super1 },
    );
    expect(proposed.status).toBe(201);
    let item = (await v2Feed()).items.find((candidate) => candidate.id === application.id)!;
    expect(item.status).toBe('pending_signoff');
    expect(item.work.lease).toBeNull();
    expect(item.work.signoff).toEqual({
      proposedBy: super1,
      proposedAt: START.toISOString(),
      comment: 'Pièces conformes.',
    });

    const approve = (desk: Desk, who: Person) =>
      send(
        desk,
        application.id,
        'decision.approved',
        { decidedBy: super1, signedOffBy: who },
        { actor: who },
      );
    const own = await approve(lom2, super1);
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('four_eyes');
    expect(own.body.error.message).toBe(
      'Règle des quatre yeux : Edem Lawson a proposé cette décision ; un autre superviseur doit la valider.',
    );
    const other = await approve(lom2, super2);
    expect(other.status).toBe(201);
    item = (await v2Feed()).items.find((candidate) => candidate.id === application.id)!;
    expect(item.status).toBe('approved');
    expect(item.work.signoff).toBeNull();
    expect(item.work.lease.holder).toEqual(super2);
    expect(item.work.lastDecision).toEqual({
      kind: 'decision.approved',
      decidedBy: super1,
      signedOffBy: super2,
      at: START.toISOString(),
      deskId: lom2.id,
    });
  });
});
