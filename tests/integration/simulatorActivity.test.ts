import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatorCall, type ApiBody, type CallInit } from '../support/simulatorHttp';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';

/**
 * The long-poll doorbell (design multi-desk §3.11) on the simulator, over real HTTP. Every test starts its own simulator (controllable clock for the
 * records), enrolls LOM-01, LOM-02 and KAR-01, and creates agent Kossi Agbodjan and supervisor Edem
 * Lawson in LOM's directory. The doorbell waits in real time, so its tests measure real time,
 * loosely.
 */

const TOKEN = 'jeton-de-test-activite';
const START = new Date('2026-03-12T09:30:00.000Z');
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const VERIFIER =
  'scrypt$65536$8$1$kTh/0nAGcQRFL2F0dEF5gA==$+NJxHb9nGngrhmwfJpn3cMboTX4klX8JjXcabgUFPj0=';

let current = START;
let sim: PortalSimulator;
let closed = false;

function call(path: string, init: CallInit = {}) {
  return simulatorCall(sim.url, TOKEN, path, init);
}

const idempotencyKey = () => `cle-${randomUUID()}`;
const newKey = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

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
    body: {
      actor: admin,
      account: {
        id: person.id,
        username: person.id.slice(2),
        displayName: person.displayName,
        role,
        procedureCodes: null,
        verifier: VERIFIER,
        mustChangePassword: false,
      },
    },
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

const claim = (desk: Desk, id: string, who: Person, key?: string) =>
  send(desk, id, 'case.claimed', { by: who }, who, key);

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
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    expect((await claim(lom2, application.id, agent)).status).toBe(201);
    const started = Date.now();
    const answer = await changes(lom1, `?since=${first.body.token}&wait=20`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answer.status).toBe(200);
    // A claim bumps the record's version: the applications feed moved.
    expect(answer.body).toEqual({ ...NOTHING, token: answer.body.token, applications: true });
    expect(Number(answer.body.token.slice(2))).toBeGreaterThan(Number(first.body.token.slice(2)));
  });

  it('holds the request until an event is accepted, then answers at once', async () => {
    const application = await openLomApplication();
    const since = await currentToken(lom2);
    const started = Date.now();

    const waiting = changes(lom2, `?since=${since}&wait=20`).then((answer) => ({
      answer,
      at: Date.now(),
    }));
    await sleep(400);
    const postedAt = Date.now();
    expect((await claim(lom1, application.id, agent)).status).toBe(201);
    const { answer, at } = await waiting;
    expect(at).toBeGreaterThanOrEqual(postedAt);
    expect(at - started).toBeLessThan(5_000);
    expect(answer.status).toBe(200);
    // A claim bumps the record's version.
    expect(answer.body).toEqual({ ...NOTHING, token: answer.body.token, applications: true });
    expect(answer.body.token).not.toBe(since);
    // Another office's desk is not woken by LOM's events.
    const karToken = await currentToken(kar1, 'KAR');
    expect((await send(lom1, application.id, 'case.released', { by: agent }, agent)).status).toBe(
      201,
    );
    const kar = await changes(kar1, `?since=${karToken}&wait=1`, 'KAR');
    expect(kar.body).toEqual({ ...NOTHING, token: karToken });
  });

  it('times out with nothing moved and the same token', async () => {
    const since = await currentToken();
    const started = Date.now();
    const answer = await changes(lom1, `?since=${since}&wait=1`);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);
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
    const started = Date.now();
    await sim.close();
    closed = true;
    expect(Date.now() - started).toBeLessThan(3_000);
    const settled = await waiting;
    expect(settled.at - started).toBeLessThan(3_000);
    expect('answer' in settled ? settled.answer.body : settled).toEqual({
      ...NOTHING,
      token: since,
    });
  });
});
