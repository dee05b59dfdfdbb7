import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_PASSWORD } from '../../src/main/core/auth/trainingUsers';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName } from '../../src/shared/api/contract';
import { createFakeClock } from '../support/fakeClock';
import { openCoreOn } from '../support/fakeClockBureau';
import { resourcesDir, startSimulator, tempDir } from '../support/testBureau';

/**
 * Sign-in, sessions, lock screen and lock-out through the real dispatcher, on a real SQLite file,
 * with the portal simulator stopped after the first sync: everything here works offline.
 */

const clock = createFakeClock('2026-11-09T08:00:00.000Z');
let core: Core;
let simulatorStopped = false;

beforeAll(async () => {
  const simulator = await startSimulator(20);
  core = openCoreOn(clock, {
    dataDir: tempDir('bureau-signin-'),
    portalUrl: simulator.url,
    token: simulator.token,
    timeoutMs: 2_000,
  });
  expect(await core.sync.syncNow()).toMatchObject({ phase: 'idle' });
  await simulator.close();
  simulatorStopped = true;
}, 30_000);

afterAll(async () => {
  await core?.close();
});

async function as<M extends MethodName>(sessionKey: string, method: M, input: MethodInput<M>) {
  return core.dispatch(method, input, core.contextFor(sessionKey));
}

const signIn = (sessionKey: string, username: string, password = TRAINING_PASSWORD) =>
  as(sessionKey, 'session.signIn', { username, password });

const auditActions = () =>
  (core.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map(
    (row) => row.action,
  );

describe('sign-in with the portal out of reach', () => {
  it('signs in from the local verifier while the portal is stopped', async () => {
    expect(simulatorStopped).toBe(true);
    expect(await as('a', 'session.current', {})).toMatchObject({
      value: { status: 'signed_out', needsFirstAdministrator: false },
    });
    expect(await as('a', 'inbox.counts', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const result = await signIn('a', '  Kossi.Agbodjan ');
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'active', user: { id: 'u-agent-kossi' }, mustChangePassword: false },
    });
    expect((await as('a', 'inbox.counts', {})).ok).toBe(true);
    expect(auditActions().at(-1)).toBe('session.signed_in');
  });

  it('refuses a wrong password and an unknown name with the same message', async () => {
    const wrong = await signIn('b', 'akossiwa.mensah', 'pas-le-bon-mot');
    const unknown = await signIn('b', 'personne.inconnue', 'pas-le-bon-mot');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    if (!wrong.ok && !unknown.ok) {
      expect(wrong.error.message).toBe(unknown.error.message);
      expect(wrong.error.message).toMatch(/Identifiant ou mot de passe incorrect/);
    }
    expect(core.contextFor('b').user).toBeNull();
    // The password never leaves the core, not even as a hash.
    const state = await signIn('b', 'akossiwa.mensah');
    expect(JSON.stringify(state)).not.toMatch(/scrypt|formation/);
  });

  it('keeps sessions apart: one window signing in does not sign in another', async () => {
    await signIn('c', 'ablavi.lawson');
    expect(core.contextFor('c').user?.id).toBe('u-sup-ablavi');
    expect(core.contextFor('a').user?.id).toBe('u-agent-kossi');
    expect(core.contextFor('nobody').user).toBeNull();
    expect(await as('c', 'session.signOut', {})).toMatchObject({
      value: { status: 'signed_out' },
    });
    expect(core.contextFor('c').user).toBeNull();
    expect(core.contextFor('a').user?.id).toBe('u-agent-kossi');
  });

  it('locks out after five failures, with the time to come back, then lets the owner in', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await signIn('d', 'essowe.tchala', `mauvais-${attempt}`)).toMatchObject({
        error: { code: 'unauthenticated' },
      });
    }
    const fifth = await signIn('d', 'essowe.tchala', 'mauvais-5');
    expect(fifth).toMatchObject({ ok: false, error: { code: 'locked' } });
    if (!fifth.ok) expect(fifth.error.message).toMatch(/Compte bloqué .* Réessayez après 08:15/);
    // Even the right password waits for the end of the lock-out.
    expect(await signIn('d', 'essowe.tchala')).toMatchObject({ error: { code: 'locked' } });
    expect(auditActions()).toContain('session.locked_out');
    clock.advanceMinutes(16);
    expect(await signIn('d', 'essowe.tchala')).toMatchObject({ value: { status: 'active' } });
    // A success resets the count: four more failures do not lock again.
    for (let attempt = 1; attempt <= 4; attempt++) await signIn('e', 'essowe.tchala', 'non');
    expect(await signIn('e', 'essowe.tchala')).toMatchObject({ value: { status: 'active' } });
  });

  it('locks an idle session; only its owner’s password opens it', async () => {
    await signIn('f', 'mawuli.kpodar');
    clock.advanceMinutes(14);
    expect((await as('f', 'inbox.counts', {})).ok).toBe(true);
    clock.advanceMinutes(16);
    const refused = await as('f', 'inbox.counts', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await as('f', 'session.current', {})).toMatchObject({
      value: { status: 'locked', user: { id: 'u-agent-mawuli' } },
    });
    // The lock screen asks only for the password: the refusal speaks of the password only.
    expect(await as('f', 'session.unlock', { password: 'formation-2025' })).toMatchObject({
      ok: false,
      error: {
        code: 'unauthenticated',
        message: expect.stringMatching(/^Mot de passe incorrect\./),
      },
    });
    expect(await as('f', 'session.unlock', { password: TRAINING_PASSWORD })).toMatchObject({
      value: { status: 'active' },
    });
    expect((await as('f', 'inbox.counts', {})).ok).toBe(true);
    // Events delivered to the window read its session without counting as activity.
    await signIn('f2', 'kossi.agbodjan');
    clock.advanceMinutes(10);
    expect(core.contextFor('f2', { touch: false }).restriction).toBeUndefined();
    clock.advanceMinutes(6);
    expect(await as('f2', 'inbox.counts', {})).toMatchObject({ error: { code: 'locked' } });
    // Locking on request (the renderer's idle timer, or « Verrouiller »).
    expect(await as('f', 'session.lock', {})).toMatchObject({ value: { status: 'locked' } });
    expect(auditActions().filter((action) => action === 'session.locked')).toHaveLength(3);
  });

  it('forces a password change after a reset, then accepts only the new password', async () => {
    core.db.prepare("UPDATE users SET must_change_password = 1 WHERE id = 'u-admin-edem'").run();
    expect(await signIn('g', 'edem.dossou')).toMatchObject({
      value: { status: 'active', mustChangePassword: true },
    });
    expect(await as('g', 'admin.users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/nouveau mot de passe/) },
    });
    expect(
      await as('g', 'session.changePassword', {
        currentPassword: TRAINING_PASSWORD,
        newPassword: 'court',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await as('g', 'session.changePassword', {
        currentPassword: TRAINING_PASSWORD,
        newPassword: 'Le fleuve Mono au printemps',
      }),
    ).toMatchObject({ value: { status: 'active', mustChangePassword: false } });
    expect(await signIn('h', 'edem.dossou')).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await signIn('h', 'edem.dossou', 'Le fleuve Mono au printemps')).toMatchObject({
      value: { status: 'active' },
    });
    const stored = core.db
      .prepare("SELECT password_hash FROM users WHERE id = 'u-admin-edem'")
      .get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$65536\$8\$1\$/);
  });

  it('ends the session of a deactivated account at its next call', async () => {
    await signIn('i', 'akossiwa.mensah');
    core.db.prepare("UPDATE users SET active = 0 WHERE id = 'u-agent-akossiwa'").run();
    expect(await as('i', 'inbox.counts', {})).toMatchObject({
      error: { code: 'unauthenticated' },
    });
    const again = await signIn('i', 'akossiwa.mensah');
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!again.ok) expect(again.error.message).toMatch(/désactivé/);
  });

  it('checks a burst of parallel guesses one at a time: the lock-out holds, even for the right one', async () => {
    const guesses = Array.from({ length: 12 }, (_, index) => `essai-${index}`);
    const results = await Promise.all([
      ...guesses.map((guess) => signIn('burst', 'ablavi.lawson', guess)),
      signIn('burst', 'ablavi.lawson'),
    ]);
    const codes = results.map((result) => (result.ok ? 'ok' : result.error.code));
    expect(codes.filter((code) => code === 'unauthenticated')).toHaveLength(4);
    expect(codes.filter((code) => code === 'locked')).toHaveLength(9);
    expect(codes.at(-1)).toBe('locked');
    expect(core.contextFor('burst').user).toBeNull();
    const row = core.db
      .prepare("SELECT failed_attempts, locked_until FROM users WHERE id = 'u-sup-ablavi'")
      .get() as { failed_attempts: number; locked_until: string | null };
    expect(row.failed_attempts).toBe(5);
    expect(row.locked_until).not.toBeNull();
  });

  it('shows training accounts in training mode only', async () => {
    expect(await as('a', 'session.trainingAccounts', {})).toMatchObject({
      value: expect.arrayContaining([
        expect.objectContaining({ username: 'kossi.agbodjan', password: TRAINING_PASSWORD }),
      ]),
    });
  });
});

describe('a new installation', () => {
  it('creates its first administrator once, then refuses', async () => {
    const fresh = createCore({
      dataDir: tempDir('bureau-first-'),
      resourcesDir,
      portal: { url: 'http://127.0.0.1:9', timeoutMs: 500 },
      log: () => {},
    });
    try {
      const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
        fresh.dispatch(method, input, fresh.contextFor('w'));
      expect(await call('session.trainingAccounts', {})).toEqual({ ok: true, value: [] });
      expect(await call('session.current', {})).toMatchObject({
        value: { status: 'signed_out', needsFirstAdministrator: true },
      });
      const created = await call('session.createFirstAdministrator', {
        username: 'Afi.Amegah',
        displayName: 'Afi Amegah',
        officeCode: 'kar',
        password: 'une longue phrase de passe',
      });
      expect(created).toMatchObject({
        value: {
          status: 'active',
          user: { username: 'afi.amegah', role: 'administrateur', officeCode: 'KAR' },
        },
      });
      const second = await fresh.dispatch(
        'session.createFirstAdministrator',
        {
          username: 'intrus',
          displayName: 'Intrus',
          officeCode: 'LOM',
          password: 'une autre longue phrase',
        },
        fresh.contextFor('other'),
      );
      expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // The office is the administrator's, with its code as the certificates' numbering code.
      expect(await call('admin.office.get', {})).toMatchObject({
        value: { code: 'KAR', numberingCode: 'KAR', name: 'Direction régionale de Kara' },
      });
    } finally {
      await fresh.close();
    }
  });
});
