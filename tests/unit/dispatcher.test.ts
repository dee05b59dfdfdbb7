import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/main/core/api/dispatcher';
import { DomainError, refusal } from '../../src/main/core/api/domainError';
import type { CurrentUser } from '../../src/shared/api/types';
import { apiContract } from '../../src/shared/api/contract';

const agent: CurrentUser = {
  id: 'u1',
  username: 'kossi',
  displayName: 'Kossi Agbodjan',
  role: 'agent',
  officeCode: 'LOM',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  const every = Object.fromEntries(Object.keys(apiContract).map((name) => [name, unused]));
  return {
    ...(every as unknown as Handlers),
    'app.info': () => ({
      version: '1',
      host: 'web',
      trainingMode: true,
      portalUrl: 'x',
      dataDir: 'd',
    }),
    'session.current': (_input, { user }) =>
      user
        ? { status: 'active', user, lockAfterMinutes: 15, mustChangePassword: false }
        : { status: 'signed_out', needsFirstAdministrator: false },
    'catalog.procedures': () => [],
    'inbox.list': (input) => ({ rows: [], nextCursor: input.cursor }),
    ...overrides,
  };
}

const silent = () => {};

describe('dispatcher', () => {
  it('refuses an unknown method with a typed error', async () => {
    const dispatch = createDispatcher(handlers(), silent);
    const result = await dispatch('cases.deleteEverything', {}, { user: agent });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unknown_method',
        message: 'Opération inconnue « cases.deleteEverything ».',
        reason: { key: 'unknownMethod', params: { method: 'cases.deleteEverything' } },
      },
    });
  });

  it('refuses names that only look like inherited properties', async () => {
    const dispatch = createDispatcher(handlers(), silent);
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const result = await dispatch(name, {}, { user: agent });
      expect(result.ok ? 'ok' : result.error.code).toBe('unknown_method');
    }
  });

  it('validates input against the contract before the handler runs', async () => {
    let called = false;
    const dispatch = createDispatcher(
      handlers({
        'inbox.list': () => {
          called = true;
          return { rows: [], nextCursor: null };
        },
      }),
      silent,
    );
    const result = await dispatch('inbox.list', { queue: 'nope', limit: 10 }, { user: agent });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      // The field travels as data, for the form to show beside it; the text stays for people.
      expect(result.error.issues?.map((issue) => issue.field)).toEqual(['queue']);
      expect(result.error.message).not.toContain('queue');
    }
    const extra = await dispatch('inbox.list', { queue: 'all', sql: 'DROP' }, { user: agent });
    expect(extra.ok ? 'ok' : extra.error.code).toBe('invalid_input');
    expect(called).toBe(false);
  });

  it('applies defaults from the schema', async () => {
    const dispatch = createDispatcher(handlers(), silent);
    const result = await dispatch('inbox.list', { queue: 'all' }, { user: agent });
    expect(result).toEqual({ ok: true, value: { rows: [], nextCursor: null } });
  });

  it('requires a signed-in user for non-public methods, not for public ones', async () => {
    const dispatch = createDispatcher(handlers(), silent);
    const refused = await dispatch('catalog.procedures', {}, { user: null });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('unauthenticated');
    const open = await dispatch('session.current', {}, { user: null });
    expect(open).toEqual({
      ok: true,
      value: { status: 'signed_out', needsFirstAdministrator: false },
    });
  });

  it('lets a locked session call public methods only', async () => {
    const dispatch = createDispatcher(handlers(), silent);
    const context = { user: agent, sessionKey: 's', restriction: 'locked' as const };
    const refused = await dispatch('catalog.procedures', {}, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/verrouillée/);
    expect((await dispatch('app.info', {}, context)).ok).toBe(true);
  });

  it('lets a session that must change its password change it, and nothing else', async () => {
    let changed = false;
    const dispatch = createDispatcher(
      handlers({
        'session.changePassword': () => {
          changed = true;
          return { status: 'active', user: agent, lockAfterMinutes: 15, mustChangePassword: false };
        },
      }),
      silent,
    );
    const context = { user: agent, sessionKey: 's', restriction: 'must_change_password' as const };
    const refused = await dispatch('catalog.procedures', {}, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const change = await dispatch(
      'session.changePassword',
      { currentPassword: 'ancien-mot', newPassword: 'un-nouveau-mot-de-passe' },
      context,
    );
    expect(change.ok).toBe(true);
    expect(changed).toBe(true);
  });

  it('turns domain errors into their code and hides unexpected ones', async () => {
    const dispatch = createDispatcher(
      handlers({
        'cases.get': () => {
          throw new DomainError('not_found', 'Dossier introuvable.');
        },
        'sync.now': () => {
          throw new Error('disk I/O error at /secret/path');
        },
      }),
      silent,
    );
    expect(await dispatch('cases.get', { id: 'x' }, { user: agent })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Dossier introuvable.' },
    });
    const internal = await dispatch('sync.now', {}, { user: agent });
    expect(internal.ok).toBe(false);
    if (!internal.ok) {
      expect(internal.error.code).toBe('internal');
      expect(internal.error.message).not.toContain('/secret/path');
    }
  });

  it('names the refused field of a form and writes its rule as one sentence (issue 19)', async () => {
    const administrator: CurrentUser = { ...agent, role: 'administrateur' };
    const dispatch = createDispatcher(
      handlers({
        'admin.office.update': () => {
          throw new DomainError('invalid_input', 'Commencez par LOM.', 'numberingCode');
        },
        'admin.users.update': () => {
          throw refusal('conflict', 'lastAdministrator', { name: 'Edem Dossou' });
        },
      }),
      silent,
    );
    const user = await dispatch(
      'admin.users.create',
      {
        username: 'é',
        displayName: 'Dzifa Akakpo',
        role: 'agent',
        officeCode: 'LOM',
        procedureCodes: null,
        temporaryPassword: 'un-mot-de-passe',
      },
      { user: administrator },
    );
    expect(user).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          "Saisie refusée : L'identifiant : 3 à 64 lettres sans accent, chiffres, « . », « _ » ou « - ». Corrigez-la puis réessayez.",
        issues: [
          {
            field: 'username',
            message: "L'identifiant : 3 à 64 lettres sans accent, chiffres, « . », « _ » ou « - ».",
          },
        ],
      },
    });
    const office = await dispatch(
      'admin.office.update',
      {
        name: 'Bureau de Lomé',
        region: 'Maritime',
        numberingCode: 'KAR',
        opensAt: '07:30',
        closesAt: '17:30',
        lockAfterMinutes: 15,
      },
      { user: administrator },
    );
    expect(office).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Commencez par LOM.',
        issues: [{ field: 'numberingCode', message: 'Commencez par LOM.' }],
      },
    });
    // A rule the schema words itself not, zod's own sentence, in French as well.
    const short = await dispatch(
      'admin.office.update',
      {
        name: 'B',
        region: 'Maritime',
        numberingCode: 'LOM',
        opensAt: '07:30',
        closesAt: '17:30',
        lockAfterMinutes: 15,
      },
      { user: administrator },
    );
    expect(short.ok ? '' : short.error.message).toBe(
      'Saisie refusée : Trop petit : chaîne de caractères doit avoir >=2 caractères. Corrigez-la puis réessayez.',
    );
    // A refusal of the shared catalog carries its key and parameters, for the renderer to word.
    const last = await dispatch(
      'admin.users.update',
      { id: 'u-edem', active: false },
      {
        user: administrator,
      },
    );
    expect(last).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "Edem Dossou est le dernier administrateur actif : Bureau doit en garder au moins un. Nommez d'abord un autre administrateur.",
        reason: { key: 'lastAdministrator', params: { name: 'Edem Dossou' } },
      },
    });
    // The dispatcher's own refusals too.
    expect(await dispatch('inbox.list', { queue: 'mine' }, { user: null })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', reason: { key: 'sessionExpired', params: {} } },
    });
  });
});
