import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/main/core/api/dispatcher';
import { DomainError } from '../../src/main/core/api/domainError';
import type { CurrentUser } from '../../src/shared/api/types';

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
  return {
    'app.info': () => ({
      version: '1',
      host: 'web',
      trainingMode: true,
      portalUrl: 'x',
      dataDir: 'd',
    }),
    'session.current': (_input, { user }) => user,
    'catalog.procedures': () => [],
    'inbox.counts': unused,
    'inbox.list': (input) => ({ rows: [], nextCursor: input.cursor }),
    'inbox.total': unused,
    'inbox.filterOptions': unused,
    'views.list': unused,
    'views.save': unused,
    'views.delete': unused,
    'cases.get': unused,
    'sync.status': unused,
    'sync.now': unused,
    'sync.quarantine': unused,
    'notes.add': unused,
    'cases.resolveConflict': unused,
    'cases.claim': unused,
    'cases.release': unused,
    'cases.takeOver': unused,
    'cases.tickChecklist': unused,
    'cases.requestInfo': unused,
    'cases.approve': unused,
    'cases.reject': unused,
    'cases.signOff': unused,
    'documents.content': unused,
    'certificates.issue': unused,
    'certificates.forCase': unused,
    'certificates.list': unused,
    'certificates.file': unused,
    'certificates.reprint': unused,
    'certificates.revoke': unused,
    'certificates.verify': unused,
    'certificates.publicKeys': unused,
    'session.trainingUsers': unused,
    'session.switchUser': unused,
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
      error: { code: 'unknown_method', message: expect.stringContaining('inconnue') },
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
      expect(result.error.message).toContain('queue');
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
    expect(open).toEqual({ ok: true, value: null });
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
});
