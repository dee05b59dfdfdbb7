import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { CurrentUser } from '../../src/shared/api/types';
import { startOffice, type Office } from '../support/office';
import { deskApi, enrollOffice, FIRST_ADMINISTRATOR } from '../support/officeDesks';

/**
 * One office staff directory (design multi-desk §3.4, step 4), three desks on one simulator, real
 * SQLite and HTTP: an account is created once, on any desk, and signs in on every desk — also
 * with the portal out of reach once the directory has synced; a deactivation reaches every
 * online desk within one sync; changes made offline wait and are sent; a change based on an old
 * version is refused with the portal's version kept and a French reason for the administrators.
 */

const STAFF = [
  { username: 'kossi.agbodjan', displayName: 'Kossi Agbodjan', role: 'agent' },
  { username: 'afi.mensah', displayName: 'Afi Mensah', role: 'agent' },
  { username: 'yao.lawson', displayName: 'Yao Lawson', role: 'agent' },
  { username: 'edem.amouzou', displayName: 'Edem Amouzou', role: 'superviseur' },
] as const;
const TEMPORARY = 'mot de passe provisoire 1';

let office: Office;
let admin: CurrentUser;
const desk = (index: number): Core => office.desks[index]!.core;
let session = 0;

async function signIn(core: Core, username: string, password: string) {
  return deskApi(core, `s-${++session}`).dispatch('session.signIn', { username, password });
}

beforeAll(async () => {
  office = await startOffice({ desks: 3, seed: 53, count: 8, training: false });
  admin = await enrollOffice(office);
  await office.syncAll();
});
afterAll(async () => {
  await office?.close();
});

describe('one staff directory for the office', () => {
  it('the first administrator signs in on every desk', async () => {
    for (const index of [1, 2]) {
      const result = await signIn(
        desk(index),
        FIRST_ADMINISTRATOR.username,
        FIRST_ADMINISTRATOR.password,
      );
      expect(result).toMatchObject({
        ok: true,
        value: { status: 'active', user: { id: admin.id } },
      });
    }
  });

  it('accounts created once on desk 1 sign in on desks 2 and 3, with one id each', async () => {
    for (const person of STAFF) {
      await deskApi(desk(0)).call(
        'admin.users.create',
        { ...person, officeCode: 'LOM', procedureCodes: null, temporaryPassword: TEMPORARY },
        admin,
      );
    }
    await office.syncAll();
    const ids = (core: Core) =>
      core.db.prepare('SELECT username, id FROM users ORDER BY username').all();
    expect(ids(desk(1))).toEqual(ids(desk(0)));
    expect(ids(desk(2))).toEqual(ids(desk(0)));
    for (const index of [1, 2]) {
      const result = await signIn(desk(index), 'kossi.agbodjan', TEMPORARY);
      expect(result).toMatchObject({
        ok: true,
        value: { status: 'active', mustChangePassword: true },
      });
    }
  });

  it('with every link cut after the directory synced, people still sign in on every desk', async () => {
    for (const index of [0, 1, 2]) await office.offline(index);
    try {
      for (const index of [0, 1, 2]) {
        const result = await signIn(desk(index), 'edem.amouzou', TEMPORARY);
        expect(result, `desk ${index + 1}`).toMatchObject({ ok: true });
      }
    } finally {
      for (const index of [0, 1, 2]) await office.online(index);
    }
  });

  it('an account cannot be created offline: one id per person needs the portal', async () => {
    await office.offline(1);
    try {
      const refused = await deskApi(desk(1)).dispatch(
        'admin.users.create',
        {
          username: 'essi.afeli',
          displayName: 'Essi Afeli',
          role: 'agent',
          officeCode: 'LOM',
          procedureCodes: null,
          temporaryPassword: TEMPORARY,
        },
        admin,
      );
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'unavailable',
          message:
            'Créer un compte demande le portail : un seul identifiant par personne pour tout le bureau. Reconnectez le poste puis recommencez.',
          reason: { key: 'accountNeedsPortal', params: {} },
        },
      });
      expect(
        desk(1)
          .db.prepare("SELECT count(*) FROM users WHERE username = 'essi.afeli'")
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      await office.online(1);
    }
  });

  it('a deactivation on desk 2 reaches the other desks within one sync and ends sessions there', async () => {
    const yao = desk(0)
      .db.prepare("SELECT id FROM users WHERE username = 'yao.lawson'")
      .pluck()
      .get() as string;
    // Yao is signed in on desk 3 before the deactivation.
    const yaoSession = 'yao-on-desk-3';
    expect(
      await deskApi(desk(2), yaoSession).dispatch('session.signIn', {
        username: 'yao.lawson',
        password: TEMPORARY,
      }),
    ).toMatchObject({ ok: true });

    await deskApi(desk(1)).call('admin.users.update', { id: yao, active: false }, admin);
    // Desk 2 locks him out at once.
    expect(await signIn(desk(1), 'yao.lawson', TEMPORARY)).toMatchObject({ ok: false });

    await desk(1).sync.syncNow(); // desk 2 sends it…
    await office.syncAll(); // …and every desk receives it at its next sync
    for (const index of [0, 2]) {
      expect(await signIn(desk(index), 'yao.lawson', TEMPORARY), `desk ${index + 1}`).toMatchObject(
        {
          ok: false,
        },
      );
    }
    const after = await deskApi(desk(2), yaoSession).dispatch('session.current', {});
    expect(after).toMatchObject({ ok: true, value: { status: 'signed_out' } });
  });

  it('a password reset made offline waits, then reaches the other desks', async () => {
    const afi = desk(0)
      .db.prepare("SELECT id FROM users WHERE username = 'afi.mensah'")
      .pluck()
      .get() as string;
    await office.offline(2);
    await deskApi(desk(2)).call(
      'admin.users.resetPassword',
      { id: afi, temporaryPassword: 'nouveau provisoire 22' },
      admin,
    );
    expect(await signIn(desk(2), 'afi.mensah', 'nouveau provisoire 22')).toMatchObject({
      ok: true,
    });
    expect(await signIn(desk(0), 'afi.mensah', 'nouveau provisoire 22')).toMatchObject({
      ok: false,
    });
    expect(
      desk(2)
        .db.prepare("SELECT count(*) FROM office_outbox WHERE state = 'pending'")
        .pluck()
        .get(),
    ).toBe(1);

    await office.online(2);
    await office.syncAll();
    expect(
      desk(2)
        .db.prepare("SELECT count(*) FROM office_outbox WHERE state = 'pending'")
        .pluck()
        .get(),
    ).toBe(0);
    expect(await signIn(desk(0), 'afi.mensah', 'nouveau provisoire 22')).toMatchObject({
      ok: true,
    });
    expect(await signIn(desk(0), 'afi.mensah', TEMPORARY)).toMatchObject({ ok: false });
  });

  it('an own password change on desk 2 is the password on desk 1', async () => {
    const kossiSession = 'kossi-on-desk-2';
    await deskApi(desk(1), kossiSession).call('session.signIn', {
      username: 'kossi.agbodjan',
      password: TEMPORARY,
    });
    await deskApi(desk(1), kossiSession).call('session.changePassword', {
      currentPassword: TEMPORARY,
      newPassword: 'ma phrase à moi 2026',
    });
    await desk(1).sync.syncNow(); // desk 2 sends it…
    await office.syncAll(); // …and every desk receives it at its next sync
    expect(await signIn(desk(0), 'kossi.agbodjan', 'ma phrase à moi 2026')).toMatchObject({
      ok: true,
      value: { mustChangePassword: false },
    });
  });

  it('two offline changes of one account: the first to reach the portal wins, the other is refused and said', async () => {
    const edem = desk(0)
      .db.prepare("SELECT id FROM users WHERE username = 'edem.amouzou'")
      .pluck()
      .get() as string;
    await office.offline(0);
    await office.offline(1);
    await deskApi(desk(0)).call(
      'admin.users.update',
      { id: edem, displayName: 'Edem K. Amouzou' },
      admin,
    );
    await deskApi(desk(1)).call(
      'admin.users.update',
      { id: edem, displayName: 'Edem Amouzou-Lawson' },
      admin,
    );
    await office.online(0);
    await office.online(1);
    await office.syncAll();
    await office.syncAll();

    const names = [0, 1, 2].map((index) =>
      desk(index).db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(edem),
    );
    expect(names).toEqual(['Edem K. Amouzou', 'Edem K. Amouzou', 'Edem K. Amouzou']);
    const refused = desk(1)
      .db.prepare("SELECT last_error FROM office_outbox WHERE state = 'failed'")
      .pluck()
      .all();
    expect(refused).toEqual([
      'Ce compte a été modifié sur un autre poste : la version du portail est gardée. Refaites votre modification si elle est toujours utile.',
    ]);
  });
});
