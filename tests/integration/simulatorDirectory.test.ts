import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  simulatorCall,
  TEST_VERIFIER,
  type ApiBody,
  type CallInit,
} from '../support/simulatorHttp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { startPortalSimulator, type PortalSimulator } from '../../src/simulator/server';

/**
 * The office staff directory on the simulator (design multi-desk §3.4, step 4, feature
 * `directory`): the state-based directory feed, account creation and account changes, over real
 * HTTP with desk tokens obtained through enrollment.
 */

const TOKEN = 'jeton-de-test-annuaire';
const START = new Date('2026-03-12T09:30:00.000Z');
const LATER = new Date('2026-03-12T11:00:00.000Z');
const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures')).procedures,
];
const VERIFIER = TEST_VERIFIER;
const NEW_VERIFIER =
  'scrypt$65536$8$1$AAECAwQFBgcICQoLDA0ODw==$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

let current = START;
let simulator: PortalSimulator;

/** Loosely typed JSON answers: the assertions check their shape. */

interface Actor {
  id: string;
  displayName: string;
}

function call(path: string, init: CallInit = {}) {
  return simulatorCall(simulator.url, TOKEN, path, init);
}

function newPem(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

interface Office {
  code: string;
  admin: Actor;
  /** The first desk's token (`<code>-01`). */
  desk1: string;
  /** The second desk's token (`<code>-02`), joined with an enrollment code. */
  desk2: string;
}

/** Enrolls `<code>-01` (its administrator `admin.<code>`) and joins `<code>-02` with a code. */
async function office(code: string): Promise<Office> {
  const admin = { id: `u-${randomUUID()}`, displayName: 'Ablavi Dossou' };
  const first = await call('/api/v2/desks', {
    key: `cle-${randomUUID()}`,
    body: {
      mode: 'first',
      officeCode: code,
      label: 'Guichet 1',
      publicKeyPem: newPem(),
      administrator: {
        id: admin.id,
        username: `admin.${code.toLowerCase()}`,
        displayName: admin.displayName,
        verifier: VERIFIER,
      },
      legacy: null,
    },
  });
  expect(first.status).toBe(201);
  const desk1 = first.body.deskToken as string;
  const issued = await call(`/api/v2/offices/${code}/enrollment-codes`, {
    token: desk1,
    body: { actor: admin, label: 'Guichet 2' },
  });
  expect(issued.status).toBe(201);
  const joined = await call('/api/v2/desks', {
    key: `cle-${randomUUID()}`,
    body: {
      mode: 'join',
      officeCode: code,
      enrollmentCode: issued.body.code,
      label: 'Guichet 2',
      publicKeyPem: newPem(),
      legacy: null,
    },
  });
  expect(joined.status).toBe(201);
  expect(joined.body.desk.id).toBe(`${code}-02`);
  return { code, admin, desk1, desk2: joined.body.deskToken as string };
}

function newAccount(username: string, extra: ApiBody = {}) {
  return {
    id: `u-${randomUUID()}`,
    username,
    displayName: 'Kossi Agbodjan',
    role: 'agent',
    procedureCodes: ['COM-CO'],
    verifier: VERIFIER,
    mustChangePassword: true,
    ...extra,
  };
}

async function create(at: Office, actor: Actor, account: ApiBody, token = at.desk1, key?: string) {
  return call(`/api/v2/offices/${at.code}/accounts`, {
    token,
    body: { actor, account },
    ...(key ? { key } : {}),
  });
}

async function created(at: Office, username: string, extra: ApiBody = {}): Promise<ApiBody> {
  const answer = await create(at, at.admin, newAccount(username, extra));
  expect(answer.status).toBe(201);
  return answer.body.account as ApiBody;
}

async function patch(
  at: Office,
  id: string,
  actor: Actor,
  expectedVersion: number,
  change: ApiBody,
  token = at.desk1,
) {
  return call(`/api/v2/offices/${at.code}/accounts/${id}`, {
    method: 'PATCH',
    token,
    body: { actor, expectedVersion, change },
  });
}

async function feed(at: Office, query = '', token = at.desk1) {
  return call(`/api/v2/offices/${at.code}/directory${query}`, { token });
}

function actorOf(account: ApiBody): Actor {
  return { id: account.id as string, displayName: account.displayName as string };
}

beforeAll(async () => {
  simulator = await startPortalSimulator({
    seed: 41,
    count: 1,
    port: 0,
    token: TOKEN,
    procedures,
    now: () => current,
  });
});
afterAll(async () => {
  await simulator?.close();
});
beforeEach(() => {
  current = START;
});

describe('directory feed', () => {
  it('pages by sequence with the cursor: limit 1 gives one account per page and hasMore', async () => {
    const lom = await office('LOM');
    const kossi = await created(lom, 'kagbodjan');
    const afi = await created(lom, 'amensah', { displayName: 'Afi Mensah', role: 'superviseur' });

    const whole = await feed(lom);
    expect(whole.status).toBe(200);
    expect(whole.body.items.map((item: ApiBody) => [item.id, item.sequence])).toEqual([
      [lom.admin.id, 1],
      [kossi.id, 2],
      [afi.id, 3],
    ]);
    expect(whole.body.nextCursor).toBe('d:3');
    expect(whole.body.hasMore).toBe(false);

    const pages: [string[], string, boolean][] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i += 1) {
      const query = cursor === null ? '?limit=1' : `?cursor=${cursor}&limit=1`;
      const page = await feed(lom, query, lom.desk2);
      expect(page.status).toBe(200);
      pages.push([
        page.body.items.map((item: ApiBody) => item.id),
        page.body.nextCursor,
        page.body.hasMore,
      ]);
      cursor = page.body.nextCursor as string;
    }
    expect(pages).toEqual([
      [[lom.admin.id], 'd:1', true],
      [[kossi.id], 'd:2', true],
      [[afi.id], 'd:3', false],
      [[], 'd:3', false],
    ]);

    // Items are whole directory items, verifier included.
    expect(whole.body.items[1]).toEqual({
      id: kossi.id,
      version: 1,
      sequence: 2,
      username: 'kagbodjan',
      displayName: 'Kossi Agbodjan',
      role: 'agent',
      officeCode: 'LOM',
      procedureCodes: ['COM-CO'],
      active: true,
      verifier: VERIFIER,
      mustChangePassword: true,
      passwordSetAt: START.toISOString(),
      updatedAt: START.toISOString(),
      updatedBy: lom.admin,
      updatedOnDesk: 'LOM-01',
    });
    // A cursor beyond the last change is an empty page that keeps the cursor.
    const beyond = await feed(lom, '?cursor=d:99');
    expect(beyond.body).toEqual({ items: [], nextCursor: 'd:99', hasMore: false });
  });

  it('shows an account changed twice once, at the end, with its latest state', async () => {
    const kar = await office('KAR');
    const kossi = await created(kar, 'kossi.kar');
    const afi = await created(kar, 'afi.kar');
    current = LATER;
    const once = await patch(kar, kossi.id, kar.admin, 1, { displayName: 'Kossi A.' });
    expect(once.status).toBe(200);
    const twice = await patch(kar, kossi.id, kar.admin, 2, { procedureCodes: null }, kar.desk2);
    expect(twice.status).toBe(200);
    expect(twice.body.account).toMatchObject({
      version: 3,
      sequence: 5,
      displayName: 'Kossi A.',
      procedureCodes: null,
      updatedAt: LATER.toISOString(),
      updatedOnDesk: 'KAR-02',
    });

    const all = await feed(kar);
    expect(all.body.items.map((item: ApiBody) => [item.id, item.version, item.sequence])).toEqual([
      [kar.admin.id, 1, 1],
      [afi.id, 1, 3],
      [kossi.id, 3, 5],
    ]);
    expect(all.body.items[2]).toEqual(twice.body.account);
    expect(all.body.nextCursor).toBe('d:5');
    const since = await feed(kar, '?cursor=d:3');
    expect(since.body.items.map((item: ApiBody) => item.id)).toEqual([kossi.id]);
  });

  it('refuses a malformed cursor or limit with validation_failed', async () => {
    const ata = await office('ATA');
    for (const query of [
      '?cursor=c:1',
      '?cursor=d:-1',
      '?cursor=d:abc',
      '?cursor=',
      '?cursor=d:01',
    ]) {
      const answer = await feed(ata, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.issues[0].path).toBe('cursor');
    }
    for (const query of ['?limit=0', '?limit=501', '?limit=abc']) {
      const answer = await feed(ata, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.details.issues[0].path).toBe('limit');
    }
    expect((await feed(ata, '?cursor=d:0&limit=500')).status).toBe(200);
  });

  it('is served only to the desks of the office: another office 403, retired desk 401, portal 403', async () => {
    const sok = await office('SOK');
    const dap = await office('DAP');
    const foreign = await feed(sok, '', dap.desk1);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    const foreignCreate = await create(sok, dap.admin, newAccount('intrus.dap'), dap.desk1);
    expect(foreignCreate.status).toBe(403);
    expect(foreignCreate.body.error.code).toBe('forbidden');
    const foreignPatch = await patch(sok, sok.admin.id, dap.admin, 1, { active: false }, dap.desk1);
    expect(foreignPatch.status).toBe(403);
    expect(foreignPatch.body.error.code).toBe('forbidden');
    const portal = await feed(sok, '', TOKEN);
    expect(portal.status).toBe(403);
    expect(portal.body.error.code).toBe('forbidden');

    const retired = await call('/api/v2/offices/SOK/desks/SOK-02/retire', {
      token: sok.desk1,
      body: { actor: sok.admin, reason: 'PC remplacé' },
    });
    expect(retired.status).toBe(200);
    const byRetired = await feed(sok, '', sok.desk2);
    expect(byRetired.status).toBe(401);
    expect(byRetired.body.error.code).toBe('desk_retired');
    expect((await feed(sok, '', sok.desk1)).status).toBe(200);
  });
});

describe('account creation', () => {
  it('creates an account at version 1, stamped with the actor and the calling desk', async () => {
    const tse = await office('TSE');
    current = LATER;
    const account = newAccount('yao.tse', { procedureCodes: null, mustChangePassword: true });
    const key = `cle-${randomUUID()}`;
    const answer = await create(tse, tse.admin, account, tse.desk2, key);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      account: {
        ...account,
        version: 1,
        sequence: 2,
        officeCode: 'TSE',
        active: true,
        passwordSetAt: LATER.toISOString(),
        updatedAt: LATER.toISOString(),
        updatedBy: tse.admin,
        updatedOnDesk: 'TSE-02',
      },
    });
    // A lost answer is replayed by its key; without a key the same id is account_exists.
    const replay = await create(tse, tse.admin, account, tse.desk2, key);
    expect(replay.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(answer.body);
    const again = await create(tse, tse.admin, { ...account, username: 'yao2.tse' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account_exists');
    expect(again.body.error.details.current).toEqual(answer.body.account);
    expect((await feed(tse)).body.items).toHaveLength(2);
  });

  it('refuses a username used anywhere in the country with username_taken', async () => {
    const bli = await office('BLI');
    const not = await office('NOT');
    await created(bli, 'kagbodjan.bli');
    const taken = await create(not, not.admin, newAccount('kagbodjan.bli'));
    expect(taken.status).toBe(409);
    expect(taken.body.error).toEqual({
      code: 'username_taken',
      message: "L'identifiant kagbodjan.bli est déjà pris : choisissez-en un autre.",
      details: { username: 'kagbodjan.bli' },
    });
    // Also an administrator enrolled with another office.
    const admin = await create(not, not.admin, newAccount('admin.bli'));
    expect(admin.body.error.code).toBe('username_taken');
    expect((await feed(not)).body.items).toHaveLength(1);
  });

  it('refuses a non-administrator, an unknown actor and a bad body', async () => {
    const kpa = await office('KPA');
    const agent = await created(kpa, 'agent.kpa');
    const supervisor = await created(kpa, 'chef.kpa', { role: 'superviseur' });
    for (const actor of [
      actorOf(agent),
      actorOf(supervisor),
      { id: 'u-inconnu', displayName: 'Personne' },
    ]) {
      const refused = await create(kpa, actor, newAccount(`x${randomUUID().slice(0, 8)}`));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('actor_not_allowed');
      expect(refused.body.error.message).toBe(
        `Action réservée à un administrateur actif du bureau KPA : ${actor.displayName} ne l'est pas dans l'annuaire du portail.`,
      );
    }
    const bad = await create(kpa, kpa.admin, { ...newAccount('ok.kpa'), verifier: 'clair' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('account.verifier');
    const extra = await create(kpa, kpa.admin, { ...newAccount('ok.kpa'), active: false });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('champ(s) inconnu(s) : active');
    expect((await feed(kpa)).body.items).toHaveLength(3);
  });
});

describe('account changes', () => {
  it('refuses an old expectedVersion with account_version_mismatch and the current item', async () => {
    const vog = await office('VOG');
    const kossi = await created(vog, 'kossi.vog');
    const first = await patch(vog, kossi.id, vog.admin, 1, { role: 'superviseur' }, vog.desk2);
    expect(first.status).toBe(200);
    expect(first.body.account).toMatchObject({ version: 2, role: 'superviseur' });
    const stale = await patch(vog, kossi.id, vog.admin, 1, { active: false });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({
      code: 'account_version_mismatch',
      message:
        'Ce compte a été modifié sur un autre poste (VOG-02) : la version du portail est gardée. Refaites votre modification si elle est toujours utile.',
      details: { current: first.body.account },
    });
    const after = await feed(vog, '?cursor=d:2');
    expect(after.body.items).toEqual([first.body.account]);

    const unknown = await patch(vog, 'u-personne', vog.admin, 1, { active: false });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('account_not_found');
  });

  it('lets a non-administrator change their own password, and nothing else', async () => {
    const ane = await office('ANE');
    const agent = await created(ane, 'agent.ane', { mustChangePassword: true });
    const other = await created(ane, 'autre.ane');
    current = LATER;
    const own = await patch(ane, agent.id, actorOf(agent), 1, {
      verifier: NEW_VERIFIER,
      mustChangePassword: false,
      reason: 'change',
    });
    expect(own.status).toBe(200);
    expect(own.body.account).toMatchObject({
      version: 2,
      sequence: 4,
      verifier: NEW_VERIFIER,
      mustChangePassword: false,
      passwordSetAt: LATER.toISOString(),
      updatedBy: actorOf(agent),
      updatedOnDesk: 'ANE-01',
      role: 'agent',
    });
    const refusals = [
      { role: 'administrateur' },
      { displayName: 'Moi-même' },
      { verifier: NEW_VERIFIER, mustChangePassword: false, reason: 'reset' },
      { verifier: NEW_VERIFIER, mustChangePassword: true, reason: 'change' },
      { verifier: NEW_VERIFIER, reason: 'change' },
      { verifier: NEW_VERIFIER, mustChangePassword: false, reason: 'change', active: true },
    ];
    for (const change of refusals) {
      const refused = await patch(ane, agent.id, actorOf(agent), 2, change);
      expect(refused.status, JSON.stringify(change)).toBe(403);
      expect(refused.body.error.code).toBe('actor_not_allowed');
    }
    const othersPassword = await patch(ane, other.id, actorOf(agent), 1, {
      verifier: NEW_VERIFIER,
      mustChangePassword: false,
      reason: 'change',
    });
    expect(othersPassword.status).toBe(403);

    // An administrator's reset sets the verifier, passwordSetAt and mustChangePassword.
    current = new Date(LATER.getTime() + 60_000);
    const reset = await patch(ane, other.id, ane.admin, 1, {
      verifier: NEW_VERIFIER,
      mustChangePassword: true,
      reason: 'reset',
    });
    expect(reset.status).toBe(200);
    expect(reset.body.account).toMatchObject({
      version: 2,
      verifier: NEW_VERIFIER,
      mustChangePassword: true,
      passwordSetAt: current.toISOString(),
    });
  });

  it('keeps one active administrator; a deactivated one is refused everywhere', async () => {
    const tab = await office('TAB');
    const alone = await patch(tab, tab.admin.id, tab.admin, 1, { active: false });
    expect(alone.status).toBe(409);
    expect(alone.body.error.code).toBe('last_administrator');
    expect(alone.body.error.message).toBe(
      'Le bureau doit garder au moins un administrateur actif.',
    );
    const demoted = await patch(tab, tab.admin.id, tab.admin, 1, { role: 'superviseur' });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe('last_administrator');

    const second = await created(tab, 'admin2.tab', { role: 'administrateur' });
    // A deactivated administrator no longer counts.
    const off = await patch(tab, second.id, tab.admin, 1, { active: false });
    expect(off.status).toBe(200);
    expect((await patch(tab, tab.admin.id, tab.admin, 1, { active: false })).status).toBe(409);
    const on = await patch(tab, second.id, tab.admin, 2, { active: true });
    expect(on.status).toBe(200);
    const firstOff = await patch(tab, tab.admin.id, actorOf(second), 1, { active: false });
    expect(firstOff.status).toBe(200);
    expect(firstOff.body.account).toMatchObject({ active: false, version: 2 });

    // The deactivated administrator can no longer act: directory, codes, retirement.
    const write = await patch(tab, second.id, tab.admin, 3, { displayName: 'Nouveau nom' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('actor_not_allowed');
    const code = await call('/api/v2/offices/TAB/enrollment-codes', {
      token: tab.desk1,
      body: { actor: tab.admin, label: 'Guichet 3' },
    });
    expect(code.status).toBe(403);
    expect(code.body.error.code).toBe('actor_not_allowed');
    const retire = await call('/api/v2/offices/TAB/desks/TAB-02/retire', {
      token: tab.desk1,
      body: { actor: tab.admin, reason: 'essai' },
    });
    expect(retire.status).toBe(403);
    expect(retire.body.error.code).toBe('actor_not_allowed');
    const ownPassword = await patch(tab, tab.admin.id, tab.admin, 2, {
      verifier: NEW_VERIFIER,
      mustChangePassword: false,
      reason: 'change',
    });
    expect(ownPassword.status).toBe(403);
    // The remaining administrator is now the last one.
    const last = await patch(tab, second.id, actorOf(second), 3, { role: 'agent' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_administrator');
  });

  it('validates the change: non-empty, known fields, reason with a verifier only', async () => {
    const ago = await office('AGO');
    const kossi = await created(ago, 'kossi.ago');
    const cases: [ApiBody, string][] = [
      [{}, 'change'],
      [{ verifier: NEW_VERIFIER }, 'change.reason'],
      [{ reason: 'reset' }, 'change.reason'],
      [{ username: 'autre' }, 'change'],
      [{ role: 'chef' }, 'change.role'],
      [{ verifier: 'md5$x', reason: 'reset' }, 'change.verifier'],
    ];
    for (const [change, path] of cases) {
      const refused = await patch(ago, kossi.id, ago.admin, 1, change);
      expect(refused.status, JSON.stringify(change)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(refused.body.error.details.issues[0].path, JSON.stringify(change)).toBe(path);
    }
    const noVersion = await call(`/api/v2/offices/AGO/accounts/${kossi.id}`, {
      method: 'PATCH',
      token: ago.desk1,
      body: { actor: ago.admin, expectedVersion: 0, change: { active: false } },
    });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.details.issues[0].path).toBe('expectedVersion');
    expect((await feed(ago)).body.items.map((item: ApiBody) => item.version)).toEqual([1, 1]);
  });
});
