import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { ApiError } from '../../src/shared/api/result';
import type { CurrentUser } from '../../src/shared/api/types';
import type { Office } from './office';

/**
 * Desks of a real office in tests (training: false): calling a desk's API as a person or as a
 * transport session, the first administrator, and the enrollment of every desk of an office
 * (the first desk publishes the office, the others join with codes it issues).
 */

export type Outcome<M extends MethodName> =
  { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiError };

/** `user` given: in-process as that person; else through the transport session `session`. */
export function deskApi(core: Core, session = 'test') {
  const dispatch = <M extends MethodName>(method: M, input: MethodInput<M>, user?: CurrentUser) =>
    core.dispatch(method, input, user ? { user } : core.contextFor(session)) as Promise<Outcome<M>>;
  const call = async <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    user?: CurrentUser,
  ): Promise<MethodOutput<M>> => {
    const result = await dispatch(method, input, user);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { dispatch, call };
}

export const FIRST_ADMINISTRATOR = {
  username: 'ablavi.dossou',
  displayName: 'Ablavi Dossou',
  password: 'une longue phrase de passe',
};

export async function firstAdministrator(core: Core, officeCode = 'LOM'): Promise<CurrentUser> {
  const state = await deskApi(core, 'setup').call('session.createFirstAdministrator', {
    username: FIRST_ADMINISTRATOR.username,
    displayName: FIRST_ADMINISTRATOR.displayName,
    officeCode,
    password: FIRST_ADMINISTRATOR.password,
  });
  if (state.status !== 'active') throw new Error('first administrator not signed in');
  return state.user;
}

/** Desk 1 becomes the office's first desk; every other desk joins with a fresh code. */
export async function enrollOffice(office: Office): Promise<CurrentUser> {
  const [first, ...others] = office.desks;
  if (!first) throw new Error('an office needs a desk');
  const admin = await firstAdministrator(first.core);
  await deskApi(first.core).call('office.enrollFirst', { label: 'Guichet 1' }, admin);
  for (const desk of others) {
    const label = `Guichet ${desk.index + 1}`;
    const { code } = await deskApi(first.core).call('office.issueCode', { label }, admin);
    await deskApi(desk.core).call('office.join', { officeCode: 'LOM', code, label });
  }
  return admin;
}

/** Claims, ticks the checklist and approves a case that needs no sign-off; answers its detail. */
export async function approveOn(core: Core, user: CurrentUser, id: string): Promise<void> {
  const { call } = deskApi(core);
  const procedureCode = core.db
    .prepare('SELECT procedure_code FROM applications WHERE id = ?')
    .pluck()
    .get(id) as string;
  // Offline, the person accepts the claim and the approval as provisional (the UI asks them).
  await call('cases.claim', { id, provisional: true }, user);
  for (const item of core.catalog.get(procedureCode)!.checklist) {
    await call('cases.tickChecklist', { id, itemId: item.id, checked: true }, user);
  }
  const detail = await call('cases.approve', { id, provisional: true }, user);
  if (detail.row.status !== 'approved') {
    throw new Error(`${id} is ${detail.row.status} after approval (sign-off needed?)`);
  }
}

/** Submitted cases of LOM whose procedure needs no sign-off, in a stable order. */
export function approvableCases(core: Core): string[] {
  const procedures = core.catalog.procedures
    .filter((procedure) => !procedure.signOffRequired)
    .map((procedure) => procedure.code);
  return core.db
    .prepare(
      `SELECT id FROM applications WHERE office_code = 'LOM' AND status = 'submitted'
          AND procedure_code IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .pluck()
    .all(JSON.stringify(procedures)) as string[];
}

/** The temporary password of the accounts `createAccount` makes. */
export const TEMPORARY_PASSWORD = 'mot de passe provisoire 1';

/** An account of the office LOM, made by `admin` on `core` (the portal must be reachable). */
export async function createAccount(
  core: Core,
  admin: CurrentUser,
  username: string,
  displayName: string,
  role: 'agent' | 'superviseur' = 'agent',
): Promise<CurrentUser> {
  const account = await deskApi(core).call(
    'admin.users.create',
    {
      username,
      displayName,
      role,
      officeCode: 'LOM',
      procedureCodes: null,
      temporaryPassword: TEMPORARY_PASSWORD,
    },
    admin,
  );
  return { ...account, officeCode: 'LOM' };
}
