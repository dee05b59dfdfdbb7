import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { UserAccount } from '../../../shared/api/adminTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { OFFICES } from '../../../shared/domain/offices';
import type { Role } from '../../../shared/domain/roles';
import { refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import { hashPassword } from '../auth/passwordHash';
import type { UsersRepository } from '../auth/usersRepository';
import type { Catalog } from '../catalog/loadCatalog';
import type { Clock } from '../clock';
import type { AccountPublisher } from '../office/accountPublisher';
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
  /** An enrolled desk's account changes go to the office directory. */
  accounts: AccountPublisher;
}) {
  const { db, users, audit, catalog, clock, accounts: directory } = deps;
  const accounts = createUserAccounts(db, () => clock.now());

  function mustExist(id: string): UserAccount {
    const account = accounts.get(id);
    if (!account) {
      throw refusal('not_found', 'accountGone', {});
    }
    return account;
  }

  function checkOffice(officeCode: string): void {
    if (!OFFICES.some((office) => office.code === officeCode)) {
      const known = OFFICES.map((office) => office.code).join(', ');
      throw refusal('invalid_input', 'unknownOffice', { office: officeCode, known }, 'officeCode');
    }
  }

  function checkProcedures(codes: string[] | null): void {
    if (codes === null) return;
    if (codes.length === 0) {
      throw refusal('invalid_input', 'noProcedure', {}, 'procedureCodes');
    }
    const unknown = codes.filter((code) => !catalog.get(code));
    if (unknown.length > 0) {
      throw refusal(
        'invalid_input',
        'unknownProcedures',
        { codes: unknown.join(', ') },
        'procedureCodes',
      );
    }
  }

  /** An enrolled desk's directory is its office's: accounts of other offices live there. */
  function refuseOtherOffice(officeCode: string): void {
    if (directory.enrolled() && officeCode !== directory.officeCode()) {
      throw refusal(
        'invalid_input',
        'accountOfOtherOffice',
        { office: directory.officeCode() ?? '' },
        'officeCode',
      );
    }
  }

  function refuseTakenUsername(username: string): void {
    if (accounts.idOfUsername(username) !== null) {
      throw refusal('conflict', 'usernameTaken', { username }, 'username');
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
      throw refusal('forbidden', 'cannotDeactivateSelf', {}, 'active');
    }
    if (
      before.id === actor.id &&
      before.role === 'administrateur' &&
      after.role !== 'administrateur'
    ) {
      throw refusal('forbidden', 'cannotDemoteSelf', {}, 'role');
    }
    if (wasAdministrator && !stillAdministrator && accounts.activeAdministrators() <= 1) {
      throw refusal('conflict', 'lastAdministrator', { name: before.displayName });
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
    list(): UserAccount[] {
      const states = directory.directoryStates();
      return accounts.list().map((account) => ({
        ...account,
        directory: states.get(account.id) ?? null,
      }));
    },

    async create(input: NewAccount, actor: CurrentUser): Promise<UserAccount> {
      checkOffice(input.officeCode);
      checkProcedures(input.procedureCodes);
      refuseOtherOffice(input.officeCode);
      refuseTakenUsername(input.username);
      const passwordHash = await hashPassword(input.temporaryPassword);
      const id = `u-${randomUUID()}`;
      if (directory.enrolled()) {
        // The portal first: it alone can say the username is free in the whole country.
        await directory.create(
          {
            id,
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            procedureCodes: input.procedureCodes,
            verifier: passwordHash,
            mustChangePassword: true,
          },
          actor,
        );
      }
      return db.transaction(() => {
        if (!directory.enrolled()) refuseTakenUsername(input.username); // taken while hashing
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
      const updated = db.transaction(() => {
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
        if (diff.after.officeCode !== undefined) {
          checkOffice(after.officeCode);
          refuseOtherOffice(after.officeCode);
        }
        if (diff.after.procedureCodes !== undefined) checkProcedures(after.procedureCodes);
        checkAdministratorsRemain(before, after, actor);
        accounts.writeProfile(before.id, after);
        if (directory.enrolled()) {
          const { officeCode: _office, ...published } = diff.after as Partial<AccountProfile>;
          directory.queue(before.id, published, actor);
        }
        const action =
          diff.after.active === false
            ? 'user.deactivated'
            : diff.after.active === true
              ? 'user.reactivated'
              : 'user.updated';
        record(actor, action, before, diff, clock.now().toISOString());
        return mustExist(before.id);
      })();
      if (directory.enrolled()) directory.changed();
      return updated;
    },

    async resetPassword(
      input: { id: string; temporaryPassword: string },
      actor: CurrentUser,
    ): Promise<UserAccount> {
      mustExist(input.id);
      const passwordHash = await hashPassword(input.temporaryPassword);
      const reset = db.transaction(() => {
        const before = mustExist(input.id);
        const at = clock.now().toISOString();
        users.setPasswordHash(before.id, passwordHash, true, at);
        if (directory.enrolled()) {
          directory.queue(
            before.id,
            { verifier: passwordHash, mustChangePassword: true, reason: 'reset' },
            actor,
          );
        }
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
      if (directory.enrolled()) directory.changed();
      return reset;
    },
  };
}
export type UsersAdmin = ReturnType<typeof createUsersAdmin>;
