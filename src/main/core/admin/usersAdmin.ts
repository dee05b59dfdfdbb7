import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { UserAccount } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { OFFICES } from '../../../shared/domain/offices';
import type { Role } from '../../../shared/domain/roles';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import { hashPassword } from '../auth/passwordHash';
import type { UsersRepository } from '../auth/usersRepository';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import { changedFields } from './changeSummary';
import { createUserAccounts, type AccountProfile } from './userAccounts';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  officeCode: string;
  procedureCodes: string[] | null;
  temporaryPassword: string;
}

export type AccountChange = { id: string } & Partial<AccountProfile>;

/**
 * Users as administrators manage them: create, edit, deactivate, reset a password. Each change
 * and its audit row (before/after, never a password or hash) commit together; passwords are
 * hashed with scrypt before the transaction (it runs on the thread pool, ~0.3 s).
 */
export function createUsersAdmin(deps: {
  db: Database.Database;
  users: UsersRepository;
  audit: AuditLog;
  catalog: Catalog;
  clock: Clock;
}) {
  const { db, users, audit, catalog, clock } = deps;
  const accounts = createUserAccounts(db, () => clock.now());

  function mustExist(id: string): UserAccount {
    const account = accounts.get(id);
    if (!account) {
      throw new DomainError(
        'not_found',
        "Ce compte n'existe plus. Rechargez la liste des utilisateurs.",
      );
    }
    return account;
  }

  function checkOffice(officeCode: string): void {
    if (!OFFICES.some((office) => office.code === officeCode)) {
      const known = OFFICES.map((office) => office.code).join(', ');
      throw new DomainError(
        'invalid_input',
        `Bureau « ${officeCode} » inconnu. Choisissez l'un des bureaux régionaux : ${known}.`,
      );
    }
  }

  function checkProcedures(codes: string[] | null): void {
    if (codes === null) return;
    if (codes.length === 0) {
      throw new DomainError(
        'invalid_input',
        'Choisissez au moins une procédure, ou « Toutes les procédures ».',
      );
    }
    const unknown = codes.filter((code) => !catalog.get(code));
    if (unknown.length > 0) {
      throw new DomainError(
        'invalid_input',
        `Procédure inconnue : ${unknown.join(', ')}. Choisissez dans la liste du catalogue.`,
      );
    }
  }

  function refuseTakenUsername(username: string): void {
    if (accounts.idOfUsername(username) !== null) {
      throw new DomainError(
        'conflict',
        `L'identifiant « ${username} » est déjà pris. Choisissez-en un autre (par exemple avec l'initiale du second prénom).`,
      );
    }
  }

  /** An administrator keeps their own access, and the office always keeps one administrator. */
  function checkAdministratorsRemain(
    before: UserAccount,
    after: AccountProfile,
    actor: CurrentUser,
  ) {
    const stillAdministrator = after.active && after.role === 'administrateur';
    const wasAdministrator = before.active && before.role === 'administrateur';
    if (before.id === actor.id && !after.active) {
      throw new DomainError(
        'forbidden',
        'Vous ne pouvez pas désactiver votre propre compte. Demandez-le à un autre administrateur.',
      );
    }
    if (
      before.id === actor.id &&
      before.role === 'administrateur' &&
      after.role !== 'administrateur'
    ) {
      throw new DomainError(
        'forbidden',
        'Vous ne pouvez pas retirer votre propre rôle d’administrateur. Demandez-le à un autre administrateur.',
      );
    }
    if (wasAdministrator && !stillAdministrator && accounts.activeAdministrators() <= 1) {
      throw new DomainError(
        'conflict',
        `${before.displayName} est le dernier administrateur actif : Bureau doit en garder au moins un. Nommez d'abord un autre administrateur.`,
      );
    }
  }

  const record = (
    actor: CurrentUser,
    action: string,
    account: UserAccount,
    summary: Record<string, unknown>,
    at: string,
  ) =>
    audit.append({
      at,
      actorId: actor.id,
      officeCode: actor.officeCode,
      action,
      entityType: 'user',
      entityId: account.id,
      summary: { username: account.username, ...summary },
    });

  return {
    list: (): UserAccount[] => accounts.list(),

    async create(input: NewAccount, actor: CurrentUser): Promise<UserAccount> {
      checkOffice(input.officeCode);
      checkProcedures(input.procedureCodes);
      refuseTakenUsername(input.username);
      const passwordHash = await hashPassword(input.temporaryPassword);
      return db.transaction(() => {
        refuseTakenUsername(input.username); // taken while the password was being hashed
        const id = `u-${randomUUID()}`;
        const at = clock.now().toISOString();
        users.insertIfMissing(
          {
            id,
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            officeCode: input.officeCode,
            procedureCodes: input.procedureCodes,
            passwordHash,
            mustChangePassword: true,
          },
          at,
        );
        const account = mustExist(id);
        record(
          actor,
          'user.created',
          account,
          {
            after: {
              displayName: account.displayName,
              role: account.role,
              officeCode: account.officeCode,
              procedureCodes: account.procedureCodes,
            },
          },
          at,
        );
        return account;
      })();
    },

    update(change: AccountChange, actor: CurrentUser): UserAccount {
      return db.transaction(() => {
        const before = mustExist(change.id);
        const profile = (account: UserAccount): AccountProfile => ({
          displayName: account.displayName,
          role: account.role,
          officeCode: account.officeCode,
          procedureCodes: account.procedureCodes,
          active: account.active,
        });
        const { id: _id, ...fields } = change;
        const after: AccountProfile = { ...profile(before), ...fields };
        const diff = changedFields(profile(before), after);
        if (!diff) return before;
        if (diff.after.officeCode !== undefined) checkOffice(after.officeCode);
        if (diff.after.procedureCodes !== undefined) checkProcedures(after.procedureCodes);
        checkAdministratorsRemain(before, after, actor);
        accounts.writeProfile(before.id, after);
        const action =
          diff.after.active === false
            ? 'user.deactivated'
            : diff.after.active === true
              ? 'user.reactivated'
              : 'user.updated';
        record(actor, action, before, diff, clock.now().toISOString());
        return mustExist(before.id);
      })();
    },

    async resetPassword(
      input: { id: string; temporaryPassword: string },
      actor: CurrentUser,
    ): Promise<UserAccount> {
      mustExist(input.id);
      const passwordHash = await hashPassword(input.temporaryPassword);
      return db.transaction(() => {
        const before = mustExist(input.id);
        const at = clock.now().toISOString();
        users.setPasswordHash(before.id, passwordHash, true, at);
        record(
          actor,
          'user.password_reset',
          before,
          {
            lockOutLifted: before.lockedUntil !== null,
            mustChangePassword: true,
          },
          at,
        );
        return mustExist(before.id);
      })();
    },
  };
}
export type UsersAdmin = ReturnType<typeof createUsersAdmin>;
