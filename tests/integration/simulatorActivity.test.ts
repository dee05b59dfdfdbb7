import { createHash } from 'node:crypto';
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
 * The office activity feed (design multi-desk §3.9) and the long-poll doorbell (§3.11) on the
 * simulator, over real HTTP. Every test starts its own simulator (controllable clock for the
 * records), enrolls LOM-01, LOM-02 and KAR-01, and creates agent Kossi Agbodjan and supervisor Edem
 * Lawson in LOM's directory. The doorbell waits in real time, so its tests measure real time,
 * loosely.
 */

const TOKEN = 'jeton-de-test-activite';
const START = new Date('2026-03-12T09:30:00.000Z');
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const VERIFIER = TEST_VERIFIER;

let current = START;
let sim: PortalSimulator;
let closed = false;

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
let kar1: Desk;
const admin: Person = { id: 'u-admin-lom', displayName: 'Afi Kpodar' };
const agent: Person = { id: 'u-kossi', displayName: 'Kossi Agbodjan' };
const supervisor: Person = { id: 'u-edem', displayName: 'Edem Lawson' };

async function firstDesk(officeCode: string, administrator: Person): Promise<Desk> {
  const first = await call('/api/v2/desks', {
    key: idempotencyKey(),
    body: {
      mode: 'first',
      officeCode,
      label: 'Guichet 1',
      publicKeyPem: newKey(),
      administrator: {
        ...administrator,
        username: `admin.${officeCode.toLowerCase()}`,
        verifier: VERIFIER,
      },
      legacy: null,
    },
  });
  expect(first.status).toBe(201);
  return { id: first.body.desk.id, token: first.body.deskToken };
}

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
  closed = false;
  sim = await startPortalSimulator({
    seed: 88,
    count: 60,
    port: 0,
    token: TOKEN,
    procedures,
    now: () => current,
    // v1 events stand for another client of the portal (refused by default: office_requires_v2).
    acceptV1InEnrolledOffices: true,
  });
  lom1 = await firstDesk('LOM', admin);
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
  kar1 = await firstDesk('KAR', { id: 'u-admin-kar', displayName: 'Essi Tchalla' });
  await createAccount(agent, 'agent');
  await createAccount(supervisor, 'superviseur');
});
afterEach(async () => {
  if (!closed) await sim?.close();
});

/** An open application routed to LOM, not yet used by the test. */
const used = new Set<string>();
async function openLomApplication(): Promise<ApiBody> {
  const page = await call('/api/v2/applications?limit=500', { token: lom1.token });
  expect(page.status).toBe(200);
  const found = (page.body.items as ApiBody[]).find(
    (item) =>
      item.work?.officeCode === 'LOM' &&
      ['submitted', 'in_review'].includes(item.status) &&
      !used.has(item.id),
  );
  expect(found).toBeDefined();
  used.add(found!.id);
  return found!;
}

async function versionOf(id: string): Promise<number> {
  const answer = await call(`/api/v1/applications/${id}`);
  expect(answer.status).toBe(200);
  return answer.body.version;
}

function send(
  desk: Desk,
  id: string,
  kind: string,
  payload: ApiBody,
  who: Person,
  key = idempotencyKey(),
) {
  return call(`/api/v2/applications/${id}/events`, {
    token: desk.token,
    key,
    body: { kind, occurredAt: current.toISOString(), payload, actor: who },
  });
}

const note = (desk: Desk, id: string, who: Person, key?: string) =>
  send(desk, id, 'note.added', { body: 'Appelé le demandeur.', author: who }, who, key);
const claim = (desk: Desk, id: string, who: Person, key?: string) =>
  send(desk, id, 'case.claimed', { by: who }, who, key);

function activity(desk: Desk, query = '', office = 'LOM') {
  return call(`/api/v2/offices/${office}/activity${query}`, { token: desk.token });
}

function changes(desk: Desk, query = '', office = 'LOM') {
  return call(`/api/v2/offices/${office}/changes${query}`, { token: desk.token });
}

/** The office's current doorbell token (asked without `since`: answered at once). */
async function currentToken(desk: Desk = lom1, office = 'LOM'): Promise<string> {
  const answer = await changes(desk, '', office);
  expect(answer.status).toBe(200);
  return answer.body.token;
}

const NOTHING = {
  applications: false,
  activity: false,
  directory: false,
  registry: false,
  desks: false,
  textModules: false,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('office activity feed', () => {
  it('lists a note, a claim and a decision in order, with desk and actor, page by page', async () => {
    const application = await openLomApplication();
    const procedure = procedures.find((p) => p.code === application.procedureCode)!;
    const keys = [idempotencyKey(), idempotencyKey(), idempotencyKey()];
    expect((await note(lom1, application.id, agent, keys[0])).status).toBe(201);
    const versionAfterNote = await versionOf(application.id);
    current = new Date(START.getTime() + 60_000);
    expect((await claim(lom2, application.id, agent, keys[1])).status).toBe(201);
    const versionAfterClaim = await versionOf(application.id);
    current = new Date(START.getTime() + 120_000);
    const decisionPayload = {
      reasonCodes: [procedure.rejectReasons[0]!.code],
      comment: 'Pièce illisible.',
      decidedBy: agent,
    };
    const decided = await send(
      lom2,
      application.id,
      'decision.rejected',
      decisionPayload,
      agent,
      keys[2],
    );
    expect(decided.status).toBe(201);
    const versionAfterDecision = await versionOf(application.id);
    expect(versionAfterClaim).toBeGreaterThan(versionAfterNote);
    expect(versionAfterDecision).toBeGreaterThan(versionAfterClaim);

    const all = await activity(lom2);
    expect(all.status).toBe(200);
    expect(all.response.headers.get('cache-control')).toBe('no-store');
    expect(all.body).toEqual({
      items: [
        {
          sequence: 1,
          applicationId: application.id,
          kind: 'note.added',
          idempotencyKey: keys[0],
          deskId: lom1.id,
          actor: agent,
          occurredAt: START.toISOString(),
          receivedAt: START.toISOString(),
          version: versionAfterNote,
          payload: { body: 'Appelé le demandeur.', author: agent },
        },
        {
          sequence: 2,
          applicationId: application.id,
          kind: 'case.claimed',
          idempotencyKey: keys[1],
          deskId: lom2.id,
          actor: agent,
          occurredAt: '2026-03-12T09:31:00.000Z',
          receivedAt: '2026-03-12T09:31:00.000Z',
          version: versionAfterClaim,
          payload: { by: agent },
        },
        {
          sequence: 3,
          applicationId: application.id,
          kind: 'decision.rejected',
          idempotencyKey: keys[2],
          deskId: lom2.id,
          actor: agent,
          occurredAt: '2026-03-12T09:32:00.000Z',
          receivedAt: '2026-03-12T09:32:00.000Z',
          version: versionAfterDecision,
          payload: decisionPayload,
        },
      ],
      nextCursor: 'a:3',
      hasMore: false,
    });
    // The other desk of the office reads the same feed.
    expect((await activity(lom1)).body).toEqual(all.body);

    const first = await activity(lom1, '?limit=2');
    expect(first.body.items.map((item: ApiBody) => item.sequence)).toEqual([1, 2]);
    expect(first.body).toMatchObject({ nextCursor: 'a:2', hasMore: true });
    const second = await activity(lom1, `?cursor=${first.body.nextCursor}&limit=2`);
    expect(second.body.items.map((item: ApiBody) => item.sequence)).toEqual([3]);
    expect(second.body).toMatchObject({ nextCursor: 'a:3', hasMore: false });
    const empty = await activity(lom1, '?cursor=a:3');
    expect(empty.body).toEqual({ items: [], nextCursor: 'a:3', hasMore: false });

    for (const query of ['?cursor=c:1', '?cursor=a:-1', '?limit=0', '?limit=501', '?limit=x']) {
      const refused = await activity(lom1, query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code, query).toBe('validation_failed');
    }
    // KAR's feed has none of LOM's events.
    const kar = await activity(kar1, '', 'KAR');
    expect(kar.status).toBe(200);
    expect(kar.body).toEqual({ items: [], nextCursor: 'a:0', hasMore: false });
  });

  it('lists v1 events without desk or actor, and leaves the certificate PDF out', async () => {
    const application = await openLomApplication();
    const decidedBy = { id: 'u-chef', displayName: 'Kodjo Mensah' };
    const approved = await call(`/api/v1/applications/${application.id}/events`, {
      key: idempotencyKey(),
      body: { kind: 'decision.approved', occurredAt: START.toISOString(), payload: { decidedBy } },
    });
    expect(approved.status).toBe(201);
    const pdf = Buffer.from('%PDF-1.4 certificat de test\n%%EOF\n');
    const document = {
      fileName: 'certificat.pdf',
      mimeType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      base64: pdf.toString('base64'),
    };
    const issuedKey = idempotencyKey();
    const issued = await call(`/api/v1/applications/${application.id}/events`, {
      key: issuedKey,
      body: {
        kind: 'certificate.issued',
        occurredAt: START.toISOString(),
        payload: { number: 'CO-2026-LOM-000001', issuedBy: decidedBy, document },
      },
    });
    expect(issued.status).toBe(201);

    const feed = await activity(lom1);
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((item: ApiBody) => item.kind)).toEqual([
      'decision.approved',
      'certificate.issued',
    ]);
    const certificate = feed.body.items[1];
    expect(certificate).toMatchObject({
      sequence: 2,
      idempotencyKey: issuedKey,
      deskId: null,
      actor: null,
      version: await versionOf(application.id),
    });
    const { base64: _base64, ...withoutPdf } = document;
    expect(certificate.payload).toEqual({
      number: 'CO-2026-LOM-000001',
      issuedBy: decidedBy,
      document: withoutPdf,
    });
    expect(JSON.stringify(feed.body)).not.toContain(document.base64);
    // The portal itself still serves the PDF.
    const served = await fetch(`${sim.url}/api/v1/applications/${application.id}/certificate`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('is read by a desk of the office only', async () => {
    const application = await openLomApplication();
    expect((await note(lom1, application.id, agent)).status).toBe(201);
    const fromKar = await activity(kar1);
    expect(fromKar.status).toBe(403);
    expect(fromKar.body.error.code).toBe('forbidden');
    const portal = await call('/api/v2/offices/LOM/activity');
    expect(portal.status).toBe(403);
    expect(portal.body.error.code).toBe('forbidden');
    const unknownDesk = await call('/api/v2/offices/LOM/activity', { token: 'dt_inconnu' });
    expect(unknownDesk.status).toBe(401);
    expect((await activity(lom2)).body.items).toHaveLength(1);
  });
});

describe('long-poll doorbell', () => {
  it('answers at once without a token, or with a token older than the office’s', async () => {
    const first = await changes(lom1, '?wait=20');
    expect(first.status).toBe(200);
    expect(first.response.headers.get('cache-control')).toBe('no-store');
    expect(first.body).toMatchObject({
      applications: true,
      activity: true,
      directory: true,
      registry: true,
      desks: true,
    });
    expect(first.body.token).toMatch(/^w:\d+$/);

    const application = await openLomApplication();
    expect((await note(lom2, application.id, agent)).status).toBe(201);
    // An old token answers at once (a held answer would come only after an event or 20 s).
    const answer = await changes(lom1, `?since=${first.body.token}&wait=20`);
    expect(answer.status).toBe(200);
    // A note changes no version: only the activity feed moved.
    expect(answer.body).toEqual({ ...NOTHING, token: answer.body.token, activity: true });
    expect(Number(answer.body.token.slice(2))).toBeGreaterThan(Number(first.body.token.slice(2)));
  });

  it('holds the request until an event is accepted, then answers at once', async () => {
    const application = await openLomApplication();
    const since = await currentToken(lom2);

    const waiting = changes(lom2, `?since=${since}&wait=20`).then((answer) => ({
      answer,
      at: Date.now(),
    }));
    await sleep(400);
    const postedAt = Date.now();
    expect((await claim(lom1, application.id, agent)).status).toBe(201);
    const { answer, at } = await waiting;
    // Answered after the claim, and because of it (a timeout would say nothing moved).
    expect(at).toBeGreaterThanOrEqual(postedAt);
    expect(answer.status).toBe(200);
    // A claim bumps the record's version and adds an activity item.
    expect(answer.body).toEqual({
      ...NOTHING,
      token: answer.body.token,
      applications: true,
      activity: true,
    });
    expect(answer.body.token).not.toBe(since);
    // Another office's desk is not woken by LOM's events.
    const karToken = await currentToken(kar1, 'KAR');
    expect((await note(lom1, application.id, agent)).status).toBe(201);
    const kar = await changes(kar1, `?since=${karToken}&wait=1`, 'KAR');
    expect(kar.body).toEqual({ ...NOTHING, token: karToken });
  });

  it('times out with nothing moved and the same token', async () => {
    const since = await currentToken();
    const answer = await changes(lom1, `?since=${since}&wait=1`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ...NOTHING, token: since });
    // wait=0 (or absent) with the current token answers at once, nothing moved.
    const now = await changes(lom1, `?since=${since}`);
    expect(now.body).toEqual({ ...NOTHING, token: since });
  });

  it('rings for the directory, the desks list, the registry and portal-side changes', async () => {
    let since = await currentToken();
    const next = async () => {
      const answer = await changes(lom1, `?since=${since}`);
      expect(answer.status).toBe(200);
      since = answer.body.token;
      return answer.body;
    };
    await createAccount({ id: 'u-yao', displayName: 'Yao Mensah' }, 'agent');
    expect(await next()).toEqual({ ...NOTHING, token: since, directory: true });

    // An administrator adds a phrase for the office's comment boxes from one of its desks.
    const phrase = await call(
      '/api/v2/offices/LOM/text-modules/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      {
        method: 'PUT',
        token: lom1.token,
        body: {
          actor: admin,
          expectedVersion: 0,
          textModule: {
            keyword: 'rccm-ancien',
            title: 'RCCM trop ancien',
            body: 'L’extrait RCCM fourni date de plus de trois mois.',
            procedureCode: null,
            contexts: ['requestInfo'],
            retired: false,
          },
        },
      },
    );
    expect(phrase.status).toBe(200);
    expect(await next()).toEqual({ ...NOTHING, token: since, textModules: true });

    // A desk enrolled in KAR registers a key: the national registry moves for LOM too.
    const code = await call('/api/v2/offices/KAR/enrollment-codes', {
      token: kar1.token,
      body: { actor: { id: 'u-admin-kar', displayName: 'Essi Tchalla' }, label: 'Guichet 2' },
    });
    expect(code.status).toBe(201);
    const joined = await call('/api/v2/desks', {
      key: idempotencyKey(),
      body: {
        mode: 'join',
        officeCode: 'KAR',
        enrollmentCode: code.body.code,
        label: 'Guichet 2',
        publicKeyPem: newKey(),
        legacy: null,
      },
    });
    expect(joined.status).toBe(201);
    expect(await next()).toEqual({ ...NOTHING, token: since, registry: true });

    const retired = await call(`/api/v2/offices/LOM/desks/${lom2.id}/retire`, {
      token: lom1.token,
      body: { actor: admin, reason: 'PC remplacé' },
    });
    expect(retired.status).toBe(200);
    // Retiring revokes the desk's key: the registry moves with the desks list.
    expect(await next()).toEqual({ ...NOTHING, token: since, desks: true, registry: true });

    // A desk's status report does not ring.
    const status = await call('/api/v2/desks/self/status', {
      method: 'PUT',
      token: lom1.token,
      body: {
        appVersion: '1.9.0',
        directorySequence: 3,
        activityCursor: 'a:0',
        pendingActions: 2,
        failedActions: 0,
      },
    });
    expect(status.status).toBe(200);
    expect(await next()).toEqual({ ...NOTHING, token: since });

    // The applicant withdraws on the portal: the applications feed moves.
    const application = await openLomApplication();
    const withdrawn = await call(`/__sim/applications/${application.id}/withdraw`, {
      method: 'POST',
    });
    expect(withdrawn.status).toBe(200);
    expect(await next()).toEqual({ ...NOTHING, token: since, applications: true });
  });

  it('refuses bad parameters and desks of other offices', async () => {
    for (const query of ['?since=c:1', '?since=w:', '?since=w:-1', '?wait=-1', '?wait=abc']) {
      const refused = await changes(lom1, query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code, query).toBe('validation_failed');
    }
    // Over maxWaitSeconds is capped, not refused.
    expect((await changes(lom1, '?wait=99')).status).toBe(200);
    const fromKar = await changes(kar1);
    expect(fromKar.status).toBe(403);
    expect(fromKar.body.error.code).toBe('forbidden');
    const portal = await call('/api/v2/offices/LOM/changes');
    expect(portal.status).toBe(403);
  });

  it('simulator.close() completes while a request waits, and answers it', async () => {
    const since = await currentToken();
    const waiting = changes(lom1, `?since=${since}&wait=20`).then(
      (answer) => ({ answer, at: Date.now() }),
      (error: unknown) => ({ error, at: Date.now() }),
    );
    await sleep(300);
    // close() must not wait out the 20 s (the test's own timeout would catch a hang).
    await sim.close();
    closed = true;
    const settled = await waiting;
    expect('answer' in settled ? settled.answer.body : settled).toEqual({
      ...NOTHING,
      token: since,
    });
    // A hang guard below the 20 s wait, not a measurement: close() takes milliseconds.
  }, 15_000);
});
