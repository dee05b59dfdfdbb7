import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
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
 * Key registry, number blocks and certificate registry on the simulator (design multi-desk §3.5,
 * §3.6, §4; steps 5–7), over real HTTP with a controllable clock. Every test starts its own
 * simulator and enrolls LOM-01, LOM-02 (joined with a code) and KAR-01 through the routes.
 */

const TOKEN = 'jeton-de-test-registre';
const START = new Date('2026-03-12T09:30:00.000Z');
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const PREFIX = new Map(procedures.map((p) => [p.code, p.certificate.numberPrefix]));
const VERIFIER = TEST_VERIFIER;

let current = START;
let sim: PortalSimulator;

function call(path: string, init: CallInit = {}) {
  return simulatorCall(sim.url, TOKEN, path, init);
}

const newKey = newPublicKeyPem;

interface Desk {
  id: string;
  token: string;
  keyId: string;
  pem: string;
  admin: { id: string; displayName: string };
  blocks: ApiBody[];
}

async function firstDesk(officeCode: string): Promise<Desk> {
  const admin = { id: `u-${randomUUID()}`, displayName: 'Ablavi Dossou' };
  const pem = newKey();
  const enrolled = await call('/api/v2/desks', {
    key: idempotencyKey(),
    body: {
      mode: 'first',
      officeCode,
      label: 'Guichet 1',
      publicKeyPem: pem,
      administrator: {
        id: admin.id,
        username: `admin.${officeCode.toLowerCase()}.${randomUUID().slice(0, 8)}`,
        displayName: admin.displayName,
        verifier: VERIFIER,
      },
      legacy: null,
    },
  });
  expect(enrolled.status).toBe(201);
  return {
    id: enrolled.body.desk.id,
    token: enrolled.body.deskToken,
    keyId: enrolled.body.desk.keyId,
    pem,
    admin,
    blocks: enrolled.body.blocks,
  };
}

async function joinDesk(officeCode: string, by: Desk): Promise<Desk> {
  const code = await call(`/api/v2/offices/${officeCode}/enrollment-codes`, {
    token: by.token,
    body: { actor: by.admin, label: 'Guichet 2' },
  });
  expect(code.status).toBe(201);
  const pem = newKey();
  const joined = await call('/api/v2/desks', {
    key: idempotencyKey(),
    body: {
      mode: 'join',
      officeCode,
      enrollmentCode: code.body.code,
      label: 'Guichet 2',
      publicKeyPem: pem,
      legacy: null,
    },
  });
  expect(joined.status).toBe(201);
  return {
    id: joined.body.desk.id,
    token: joined.body.deskToken,
    keyId: joined.body.desk.keyId,
    pem,
    admin: by.admin,
    blocks: joined.body.blocks,
  };
}

let lom1: Desk;
let lom2: Desk;
let kar1: Desk;

beforeEach(async () => {
  current = START;
  sim = await startPortalSimulator({
    seed: 57,
    count: 30,
    port: 0,
    token: TOKEN,
    procedures,
    now: () => current,
    // v1 events stand for another client of the portal (refused by default: office_requires_v2).
    acceptV1InEnrolledOffices: true,
  });
  lom1 = await firstDesk('LOM');
  lom2 = await joinDesk('LOM', lom1);
  kar1 = await firstDesk('KAR');
});
afterEach(async () => {
  await sim?.close();
});

async function feed(token: string, query = ''): Promise<ApiBody> {
  const page = await call(`/api/v2/registry${query}`, { token });
  expect(page.status).toBe(200);
  return page.body;
}

async function retire(desk: Desk, by: Desk) {
  const retired = await call(`/api/v2/offices/LOM/desks/${desk.id}/retire`, {
    token: by.token,
    body: { actor: by.admin, reason: 'PC remplacé' },
  });
  expect(retired.status).toBe(200);
}

/** `count` applications of the feed, driven to `approved` with v1 events (portal token). */
async function approvedApplications(count: number): Promise<{ id: string; procedure: string }[]> {
  const page = await call('/api/v1/applications?limit=100');
  expect(page.status).toBe(200);
  const open = (page.body.items as ApiBody[]).filter((item) =>
    ['submitted', 'in_review'].includes(item.status),
  );
  expect(open.length).toBeGreaterThanOrEqual(count);
  const chosen = open.slice(0, count);
  for (const item of chosen) {
    const approved = await call(`/api/v1/applications/${item.id}/events`, {
      key: idempotencyKey(),
      body: {
        kind: 'decision.approved',
        occurredAt: current.toISOString(),
        payload: { decidedBy: { id: 'u-chef', displayName: 'Kodjo Mensah' } },
      },
    });
    expect(approved.status).toBe(201);
    const record = await call(`/api/v1/applications/${item.id}`);
    expect(record.body.status).toBe('approved');
  }
  return chosen.map((item) => ({ id: item.id, procedure: item.procedureCode }));
}

function numberOf(procedure: string, sequence: number, office = 'LOM', year = 2026): string {
  return `${PREFIX.get(procedure)}-${year}-${office}-${String(sequence).padStart(6, '0')}`;
}

function issued(number: string, procedure: string, keyId: string, extra: ApiBody = {}) {
  return {
    kind: 'certificate.issued',
    occurredAt: current.toISOString(),
    payload: {
      number,
      procedureCode: procedure,
      holder: 'Société Test SARL',
      issuedAt: current.toISOString(),
      expiresOn: null,
      keyId,
      qrText: `BUR1|${number}`,
      issuedBy: { id: 'u-chef', displayName: 'Kodjo Mensah' },
    },
    ...extra,
  };
}

async function sendEvent(desk: Desk, applicationId: string, body: unknown, key = idempotencyKey()) {
  return call(`/api/v2/applications/${applicationId}/events`, { token: desk.token, body, key });
}

function blockOf(desk: Desk, procedure: string): ApiBody {
  const block = desk.blocks.find((candidate) => candidate.procedureCode === procedure);
  expect(block).toBeDefined();
  return block as ApiBody;
}

describe('key registry and its feed', () => {
  it('lists every desk key in order, nationally, page by page', async () => {
    const fromKar = await feed(kar1.token);
    expect(fromKar.hasMore).toBe(false);
    expect(fromKar.items).toEqual([
      {
        sequence: 1,
        type: 'key.registered',
        keyId: lom1.keyId,
        officeCode: 'LOM',
        deskId: 'LOM-01',
        publicKeyPem: lom1.pem,
        at: START.toISOString(),
      },
      expect.objectContaining({ sequence: 2, keyId: lom2.keyId, deskId: 'LOM-02' }),
      expect.objectContaining({ sequence: 3, keyId: kar1.keyId, deskId: 'KAR-01' }),
    ]);
    expect(fromKar.nextCursor).toBe('r:3');
    expect(await feed(lom1.token)).toEqual(fromKar);

    const first = await feed(lom2.token, '?limit=2');
    expect(first.items.map((item: ApiBody) => item.sequence)).toEqual([1, 2]);
    expect(first).toMatchObject({ nextCursor: 'r:2', hasMore: true });
    const second = await feed(lom2.token, `?cursor=${first.nextCursor}&limit=2`);
    expect(second.items.map((item: ApiBody) => item.sequence)).toEqual([3]);
    expect(second).toMatchObject({ nextCursor: 'r:3', hasMore: false });
    const empty = await feed(lom2.token, '?cursor=r:3');
    expect(empty).toEqual({ items: [], nextCursor: 'r:3', hasMore: false });

    for (const query of ['?cursor=c:1', '?cursor=r:9', '?limit=0', '?limit=1001']) {
      const refused = await call(`/api/v2/registry${query}`, { token: lom1.token });
      expect(refused.status, query).toBe(400);
      expect(['invalid_cursor', 'invalid_limit']).toContain(refused.body.error.code);
    }
    const portal = await call('/api/v2/registry');
    expect(portal.status).toBe(403);
  });

  it('registers a rotation key, revokes keys of its own office only, and retirement revokes a desk’s keys', async () => {
    const notAdmin = await call('/api/v2/keys', {
      token: lom1.token,
      body: { actor: { id: 'u-inconnu', displayName: 'Inconnu' }, publicKeyPem: newKey() },
    });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error.code).toBe('actor_not_allowed');

    current = new Date('2026-03-13T08:00:00.000Z');
    const rotationPem = newKey();
    const rotated = await call('/api/v2/keys', {
      token: lom1.token,
      body: { actor: lom1.admin, publicKeyPem: rotationPem },
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toEqual({
      keyId: expect.stringMatching(/^LOM-[0-9a-f]{8}$/),
      registeredAt: current.toISOString(),
    });

    const otherOffice = await call(`/api/v2/keys/${kar1.keyId}/revoke`, {
      token: lom1.token,
      body: { actor: lom1.admin, reason: 'compromised' },
    });
    expect(otherOffice.status).toBe(403);
    const unknownKey = await call('/api/v2/keys/LOM-00000000/revoke', {
      token: lom1.token,
      body: { actor: lom1.admin, reason: 'retired' },
    });
    expect(unknownKey.status).toBe(404);

    const revoked = await call(`/api/v2/keys/${rotated.body.keyId}/revoke`, {
      token: lom1.token,
      body: { actor: lom1.admin, reason: 'compromised', compromisedSince: '2026-02-01' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.key).toMatchObject({
      keyId: rotated.body.keyId,
      revokedAt: current.toISOString(),
      revocation: { reason: 'compromised', compromisedSince: '2026-02-01' },
    });

    await retire(lom2, lom1);
    const items = (await feed(kar1.token, '?cursor=r:3')).items;
    expect(items).toEqual([
      {
        sequence: 4,
        type: 'key.registered',
        keyId: rotated.body.keyId,
        officeCode: 'LOM',
        deskId: 'LOM-01',
        publicKeyPem: rotationPem,
        at: '2026-03-13T08:00:00.000Z',
      },
      {
        sequence: 5,
        type: 'key.revoked',
        keyId: rotated.body.keyId,
        reason: 'compromised',
        compromisedSince: '2026-02-01',
        at: '2026-03-13T08:00:00.000Z',
      },
      {
        sequence: 6,
        type: 'key.revoked',
        keyId: lom2.keyId,
        reason: 'retired',
        compromisedSince: null,
        at: '2026-03-13T08:00:00.000Z',
      },
    ]);
  });

  it('serves the bundle of keys and negative statuses to desks and to the portal token', async () => {
    await retire(lom2, lom1);
    for (const token of [TOKEN, kar1.token]) {
      const bundle = await call('/api/v2/registry/bundle', { token });
      expect(bundle.status).toBe(200);
      expect(bundle.body).toEqual({
        format: 'bureau-keys/1',
        exportedAt: START.toISOString(),
        source: 'portail',
        keys: [
          {
            keyId: lom1.keyId,
            officeCode: 'LOM',
            deskId: 'LOM-01',
            publicKeyPem: lom1.pem,
            registeredAt: START.toISOString(),
            revokedAt: null,
            revocation: null,
          },
          expect.objectContaining({
            keyId: lom2.keyId,
            revokedAt: START.toISOString(),
            revocation: { reason: 'retired', compromisedSince: null },
          }),
          expect.objectContaining({ keyId: kar1.keyId, officeCode: 'KAR', revokedAt: null }),
        ],
        certificates: [],
      });
    }
  });
});

describe('number blocks', () => {
  it('gives each enrolled desk a current and a reserve block per procedure, never overlapping', async () => {
    expect(lom1.blocks).toHaveLength(procedures.length * 2);
    expect(blockOf(lom1, 'COM-CO')).toEqual({
      id: 'blk-LOM-COM-CO-2026-0001',
      procedureCode: 'COM-CO',
      year: 2026,
      officeCode: 'LOM',
      first: 500001,
      last: 500500,
    });
    expect(lom1.blocks.filter((block) => block.procedureCode === 'COM-CO')[1]).toMatchObject({
      id: 'blk-LOM-COM-CO-2026-0002',
      first: 500501,
      last: 501000,
    });
    expect(blockOf(lom2, 'COM-CO')).toMatchObject({
      id: 'blk-LOM-COM-CO-2026-0003',
      first: 501001,
    });
    expect(blockOf(kar1, 'COM-CO')).toMatchObject({ officeCode: 'KAR', first: 500001 });

    for (const procedure of procedures) {
      const ranges = [...lom1.blocks, ...lom2.blocks]
        .filter((block) => block.procedureCode === procedure.code)
        .sort((a, b) => a.first - b.first);
      expect(ranges).toHaveLength(4);
      expect(ranges[0]?.first).toBe(500001);
      for (let i = 1; i < ranges.length; i += 1) {
        expect(ranges[i]?.first).toBe((ranges[i - 1]?.last as number) + 1);
        expect(ranges[i]?.last - ranges[i]?.first).toBe(499);
      }
    }

    const listed = await call('/api/v2/numbering/blocks', { token: lom2.token });
    expect(listed.status).toBe(200);
    expect(listed.body.blocks).toHaveLength(procedures.length * 2);
    expect(listed.body.blocks[0]).toEqual({
      ...lom2.blocks[0],
      state: 'open',
      highestRegistered: null,
      lastUsed: null,
    });
  });

  it('refuses a fifth open block, an unknown procedure and closed years; a return frees a place', async () => {
    const ask = (year = 2026, procedureCode = 'COM-CO', key: string | null = null) =>
      call('/api/v2/numbering/blocks', {
        token: lom1.token,
        body: { procedureCode, year },
        key,
      });
    const key = idempotencyKey();
    const third = await ask(2026, 'COM-CO', key);
    expect(third.status).toBe(201);
    expect(third.body).toEqual({
      block: {
        id: 'blk-LOM-COM-CO-2026-0005',
        procedureCode: 'COM-CO',
        year: 2026,
        officeCode: 'LOM',
        first: 502001,
        last: 502500,
      },
    });
    const replay = await ask(2026, 'COM-CO', key);
    expect(replay.body).toEqual(third.body);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect((await ask()).status).toBe(201);
    const fifth = await ask();
    expect(fifth.status).toBe(409);
    expect(fifth.body.error.code).toBe('block_limit');

    const unknown = await ask(2026, 'COM-XX');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('validation_failed');
    for (const year of [2025, 2027]) {
      const closed = await ask(year);
      expect(closed.status, String(year)).toBe(409);
      expect(closed.body.error.code).toBe('year_not_open');
    }

    const outOfRange = await call(`/api/v2/numbering/blocks/${third.body.block.id}/return`, {
      token: lom1.token,
      body: { lastUsed: 1 },
    });
    expect(outOfRange.status).toBe(400);
    const notMine = await call(`/api/v2/numbering/blocks/${third.body.block.id}/return`, {
      token: lom2.token,
      body: { lastUsed: 502000 },
    });
    expect(notMine.status).toBe(404);
    const returned = await call(`/api/v2/numbering/blocks/${third.body.block.id}/return`, {
      token: lom1.token,
      body: { lastUsed: 502000 },
    });
    expect(returned.status).toBe(200);
    expect(returned.body.block).toMatchObject({ state: 'returned', lastUsed: 502000 });
    expect((await ask()).status).toBe(201);
  });

  it('opens next year from 1 December, starting at 1; an office first enrolled that year starts at 500001', async () => {
    current = new Date('2026-11-30T23:59:59.000Z');
    const early = await call('/api/v2/numbering/blocks', {
      token: lom1.token,
      body: { procedureCode: 'COM-CO', year: 2027 },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('year_not_open');

    current = new Date('2026-12-01T00:00:00.000Z');
    const next = await call('/api/v2/numbering/blocks', {
      token: lom1.token,
      body: { procedureCode: 'COM-CO', year: 2027 },
    });
    expect(next.status).toBe(201);
    expect(next.body.block).toMatchObject({
      id: 'blk-LOM-COM-CO-2027-0001',
      first: 1,
      last: 500,
    });

    current = new Date('2027-01-04T08:00:00.000Z');
    const later = await call('/api/v2/numbering/blocks', {
      token: lom2.token,
      body: { procedureCode: 'COM-CO', year: 2027 },
    });
    expect(later.body.block).toMatchObject({ first: 501, last: 1000 });
    const tab = await firstDesk('TAB');
    expect(blockOf(tab, 'COM-CO')).toMatchObject({ year: 2027, first: 500001 });
    const joined = await joinDesk('LOM', lom1);
    expect(blockOf(joined, 'COM-CO')).toMatchObject({ year: 2027, first: 1001 });
  });

  it('closes a retired desk’s open blocks', async () => {
    await retire(lom2, lom1);
    const office = await call('/__sim/offices/LOM');
    const states = (office.body.blocks as ApiBody[])
      .filter((block) => block.deskId === 'LOM-02')
      .map((block) => block.state);
    expect(states).toHaveLength(procedures.length * 2);
    expect(new Set(states)).toEqual(new Set(['closed']));
    expect(
      (office.body.blocks as ApiBody[]).filter((block) => block.deskId === 'LOM-01')[0]?.state,
    ).toBe('open');
  });
});

describe('certificate registry', () => {
  it('checks key, number, block and the application in order; a second certificate is recorded as cancelled', async () => {
    const [first, second] = await approvedApplications(2);
    if (!first || !second) throw new Error('two applications expected');
    const lom1Block = blockOf(lom1, first.procedure);
    const lom2Block = blockOf(lom2, first.procedure);
    const good = numberOf(first.procedure, lom1Block.first);

    const otherDeskKey = await sendEvent(lom1, first.id, issued(good, first.procedure, lom2.keyId));
    expect(otherDeskKey.status).toBe(409);
    expect(otherDeskKey.body.error.code).toBe('key_unknown');

    const rotated = await call('/api/v2/keys', {
      token: lom1.token,
      body: { actor: lom1.admin, publicKeyPem: newKey() },
    });
    await call(`/api/v2/keys/${rotated.body.keyId}/revoke`, {
      token: lom1.token,
      body: { actor: lom1.admin, reason: 'compromised' },
    });
    const revokedKey = await sendEvent(
      lom1,
      first.id,
      issued(good, first.procedure, rotated.body.keyId),
    );
    expect(revokedKey.status).toBe(409);
    expect(revokedKey.body.error.code).toBe('key_revoked');

    for (const number of [
      numberOf(first.procedure, lom2Block.first),
      numberOf(first.procedure, lom1Block.first, 'KAR'),
      numberOf(first.procedure, lom1Block.first, 'LOM', 2025),
      `ZZZ-2026-LOM-${String(lom1Block.first).padStart(6, '0')}`,
      numberOf(first.procedure, 600001),
    ]) {
      const notReserved = await sendEvent(
        lom1,
        first.id,
        issued(number, first.procedure, lom1.keyId),
      );
      expect(notReserved.status, number).toBe(409);
      expect(notReserved.body.error.code).toBe('number_not_reserved');
    }

    const eventKey = idempotencyKey();
    const accepted = await sendEvent(
      lom1,
      first.id,
      issued(good, first.procedure, lom1.keyId, {
        expectedVersion: 99,
        actor: lom1.admin,
        provisional: false,
      }),
      eventKey,
    );
    expect(accepted.status).toBe(201);
    expect((await call(`/api/v1/applications/${first.id}`)).body.status).toBe('issued');
    const replay = await sendEvent(
      lom1,
      first.id,
      issued(good, first.procedure, lom1.keyId, {
        expectedVersion: 99,
        actor: lom1.admin,
        provisional: false,
      }),
      eventKey,
    );
    expect(replay.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    const stored = (await call(`/__sim/events?applicationId=${first.id}`)).body.events.at(-1);
    expect(stored.v2).toEqual({
      deskId: 'LOM-01',
      expectedVersion: 99,
      actor: lom1.admin,
      provisional: false,
    });

    const lookup = await call(`/api/v2/certificates/${good}`, { token: kar1.token });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({
      number: good,
      status: 'valid',
      deskId: 'LOM-01',
      applicationId: first.id,
      issuedAt: START.toISOString(),
    });
    const blocks = await call('/api/v2/numbering/blocks', { token: lom1.token });
    expect(
      (blocks.body.blocks as ApiBody[]).find((block) => block.id === lom1Block.id),
    ).toMatchObject({ highestRegistered: lom1Block.first });

    const taken = await sendEvent(lom1, second.id, issued(good, second.procedure, lom1.keyId));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('certificate_number_taken');

    current = new Date('2026-03-14T10:00:00.000Z');
    const loser = numberOf(first.procedure, lom2Block.first);
    const exists = await sendEvent(lom2, first.id, issued(loser, first.procedure, lom2.keyId));
    expect(exists.status).toBe(409);
    expect(exists.body.error).toEqual({
      code: 'certificate_exists',
      message: `Un certificat valide existe déjà pour cette demande : ${good}, délivré le 12/03/2026 par le poste LOM-01. Le vôtre (${loser}) est enregistré comme annulé.`,
      details: {
        existing: { number: good, deskId: 'LOM-01', issuedAt: START.toISOString() },
        recordedAs: 'cancelled',
      },
    });
    const registryItems = (await feed(kar1.token)).items as ApiBody[];
    expect(registryItems.at(-1)).toEqual({
      sequence: registryItems.length,
      type: 'certificate.cancelled',
      number: loser,
      keyId: lom2.keyId,
      applicationId: first.id,
      replacedBy: good,
      at: current.toISOString(),
    });
    const lom2Blocks = await call('/api/v2/numbering/blocks', { token: lom2.token });
    expect(
      (lom2Blocks.body.blocks as ApiBody[]).find((block) => block.id === lom2Block.id),
    ).toMatchObject({ highestRegistered: lom2Block.first });
    expect((await call(`/api/v2/certificates/${loser}`)).body).toMatchObject({
      status: 'cancelled',
      deskId: 'LOM-02',
      replacedBy: good,
    });
    const bundle = await call('/api/v2/registry/bundle');
    expect(bundle.body.certificates).toEqual([
      {
        number: loser,
        status: 'cancelled',
        at: current.toISOString(),
        reason: 'Second certificat pour la même demande',
        replacedBy: good,
      },
    ]);
  });

  it('marks a certificate revoked on the v2 route; the v1 route registers nothing', async () => {
    const [first, second] = await approvedApplications(2);
    if (!first || !second) throw new Error('two applications expected');
    const number = numberOf(first.procedure, blockOf(lom1, first.procedure).first);
    expect(
      (await sendEvent(lom1, first.id, issued(number, first.procedure, lom1.keyId))).status,
    ).toBe(201);
    const revoked = await sendEvent(lom1, first.id, {
      kind: 'certificate.revoked',
      occurredAt: current.toISOString(),
      payload: { number, reason: 'Erreur sur la raison sociale' },
    });
    expect(revoked.status).toBe(201);
    expect((await feed(lom2.token)).items.at(-1)).toEqual({
      sequence: 4,
      type: 'certificate.revoked',
      number,
      reason: 'Erreur sur la raison sociale',
      at: START.toISOString(),
    });
    expect((await call(`/api/v2/certificates/${number}`)).body).toMatchObject({
      status: 'revoked',
    });

    const v1Number = numberOf(second.procedure, 1);
    const v1 = await call(`/api/v1/applications/${second.id}/events`, {
      key: idempotencyKey(),
      body: issued(v1Number, second.procedure, 'LOM-00000000'),
    });
    expect(v1.status).toBe(201);
    expect((await call(`/api/v2/certificates/${v1Number}`)).status).toBe(404);
  });

  it('accepts a number of a returned block up to lastUsed only', async () => {
    const [first] = await approvedApplications(1);
    if (!first) throw new Error('an application expected');
    const block = blockOf(lom1, first.procedure);
    const returned = await call(`/api/v2/numbering/blocks/${block.id}/return`, {
      token: lom1.token,
      body: { lastUsed: block.first },
    });
    expect(returned.status).toBe(200);
    const beyond = await sendEvent(
      lom1,
      first.id,
      issued(numberOf(first.procedure, block.first + 1), first.procedure, lom1.keyId),
    );
    expect(beyond.body.error.code).toBe('number_not_reserved');
    const within = await sendEvent(
      lom1,
      first.id,
      issued(numberOf(first.procedure, block.first), first.procedure, lom1.keyId),
    );
    expect(within.status).toBe(201);
  });

  it('imports legacy certificates; a number another desk imported is kept twice and flagged', async () => {
    const legacy = (number: string, keyId: string, status = 'valid', applicationId = 'app-1') => ({
      number,
      applicationId,
      keyId,
      issuedAt: '2026-01-15T10:00:00.000Z',
      status,
    });
    const batch = [
      legacy('CO-2026-LOM-000001', lom1.keyId),
      legacy('CO-2026-LOMB-000002', lom1.keyId, 'revoked', 'app-2'),
    ];
    const first = await call('/api/v2/certificates/import', {
      token: lom1.token,
      body: { certificates: batch },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ imported: 2, duplicates: [] });
    expect((await feed(kar1.token)).items.at(-1)).toMatchObject({
      type: 'certificate.revoked',
      number: 'CO-2026-LOMB-000002',
    });

    const other = await call('/api/v2/certificates/import', {
      token: lom2.token,
      body: { certificates: [legacy('CO-2026-LOM-000001', lom2.keyId, 'valid', 'app-9')] },
    });
    expect(other.body).toEqual({
      imported: 1,
      duplicates: [{ number: 'CO-2026-LOM-000001', otherDesk: 'LOM-01' }],
    });
    expect((await call('/api/v2/certificates/CO-2026-LOM-000001')).body).toEqual({
      number: 'CO-2026-LOM-000001',
      status: 'valid',
      deskId: 'LOM-01',
      applicationId: 'app-1',
      issuedAt: '2026-01-15T10:00:00.000Z',
      legacy: true,
      legacyDuplicate: true,
      duplicates: [
        {
          deskId: 'LOM-02',
          applicationId: 'app-9',
          issuedAt: '2026-01-15T10:00:00.000Z',
          status: 'valid',
        },
      ],
    });

    const again = await call('/api/v2/certificates/import', {
      token: lom1.token,
      body: { certificates: batch },
    });
    expect(again.body).toEqual({
      imported: 2,
      duplicates: [{ number: 'CO-2026-LOM-000001', otherDesk: 'LOM-02' }],
    });

    const foreignKey = await call('/api/v2/certificates/import', {
      token: lom1.token,
      body: { certificates: [legacy('CO-2026-LOM-000003', kar1.keyId)] },
    });
    expect(foreignKey.status).toBe(409);
    expect(foreignKey.body.error.code).toBe('key_unknown');
    const tooMany = await call('/api/v2/certificates/import', {
      token: lom1.token,
      body: {
        certificates: Array.from({ length: 501 }, (_, i) =>
          legacy(`CO-2026-LOM-${String(i + 10).padStart(6, '0')}`, lom1.keyId),
        ),
      },
    });
    expect(tooMany.status).toBe(400);
    expect((await call('/api/v2/certificates/CO-2026-LOM-999999')).status).toBe(404);
  });

  it('refuses a second certificate for an application whose legacy certificate is valid', async () => {
    const [first] = await approvedApplications(1);
    if (!first) throw new Error('an application expected');
    const imported = await call('/api/v2/certificates/import', {
      token: lom1.token,
      body: {
        certificates: [
          {
            number: 'CO-2026-LOM-000007',
            applicationId: first.id,
            keyId: lom1.keyId,
            issuedAt: '2026-02-01T09:00:00.000Z',
            status: 'valid',
          },
        ],
      },
    });
    expect(imported.status).toBe(200);
    const number = numberOf(first.procedure, blockOf(lom1, first.procedure).first);
    const refused = await sendEvent(lom1, first.id, issued(number, first.procedure, lom1.keyId));
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.existing).toEqual({
      number: 'CO-2026-LOM-000007',
      deskId: 'LOM-01',
      issuedAt: '2026-02-01T09:00:00.000Z',
    });
  });
});
