import type { Actor, DirectoryAccount, DirectoryRole, Refusal } from './desks';
import { refusal } from './desks';

/**
 * The office staff directory (design multi-desk §3.4): a state-based feed of the office's accounts
 * and the account writes (creation, change), in memory like the rest of the simulator.
 *
 * Every change to an account — enrollment's accounts, a creation, any accepted change — takes the
 * office's next directory sequence and the account's version + 1 (a creation is version 1). The
 * feed answers the accounts whose sequence is above the cursor, by sequence: an account changed
 * again moves to the end, once, with its latest state.
 */

/** What the directory needs of an office. */
export interface DirectoryOffice {
  code: string;
  accounts: Map<string, DirectoryAccount>;
  directorySequence: number;
}

export const DIRECTORY_CURSOR = /^d:(0|[1-9][0-9]{0,14})$/;
export const DEFAULT_DIRECTORY_LIMIT = 200;
export const MAX_DIRECTORY_LIMIT = 500;

export interface DirectoryPage {
  items: DirectoryAccount[];
  nextCursor: string;
  hasMore: boolean;
}

/** Stores `fields` as the account's next state: next office sequence, version + 1, `updatedAt`. */
export function putAccount(
  office: DirectoryOffice,
  fields: Omit<DirectoryAccount, 'version' | 'sequence' | 'updatedAt'>,
  at: string,
): DirectoryAccount {
  office.directorySequence += 1;
  const previous = office.accounts.get(fields.id);
  const account: DirectoryAccount = {
    ...fields,
    version: (previous?.version ?? 0) + 1,
    sequence: office.directorySequence,
    updatedAt: at,
  };
  office.accounts.set(account.id, account);
  return account;
}

/** The accounts changed after sequence `after`, oldest change first, at most `limit`. */
export function directoryPage(
  office: DirectoryOffice,
  after: number,
  limit: number,
): DirectoryPage {
  const changed = [...office.accounts.values()]
    .filter((account) => account.sequence > after)
    .sort((a, b) => a.sequence - b.sequence);
  const items = changed.slice(0, limit).map((account) => ({ ...account }));
  const last = items.at(-1)?.sequence ?? after;
  return { items, nextCursor: `d:${last}`, hasMore: changed.length > items.length };
}

export interface NewAccount {
  id: string;
  username: string;
  displayName: string;
  role: DirectoryRole;
  procedureCodes: string[] | null;
  verifier: string;
  mustChangePassword: boolean;
}

/** A change to an account: any non-empty subset (validated by the route). */
export interface AccountChange {
  displayName?: string;
  role?: DirectoryRole;
  procedureCodes?: string[] | null;
  active?: boolean;
  verifier?: string;
  mustChangePassword?: boolean;
  reason?: 'reset' | 'change';
}

/** Who may act, and where: the directory's part of an account write. */
export interface WriteContext {
  office: DirectoryOffice;
  deskId: string;
  actor: Actor;
  at: string;
}

function actorNotAllowed(office: DirectoryOffice, actor: Actor, message?: string): Refusal {
  return refusal(
    403,
    'actor_not_allowed',
    message ??
      `Action réservée à un administrateur actif du bureau ${office.code} : ${actor.displayName} ne l'est pas dans l'annuaire du portail.`,
    { actorId: actor.id },
  );
}

function isActiveAdministrator(account: DirectoryAccount | undefined): boolean {
  return account !== undefined && account.active && account.role === 'administrateur';
}

/**
 * `{ verifier, mustChangePassword: false, reason: 'change' }` and nothing else: the one change a
 * person may make to their own account without being an administrator.
 */
export function isOwnPasswordChange(change: AccountChange): boolean {
  const keys = Object.keys(change).sort();
  return (
    keys.join(',') === 'mustChangePassword,reason,verifier' &&
    typeof change.verifier === 'string' &&
    change.mustChangePassword === false &&
    change.reason === 'change'
  );
}

/**
 * Creates an account (version 1, active, `passwordSetAt` = now). Checks, in order: the actor is an
 * active administrateur of the office; no account of the country has this id
 * (`409 account_exists`, with `details.current` when it is of this office); no account of the
 * country has this username (`409 username_taken`).
 */
export function createAccount(
  context: WriteContext,
  account: NewAccount,
  country: {
    accountById(id: string): DirectoryAccount | undefined;
    accountByUsername(username: string): DirectoryAccount | undefined;
  },
): { account: DirectoryAccount } | Refusal {
  const { office, actor, at, deskId } = context;
  if (!isActiveAdministrator(office.accounts.get(actor.id))) return actorNotAllowed(office, actor);
  const sameId = country.accountById(account.id);
  if (sameId) {
    return refusal(
      409,
      'account_exists',
      `Un compte porte déjà l'identifiant interne ${account.id} : ce compte est déjà créé.`,
      sameId.officeCode === office.code
        ? { id: account.id, current: { ...sameId } }
        : { id: account.id },
    );
  }
  if (country.accountByUsername(account.username)) {
    return refusal(
      409,
      'username_taken',
      `L'identifiant ${account.username} est déjà pris : choisissez-en un autre.`,
      { username: account.username },
    );
  }
  const created = putAccount(
    office,
    {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      officeCode: office.code,
      procedureCodes: account.procedureCodes,
      active: true,
      verifier: account.verifier,
      mustChangePassword: account.mustChangePassword,
      passwordSetAt: at,
      updatedBy: actor,
      updatedOnDesk: deskId,
    },
    at,
  );
  return { account: { ...created } };
}

/**
 * Applies `change` to the office's account `id`. Checks, in order: the account exists in the office
 * (`404 account_not_found`); the actor is an active administrateur, or the account's own active
 * holder changing their password (`403 actor_not_allowed`); `expectedVersion` is the current
 * version (`409 account_version_mismatch`, `details.current`); the office keeps an active
 * administrateur (`409 last_administrator`).
 */
export function changeAccount(
  context: WriteContext,
  id: string,
  expectedVersion: number,
  change: AccountChange,
): { account: DirectoryAccount } | Refusal {
  const { office, actor, at, deskId } = context;
  const current = office.accounts.get(id);
  if (!current) {
    return refusal(
      404,
      'account_not_found',
      `Compte inconnu dans l'annuaire du bureau ${office.code} : ${id}.`,
      { id },
    );
  }
  const actorAccount = office.accounts.get(actor.id);
  if (!isActiveAdministrator(actorAccount)) {
    const ownPassword = actor.id === id && isOwnPasswordChange(change);
    if (!ownPassword) return actorNotAllowed(office, actor);
    if (!current.active) {
      return actorNotAllowed(
        office,
        actor,
        `Le compte de ${actor.displayName} est désactivé dans l'annuaire du bureau ${office.code} : son mot de passe ne peut plus être changé.`,
      );
    }
  }
  if (current.version !== expectedVersion) {
    const where = current.updatedOnDesk
      ? `sur un autre poste (${current.updatedOnDesk})`
      : 'sur un autre poste';
    return refusal(
      409,
      'account_version_mismatch',
      `Ce compte a été modifié ${where} : la version du portail est gardée. Refaites votre modification si elle est toujours utile.`,
      { current: { ...current } },
    );
  }
  const next = {
    ...current,
    ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.procedureCodes !== undefined ? { procedureCodes: change.procedureCodes } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
    ...(change.verifier !== undefined ? { verifier: change.verifier, passwordSetAt: at } : {}),
    ...(change.mustChangePassword !== undefined
      ? { mustChangePassword: change.mustChangePassword }
      : {}),
    updatedBy: actor,
    updatedOnDesk: deskId,
  };
  if (isActiveAdministrator(current) && !isActiveAdministrator(next)) {
    const others = [...office.accounts.values()].filter(
      (account) => account.id !== id && isActiveAdministrator(account),
    );
    if (others.length === 0) {
      return refusal(
        409,
        'last_administrator',
        'Le bureau doit garder au moins un administrateur actif.',
        { id },
      );
    }
  }
  const { version: _version, sequence: _sequence, updatedAt: _updatedAt, ...fields } = next;
  return { account: { ...putAccount(office, fields, at) } };
}
