import type Database from 'better-sqlite3';
import { refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { CurrentUser } from '../../../shared/api/types';
import { hashPassword, needsRehash, verifyPassword } from './passwordHash';
import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS } from './signInPolicy';
import type { CredentialRecord, UsersRepository } from './usersRepository';

/** Checked for unknown usernames so that a wrong name takes as long as a wrong password. */
const DECOY_HASH =
  'scrypt$65536$8$1$ph0XtGRbpbTs1+shzmRiGw==$IbhsyZGhF8l2SGOWur8B7ltxZQRsMPpdgsYr3mlh/30=';

const POLICY = { attempts: MAX_FAILED_ATTEMPTS, minutes: LOCKOUT_MINUTES };
const wrongCredentials = () => refusal('unauthenticated', 'wrongCredentials', POLICY);
/** When only the password was asked (unlock, password change): the name is not in question. */
const wrongPassword = () => refusal('unauthenticated', 'wrongPassword', POLICY);

/**
 * Password checks against the local scrypt verifier, with lock-out after repeated failures.
 * Everything is local, so signing in works for days without the portal.
 */
export function createCredentials(deps: {
  db: Database.Database;
  users: UsersRepository;
  audit: AuditLog;
  clock: Clock;
}) {
  const { db, users, audit, clock } = deps;
  /**
   * One password check at a time per account: checks in parallel would each read the lock-out
   * state before their ~0.3 s of scrypt, so a burst of guesses would all be tried (and a right
   * one would clear the lock-out). Queued, the sixth guess finds the account locked.
   */
  const checking = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(accountId: string, run: () => Promise<T>): Promise<T> {
    const previous = checking.get(accountId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    checking.set(accountId, next);
    const forget = () => {
      if (checking.get(accountId) === next) checking.delete(accountId);
    };
    next.then(forget, forget);
    return next;
  }

  function refuseIfLockedOut(record: CredentialRecord): void {
    if (record.lockedUntil && Date.parse(record.lockedUntil) > clock.now().getTime()) {
      throw refusal('locked', 'lockedOut', {
        attempts: MAX_FAILED_ATTEMPTS,
        untilTime: record.lockedUntil,
      });
    }
  }

  const recordFailure = db.transaction(
    (record: CredentialRecord, username: string, action: string) => {
      const now = clock.now();
      const failures = users.recordFailure(record.id);
      const lockedOut = failures >= MAX_FAILED_ATTEMPTS;
      if (lockedOut) {
        users.lockOutUntil(
          record.id,
          new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString(),
        );
      }
      audit.append({
        at: now.toISOString(),
        actorId: record.id,
        officeCode: users.get(record.id)?.officeCode ?? null,
        action: lockedOut ? 'session.locked_out' : action,
        entityType: 'user',
        entityId: record.id,
        summary: { username, failures },
      });
      return lockedOut;
    },
  );

  /**
   * Resolves when the password is the account's; counts the failure (and may lock out) otherwise.
   * The account's state is read inside the queue, after any check that ran before this one.
   */
  function check(
    accountId: string,
    username: string,
    password: string,
    failureAction: string,
    wrong = wrongCredentials,
  ): Promise<CredentialRecord> {
    return oneAtATime(accountId, async () => {
      const record = users.credentialsOf(accountId);
      if (!record) throw wrongCredentials();
      refuseIfLockedOut(record);
      const matches = record.passwordHash
        ? await verifyPassword(password, record.passwordHash)
        : (await verifyPassword(password, DECOY_HASH), false);
      if (!matches) {
        if (recordFailure(record, username, failureAction)) {
          refuseIfLockedOut(users.credentialsOf(accountId)!);
        }
        throw wrong();
      }
      await rehashIfNeeded(record, password);
      return record;
    });
  }

  async function rehashIfNeeded(record: CredentialRecord, password: string): Promise<void> {
    if (record.passwordHash && needsRehash(record.passwordHash)) {
      users.setPasswordHash(
        record.id,
        await hashPassword(password),
        record.mustChangePassword,
        clock.now().toISOString(),
      );
    }
  }

  const recordSignIn = db.transaction((user: CurrentUser) => {
    const at = clock.now().toISOString();
    users.recordSignIn(user.id, at);
    audit.append({
      at,
      actorId: user.id,
      officeCode: user.officeCode,
      action: 'session.signed_in',
      entityType: 'user',
      entityId: user.id,
      summary: {},
    });
  });

  return {
    async signIn(
      username: string,
      password: string,
    ): Promise<{ user: CurrentUser; mustChangePassword: boolean }> {
      const normalized = username.trim().toLowerCase();
      const known = users.credentials(normalized);
      if (!known) {
        await verifyPassword(password, DECOY_HASH);
        throw wrongCredentials();
      }
      const record = await check(known.id, normalized, password, 'session.sign_in_failed');
      const user = users.get(record.id);
      if (!record.active || !user) {
        throw refusal('forbidden', 'accountDeactivated', {});
      }
      recordSignIn(user);
      return { user, mustChangePassword: record.mustChangePassword };
    },

    /** Re-checks the signed-in user's password (unlock, password change). */
    async confirm(user: CurrentUser, password: string, failureAction: string): Promise<void> {
      const record = users.credentialsOf(user.id);
      if (!record) throw refusal('unauthenticated', 'accountNotFound', {});
      await check(record.id, user.username, password, failureAction, wrongPassword);
      users.recordSignIn(user.id, clock.now().toISOString());
    },

    /** `publish` runs in the same transaction (an enrolled desk queues the new verifier). */
    async setPassword(
      userId: string,
      password: string,
      mustChange: boolean,
      publish?: (verifier: string) => void,
    ): Promise<void> {
      const verifier = await hashPassword(password);
      db.transaction(() => {
        users.setPasswordHash(userId, verifier, mustChange, clock.now().toISOString());
        publish?.(verifier);
      })();
    },
  };
}
export type Credentials = ReturnType<typeof createCredentials>;
