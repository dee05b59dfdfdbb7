import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/main/core/api/dispatcher';
import type { Core } from '../../src/main/core/createCore';
import { apiContract, isMethodName, type MethodName } from '../../src/shared/api/contract';
import type { Access } from '../../src/shared/api/method';
import type { Result } from '../../src/shared/api/result';
import type { CurrentUser } from '../../src/shared/api/types';
import { ROLES, type Role } from '../../src/shared/domain/roles';
import { trainingUsersOf, openCore, startSimulator, tempDir } from '../support/testBureau';

/**
 * The authorization matrix: EVERY method of the contract (read from `apiContract`, so methods
 * added later are covered without touching this file) × every role × signed out, through a real
 * core's `dispatch` (real SQLite, syncing from the simulator). Each call sends `{}`: authorization
 * is decided before the input is validated, so a refusal is never masked by invalid_input, and
 * a caller who may not call a method learns nothing about its input.
 */

type Subject = Role | 'anonyme';
const SUBJECTS: readonly Subject[] = ['anonyme', ...ROLES];
const METHODS = Object.keys(apiContract) as MethodName[];
const accessOf = (method: MethodName): Access => apiContract[method].access;

/** What the authorization layer must do: `autorisé` means it lets the call through. */
type Gate = 'autorisé' | 'refusé: non connecté' | 'refusé: rôle';
function expectedGate(method: MethodName, subject: Subject): Gate {
  const access = accessOf(method);
  if (access === 'public') return 'autorisé';
  if (subject === 'anonyme') return 'refusé: non connecté';
  return access.includes(subject) ? 'autorisé' : 'refusé: rôle';
}
function observedGate(result: Result<unknown>): Gate {
  if (result.ok) return 'autorisé';
  if (result.error.code === 'unauthenticated') return 'refusé: non connecté';
  if (result.error.code === 'forbidden') return 'refusé: rôle';
  return 'autorisé'; // reached validation or the handler: invalid_input, not_found…
}

const SYMBOL: Record<Gate, string> = {
  autorisé: '✓',
  'refusé: non connecté': '✗ 401',
  'refusé: rôle': '✗ 403',
};
const rowLabel = (method: MethodName) =>
  SUBJECTS.map((subject) => `${subject} ${SYMBOL[expectedGate(method, subject)]}`).join(' · ');

function table(cell: (method: MethodName, subject: Subject) => string): string {
  const header = ['méthode', ...SUBJECTS];
  const lines = METHODS.map((method) => [method, ...SUBJECTS.map((s) => cell(method, s))]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((line) => line[column]!.length)),
  );
  const format = (line: string[]) =>
    line.map((text, column) => text.padEnd(widths[column]!)).join(' | ');
  return [
    format(header),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...lines.map(format),
  ]
    .map((line) => line.trimEnd())
    .join('\n');
}

let core: Core;
let closeSimulator: () => Promise<void>;
const users = new Map<Subject, CurrentUser | null>([['anonyme', null]]);
const observed = new Map<string, Result<unknown>>();
const key = (method: MethodName, subject: Subject) => `${method} ${subject}`;

const count = (table: string) =>
  core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeAll(async () => {
  const simulator = await startSimulator(20, 5);
  closeSimulator = () => simulator.close();
  core = openCore({
    dataDir: tempDir('bureau-authz-'),
    portalUrl: simulator.url,
    token: simulator.token,
  });
  await core.sync.syncNow();
  const training = { value: trainingUsersOf(core) };
  for (const role of ROLES) {
    const user = (training.value as CurrentUser[]).find((candidate) => candidate.role === role);
    if (!user) throw new Error(`no training user with role ${role}`);
    users.set(role, user);
  }
});

afterAll(async () => {
  await core?.close();
  await closeSimulator?.();
});

/** Calls `method` as `subject`; a refused call must have written nothing. */
async function callAs(method: MethodName, subject: Subject): Promise<Result<unknown>> {
  const before = [count('audit_log'), count('outbox'), count('history_events')];
  const result = await core.dispatch(method, {}, { user: users.get(subject)! });
  observed.set(key(method, subject), result);
  if (observedGate(result) !== 'autorisé') {
    expect([count('audit_log'), count('outbox'), count('history_events')]).toEqual(before);
  }
  return result;
}

describe('authorization matrix: every contract method × every role × signed out', () => {
  it.each(METHODS.map((method) => [method, rowLabel(method)]))('%s — %s', async (name) => {
    const method = name as MethodName;
    const access = accessOf(method);
    for (const subject of SUBJECTS) {
      const result = await callAs(method, subject);
      const where = `${method} as ${subject}: ${JSON.stringify(result).slice(0, 300)}`;
      const code = result.ok ? null : result.error.code;
      if (access === 'public') {
        // Public methods are never refused for who is calling (only, perhaps, for the input).
        expect(code, where).not.toBe('unauthenticated');
        expect(code, where).not.toBe('forbidden');
      } else if (subject === 'anonyme') {
        expect(code, where).toBe('unauthenticated');
        expect(result.ok ? '' : result.error.message).toMatch(/Reconnectez-vous/);
      } else if (access.includes(subject)) {
        expect(code, where).not.toBe('unauthenticated');
        expect(code, where).not.toBe('forbidden');
      } else {
        expect(code, where).toBe('forbidden');
        const message = result.ok ? '' : result.error.message;
        expect(message, where).toMatch(/Votre rôle ne permet pas cette opération/);
        expect(message).toMatch(/[éèàç]/); // French prose, for the user
      }
    }
  });

  it('the observed matrix is exactly the contract’s, method by method (printed below)', async () => {
    for (const method of METHODS) {
      for (const subject of SUBJECTS) {
        if (!observed.has(key(method, subject))) await callAs(method, subject);
      }
    }
    const seen = table((method, subject) => {
      const result = observed.get(key(method, subject))!;
      const gate = observedGate(result);
      return gate === 'autorisé' ? `✓ ${result.ok ? 'ok' : result.error.code}` : SYMBOL[gate];
    });
    console.info(
      `Matrice d’autorisation (✓ = passé le contrôle d’accès, puis code de la réponse ; ✗ 401 = non connecté ; ✗ 403 = rôle refusé) :\n${seen}`,
    );
    const gates = (gate: (method: MethodName, subject: Subject) => Gate) =>
      table((method, subject) => SYMBOL[gate(method, subject)]);
    expect(gates((method, subject) => observedGate(observed.get(key(method, subject))!))).toBe(
      gates(expectedGate),
    );
  });

  it('refuses before any handler runs (same matrix through the dispatcher, handlers counted)', async () => {
    const reached: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, name) => () => {
        reached.push(String(name));
        return null;
      },
    });
    const dispatch = createDispatcher(handlers, () => {});
    for (const method of METHODS) {
      for (const subject of SUBJECTS) {
        reached.length = 0;
        const result = await dispatch(method, {}, { user: users.get(subject)! });
        const gate = observedGate(result);
        expect(gate, `${method} as ${subject}`).toBe(expectedGate(method, subject));
        if (gate !== 'autorisé') expect(reached, `${method} as ${subject}`).toEqual([]);
      }
    }
  });
});

describe('the contract’s roles', () => {
  /** Deciding and working cases is the clerks' and supervisors' job, not the administrators'. */
  const CASE_WORK: readonly string[] = [
    'cases.claim',
    'cases.release',
    'cases.takeOver',
    'cases.checkOut',
    'cases.tickChecklist',
    'cases.requestInfo',
    'cases.approve',
    'cases.reject',
    'cases.signOff',
    'cases.withdrawProposal',
    'cases.confirmPortalChanges',
    'cases.markDuplicate',
    'certificates.issue',
    'certificates.reprint',
    'certificates.revoke',
  ];
  /**
   * `cases.*` methods an administrator may call today. A new `cases.*` method open to
   * administrators fails the test below until it is added here on purpose.
   */
  const CASE_METHODS_OPEN_TO_ADMINISTRATORS: readonly string[] = [
    'cases.get',
    // Reading what the administration already holds about a case (issue 20 §2) decides nothing.
    'cases.linked',
    'cases.signals',
  ];

  it('administrators cannot call any case-working method', () => {
    for (const name of CASE_WORK) {
      expect(isMethodName(name), `${name} is in the contract`).toBe(true);
      const access = accessOf(name as MethodName);
      expect(access, name).not.toBe('public');
      expect(access, name).not.toContain('administrateur');
    }
    const openToAdmins = METHODS.filter((method) => {
      const access = accessOf(method);
      return (
        method.startsWith('cases.') && access !== 'public' && access.includes('administrateur')
      );
    });
    expect(
      openToAdmins.filter((method) => !CASE_METHODS_OPEN_TO_ADMINISTRATORS.includes(method)),
      'a cases.* method open to administrators: is it really not case work?',
    ).toEqual([]);
  });

  it('only a supervisor signs off and takes over a case', () => {
    expect(accessOf('cases.signOff')).toEqual(['superviseur']);
    expect(accessOf('cases.takeOver')).toEqual(['superviseur']);
  });

  it('every non-public method names at least one role, and only known roles', () => {
    for (const method of METHODS) {
      const access = accessOf(method);
      if (access === 'public') continue;
      expect(access.length, method).toBeGreaterThan(0);
      for (const role of access) expect(ROLES, method).toContain(role);
    }
  });
});
