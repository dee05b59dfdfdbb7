import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { simulatorCall, type ApiBody, type CallInit } from '../support/simulatorHttp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { keyIdFor } from '../../src/main/core/certificates/qrPayload';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';

/**
 * Desk enrollment on the simulator (design multi-desk §3.3, step 3): first desk, enrollment codes,
 * joining, the office's desks, a desk's status and retirement, over real HTTP.
 */

const TOKEN = 'jeton-de-test-postes';
const START = new Date('2026-03-12T09:30:00.000Z');
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const VERIFIER =
  'scrypt$65536$8$1$kTh/0nAGcQRFL2F0dEF5gA==$+NJxHb9nGngrhmwfJpn3cMboTX4klX8JjXcabgUFPj0=';

let current = START;
let v2: PortalSimulator;
let v1: PortalSimulator;

/** Loosely typed JSON answers: the assertions check their shape. */

function call(simulator: PortalSimulator, path: string, init: CallInit = {}) {
  return simulatorCall(simulator.url, TOKEN, path, init);
}

function newKey() {
  const { publicKey } = generateKeyPairSync('ed25519');
  return { publicKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

function idempotencyKey(): string {
  return `cle-${randomUUID()}`;
}

interface Admin {
  id: string;
  displayName: string;
}

function firstBody(officeCode: string, admin: Admin, pem: string, extra: ApiBody = {}) {
  return {
    mode: 'first',
    officeCode,
    label: 'Guichet 1',
    publicKeyPem: pem,
    administrator: {
      id: admin.id,
      username: `admin.${officeCode.toLowerCase()}`,
      displayName: admin.displayName,
      verifier: VERIFIER,
    },
    legacy: null,
    ...extra,
  };
}

/** Enrolls the first desk of `officeCode`; answers its token and its administrator. */
async function firstDesk(officeCode: string, extra: ApiBody = {}) {
  const admin = { id: `u-${randomUUID()}`, displayName: 'Ablavi Dossou' };
  const key = newKey();
  const enrolled = await call(v2, '/api/v2/desks', {
    body: firstBody(officeCode, admin, key.pem, extra),
    key: idempotencyKey(),
  });
  expect(enrolled.status).toBe(201);
  return { admin, token: enrolled.body.deskToken as string, body: enrolled.body, key };
}

async function issueCode(officeCode: string, deskToken: string, actor: Admin, label = 'Guichet') {
  return call(v2, `/api/v2/offices/${officeCode}/enrollment-codes`, {
    token: deskToken,
    body: { actor, label },
  });
}

function joinBody(officeCode: string, code: string, pem: string, label = 'Guichet 2') {
  return { mode: 'join', officeCode, enrollmentCode: code, label, publicKeyPem: pem, legacy: null };
}

async function join2(officeCode: string, code: string) {
  return call(v2, '/api/v2/desks', {
    body: joinBody(officeCode, code, newKey().pem),
    key: idempotencyKey(),
  });
}

beforeAll(async () => {
  const common = { seed: 31, count: 1, port: 0, token: TOKEN, procedures, now: () => current };
  v2 = await startPortalSimulator(common);
  v1 = await startPortalSimulator({ ...common, api: 1 });
});
afterAll(async () => {
  await v2?.close();
  await v1?.close();
});
beforeEach(() => {
  current = START;
});

describe('first desk of an office', () => {
  it('enrolls LOM-01 with Bureau’s key id, a desk token and the administrator in the directory', async () => {
    const { admin, body, key } = await firstDesk('LOM');
    expect(body).toEqual({
      desk: {
        id: 'LOM-01',
        officeCode: 'LOM',
        label: 'Guichet 1',
        keyId: keyIdFor('LOM', key.publicKey),
        enrolledAt: START.toISOString(),
      },
      deskToken: expect.stringMatching(/^dt_[A-Za-z0-9_-]{43}$/),
      // The office moves to v2 this year: its blocks start at 500001 (design §4.2).
      blocks: expect.arrayContaining([
        expect.objectContaining({ procedureCode: 'COM-CO', first: 500001, last: 500500 }),
      ]),
    });
    const office = await call(v2, '/__sim/offices/LOM');
    expect(office.status).toBe(200);
    expect(office.body.directorySequence).toBe(1);
    expect(office.body.accounts).toEqual([
      expect.objectContaining({
        id: admin.id,
        version: 1,
        sequence: 1,
        username: 'admin.lom',
        role: 'administrateur',
        officeCode: 'LOM',
        active: true,
        updatedOnDesk: 'LOM-01',
      }),
    ]);
    expect(JSON.stringify(office.body)).not.toContain('scrypt$');
    // The token is a desk credential from now on.
    const capabilities = await call(v2, '/api/v2/capabilities', { token: body.deskToken });
    expect(capabilities.status).toBe(200);
    expect(capabilities.body.features).toContain('desks');
  });

  it('refuses a second « first » desk for the same office with office_has_desks', async () => {
    await firstDesk('KAR');
    const again = await call(v2, '/api/v2/desks', {
      body: firstBody('KAR', { id: `u-${randomUUID()}`, displayName: 'Autre' }, newKey().pem),
      key: idempotencyKey(),
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'office_has_desks',
      message:
        "Le bureau KAR a déjà des postes : demandez un code d'inscription à un administrateur du bureau.",
    });
  });

  it('imports legacy accounts with their ids and registers legacy keys to the desk', async () => {
    const agent = {
      id: 'u-agent-kossi',
      username: 'kagbodjan',
      displayName: 'Kossi Agbodjan',
      role: 'agent',
      officeCode: 'ATA',
      procedureCodes: ['COM-CO'],
      active: true,
      verifier: VERIFIER,
      mustChangePassword: false,
      passwordSetAt: '2026-03-02T08:11:00.000Z',
    };
    const oldKey = newKey();
    const legacyKey = {
      keyId: keyIdFor('ATA', oldKey.publicKey),
      publicKeyPem: oldKey.pem,
      createdAt: '2025-01-01T00:00:00.000Z',
    };
    const { admin } = await firstDesk('ATA', {
      legacy: { accounts: [agent], keys: [legacyKey], certificates: 1204 },
    });
    const office = await call(v2, '/__sim/offices/ATA');
    expect(office.body.accounts.map((account: ApiBody) => [account.id, account.version])).toEqual([
      ['u-agent-kossi', 1],
      [admin.id, 1],
    ]);
    expect(office.body.directorySequence).toBe(2);
    expect(office.body.keys.map((key: ApiBody) => [key.keyId, key.deskId])).toContainEqual([
      legacyKey.keyId,
      'ATA-01',
    ]);
    expect(office.body.legacyCertificates).toBe(1204);

    // An administrator also listed among the legacy accounts is refused.
    const duplicated = await call(v2, '/api/v2/desks', {
      body: firstBody('BAS', { id: 'u-x', displayName: 'Admin' }, newKey().pem, {
        legacy: {
          accounts: [{ ...agent, officeCode: 'BAS', username: 'admin.bas' }],
          keys: [],
          certificates: 0,
        },
      }),
      key: idempotencyKey(),
    });
    expect(duplicated.status).toBe(400);
    expect(duplicated.body.error.code).toBe('validation_failed');
    expect(duplicated.body.error.message).toContain('administrator');

    // A legacy key whose id does not name it is refused.
    const mislabelled = await call(v2, '/api/v2/desks', {
      body: firstBody('BAS', { id: 'u-x', displayName: 'Admin' }, newKey().pem, {
        legacy: {
          accounts: [],
          keys: [{ ...legacyKey, keyId: 'BAS-00000000' }],
          certificates: 0,
        },
      }),
      key: idempotencyKey(),
    });
    expect(mislabelled.status).toBe(400);
    expect(mislabelled.body.error.message).toContain('legacy.keys.0');
    expect((await call(v2, '/__sim/offices/BAS')).status).toBe(404);
  });
});

describe('enrollment codes and joining', () => {
  it('lets an administrator desk issue a code and a new desk join with it as LOM-02, once', async () => {
    const { admin, token } = await firstDesk('SOK');
    const issued = await issueCode('SOK', token, admin, 'Guichet 2');
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      code: expect.stringMatching(
        /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
      ),
      label: 'Guichet 2',
      expiresAt: new Date(START.getTime() + 30 * 60_000).toISOString(),
    });
    const joined = await join2('SOK', issued.body.code);
    expect(joined.status).toBe(201);
    expect(joined.body.desk).toMatchObject({ id: 'SOK-02', officeCode: 'SOK', label: 'Guichet 2' });
    expect(joined.body.deskToken).toMatch(/^dt_/);
    expect(joined.body.deskToken).not.toBe(token);

    const reused = await join2('SOK', issued.body.code);
    expect(reused.status).toBe(409);
    expect(reused.body.error).toEqual({
      code: 'enrollment_code_used',
      message: 'Ce code a déjà servi : demandez-en un nouveau.',
    });
  });

  it('compares codes normalised: lowercase, without dashes, O for 0 and L for 1', async () => {
    const { admin, token } = await firstDesk('DAP');
    const issued = await issueCode('DAP', token, admin);
    const typed = (issued.body.code as string)
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, 'l');
    const joined = await join2('DAP', typed);
    expect(joined.status).toBe(201);
    expect(joined.body.desk.id).toBe('DAP-02');
  });

  it('answers enrollment_code_invalid to a wrong code and a desk token on POST /desks forbidden', async () => {
    const { token } = await firstDesk('TSE');
    const wrong = await join2('TSE', 'AAAA-BBBB-CCCC');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toEqual({
      code: 'enrollment_code_invalid',
      message:
        "Code d'inscription inconnu pour le bureau TSE : vérifiez-le ou demandez-en un nouveau à un administrateur.",
    });
    const byDesk = await call(v2, '/api/v2/desks', {
      token,
      body: joinBody('TSE', 'AAAA-BBBB-CCCC', newKey().pem),
      key: idempotencyKey(),
    });
    expect(byDesk.status).toBe(403);
    expect(byDesk.body.error.code).toBe('forbidden');
  });

  it('answers enrollment_code_expired after 30 minutes', async () => {
    const { admin, token } = await firstDesk('BLI');
    const issued = await issueCode('BLI', token, admin);
    current = new Date(START.getTime() + 31 * 60_000);
    const late = await join2('BLI', issued.body.code);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('enrollment_code_expired');
    expect(late.body.error.message).toBe(
      'Ce code a expiré (valable 30 minutes) : demandez-en un nouveau.',
    );
  });

  it('rate-limits an office after 5 wrong codes in 15 minutes, even for a right code', async () => {
    const { admin, token } = await firstDesk('NOT');
    const issued = await issueCode('NOT', token, admin);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await join2('NOT', `ZZZZ-ZZZZ-ZZZ${i}`);
      expect(wrong.status).toBe(403);
    }
    const limited = await join2('NOT', issued.body.code);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.response.headers.get('retry-after'))).toBe(15 * 60);
    // Another office is not affected; 15 minutes later the office may try again.
    expect((await join2('TSE', 'ZZZZ-ZZZZ-ZZZZ')).status).toBe(403);
    current = new Date(START.getTime() + 16 * 60_000);
    const after = await join2('NOT', issued.body.code);
    expect(after.status).toBe(201);
  });

  it('refuses codes to a non-administrator, to another office’s desk and to the portal token', async () => {
    const agent = {
      id: 'u-agent-mawuli',
      username: 'mawuli',
      displayName: 'Mawuli Ekoué',
      role: 'agent',
      officeCode: 'KPA',
      procedureCodes: null,
      active: true,
      verifier: VERIFIER,
      mustChangePassword: false,
      passwordSetAt: null,
    };
    const { admin, token } = await firstDesk('KPA', {
      legacy: { accounts: [agent], keys: [], certificates: 0 },
    });
    const byAgent = await issueCode('KPA', token, { id: agent.id, displayName: agent.displayName });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('actor_not_allowed');
    expect(byAgent.body.error.message).toContain('administrateur actif du bureau KPA');
    const unknown = await issueCode('KPA', token, { id: 'u-inconnu', displayName: 'Personne' });
    expect(unknown.body.error.code).toBe('actor_not_allowed');

    const other = await firstDesk('VOG');
    const foreign = await issueCode('KPA', other.token, other.admin);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    const portal = await issueCode('KPA', TOKEN, admin);
    expect(portal.status).toBe(403);
    expect(portal.body.error.code).toBe('forbidden');
  });

  it('keeps at most 5 open codes per office; a cancelled code then behaves as unknown', async () => {
    const { admin, token } = await firstDesk('ANE');
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const issued = await issueCode('ANE', token, admin);
      expect(issued.status).toBe(201);
      codes.push(issued.body.code);
    }
    const sixth = await issueCode('ANE', token, admin);
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('enrollment_code_limit');
    const cancelled = await call(v2, '/api/v2/offices/ANE/enrollment-codes/cancel', {
      token,
      body: { actor: admin, code: codes[0] },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).toBe(START.toISOString());
    expect((await issueCode('ANE', token, admin)).status).toBe(201);
    const joined = await join2('ANE', codes[0] as string);
    expect(joined.status).toBe(403);
    expect(joined.body.error.code).toBe('enrollment_code_invalid');
  });
});

describe('idempotent enrollment', () => {
  it('replays the first answer, token included, and refuses the key for another body', async () => {
    const admin = { id: `u-${randomUUID()}`, displayName: 'Ablavi Dossou' };
    const body = firstBody('AGO', admin, newKey().pem);
    const key = idempotencyKey();
    const first = await call(v2, '/api/v2/desks', { body, key });
    expect(first.status).toBe(201);
    const replay = await call(v2, '/api/v2/desks', { body, key });
    expect(replay.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const office = await call(v2, '/__sim/offices/AGO');
    expect(office.body.desks).toHaveLength(1);

    const other = await call(v2, '/api/v2/desks', { body: { ...body, label: 'Autre' }, key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');

    // After 24 hours the replay no longer carries the token.
    current = new Date(START.getTime() + 25 * 3_600_000);
    const late = await call(v2, '/api/v2/desks', { body, key });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('enrollment_already_done');
    expect(JSON.stringify(late.body)).not.toContain(first.body.deskToken);
  });

  it('asks for an Idempotency-Key on POST /desks', async () => {
    const missing = await call(v2, '/api/v2/desks', {
      body: firstBody('ZIO', { id: 'u-a', displayName: 'Admin' }, newKey().pem),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('missing_idempotency_key');
    expect((await call(v2, '/__sim/offices/ZIO')).status).toBe(404);
  });
});

describe('validation of POST /desks', () => {
  const admin = { id: 'u-admin', displayName: 'Admin Test' };
  async function refused(body: unknown) {
    const answer = await call(v2, '/api/v2/desks', { body, key: idempotencyKey() });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    return answer.body.error;
  }

  it('refuses a public key that is not Ed25519', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsa = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const error = await refused(firstBody('WAW', admin, rsa));
    expect(error.message).toBe(
      "publicKeyPem : ce n'est pas une clé publique Ed25519 au format PEM (SPKI).",
    );
    expect((await refused(firstBody('WAW', admin, 'pas une clé'))).message).toContain(
      'publicKeyPem',
    );
  });

  it('refuses a bad office code, missing fields and mode-specific fields, in French', async () => {
    const pem = newKey().pem;
    const lower = await refused(firstBody('lom', admin, pem));
    expect(lower.message).toContain('officeCode : code de bureau : 2 à 10 lettres majuscules');
    const { label: _label, ...noLabel } = firstBody('WAW', admin, pem);
    expect((await refused(noLabel)).message).toBe('Requête invalide : label : champ obligatoire.');
    const { administrator: _administrator, ...noAdmin } = firstBody('WAW', admin, pem);
    expect((await refused(noAdmin)).message).toContain(
      'administrator : obligatoire pour le premier poste',
    );
    const joinWithoutCode = { ...joinBody('WAW', 'X', pem), enrollmentCode: undefined };
    expect((await refused(joinWithoutCode)).message).toContain(
      'enrollmentCode : obligatoire pour rejoindre un bureau',
    );
    const badVerifier = firstBody('WAW', admin, pem);
    badVerifier.administrator.verifier = 'bcrypt$abc';
    expect((await refused(badVerifier)).details.issues[0].path).toBe('administrator.verifier');
    expect((await refused({ ...firstBody('WAW', admin, pem), extra: 1 })).message).toContain(
      'champ(s) inconnu(s) : extra',
    );
    expect((await call(v2, '/__sim/offices/WAW')).status).toBe(404);
  });
});

describe('desks of an office, status and retirement', () => {
  it('lists the desks, records status reports and retires a desk', async () => {
    const { admin, token } = await firstDesk('TAB');
    const issued = await issueCode('TAB', token, admin);
    const joined = await join2('TAB', issued.body.code);
    const secondToken = joined.body.deskToken as string;

    const listed = await call(v2, '/api/v2/offices/TAB/desks', { token: secondToken });
    expect(listed.status).toBe(200);
    expect(listed.body.directorySequence).toBe(1);
    expect(listed.body.desks.map((desk: ApiBody) => desk.id)).toEqual(['TAB-01', 'TAB-02']);
    expect(listed.body.desks[1]).toEqual({
      id: 'TAB-02',
      officeCode: 'TAB',
      label: 'Guichet 2',
      keyId: joined.body.desk.keyId,
      enrolledAt: START.toISOString(),
      lastContactAt: START.toISOString(),
      directorySequence: null,
      appVersion: null,
      pendingActions: 0,
      failedActions: 0,
      retiredAt: null,
    });
    expect((await call(v2, '/api/v2/offices/TAB/desks')).body.error.code).toBe('forbidden');

    current = new Date(START.getTime() + 5 * 60_000);
    const status = await call(v2, '/api/v2/desks/self/status', {
      method: 'PUT',
      token: secondToken,
      body: {
        appVersion: '1.9.0',
        directorySequence: 1,
        activityCursor: 'a:12',
        pendingActions: 3,
        failedActions: 1,
      },
    });
    expect(status.status).toBe(200);
    expect(status.body).toEqual({ serverTime: current.toISOString() });
    const after = await call(v2, '/api/v2/offices/TAB/desks', { token });
    expect(after.body.desks[1]).toMatchObject({
      lastContactAt: current.toISOString(),
      appVersion: '1.9.0',
      directorySequence: 1,
      pendingActions: 3,
      failedActions: 1,
    });
    const badStatus = await call(v2, '/api/v2/desks/self/status', {
      method: 'PUT',
      token: secondToken,
      body: { appVersion: '1.9.0', pendingActions: -1 },
    });
    expect(badStatus.status).toBe(400);

    const self = await call(v2, '/api/v2/offices/TAB/desks/TAB-01/retire', {
      token,
      body: { actor: admin, reason: 'essai' },
    });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('desk_is_self');

    const retired = await call(v2, '/api/v2/offices/TAB/desks/TAB-02/retire', {
      token,
      body: { actor: admin, reason: 'PC remplacé' },
    });
    expect(retired.status).toBe(200);
    expect(retired.body.desk).toMatchObject({ id: 'TAB-02', retiredAt: current.toISOString() });
    const refused = await call(v2, '/api/v2/offices/TAB/desks', { token: secondToken });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('desk_retired');
    const stillThere = await call(v2, '/api/v2/offices/TAB/desks', { token });
    expect(stillThere.status).toBe(200);
  });
});

describe('a v1-only portal', () => {
  it('answers 404 on POST /api/v2/desks', async () => {
    const answer = await call(v1, '/api/v2/desks', {
      body: firstBody('LOM', { id: 'u-a', displayName: 'Admin' }, newKey().pem),
      key: idempotencyKey(),
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });
});
