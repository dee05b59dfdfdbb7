import type Database from 'better-sqlite3';
import type { CurrentUser } from '../../../shared/api/types';
import type { Role } from '../../../shared/domain/roles';

interface UserRecord {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  office_code: string;
}

/** What sign-in reads: never leaves the core. */
export interface CredentialRecord {
  id: string;
  active: boolean;
  passwordHash: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  /** The password is still the one set when the account was made (never reset, never chosen). */
  firstPassword: boolean;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  officeCode: string;
  /** A scrypt hash (see passwordHash.ts); `null`: cannot sign in until an administrator sets one. */
  passwordHash?: string | null;
  mustChangePassword?: boolean;
  procedureCodes?: string[] | null;
}

const toUser = (record: UserRecord): CurrentUser => ({
  id: record.id,
  username: record.username,
  displayName: record.display_name,
  role: record.role,
  officeCode: record.office_code,
});

const COLUMNS = 'id, username, display_name, role, office_code';

export function createUsersRepository(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO users (id, username, display_name, role, office_code, password_hash,
                       must_change_password, procedure_codes, password_set_at, created_at)
    VALUES (@id, @username, @displayName, @role, @officeCode, @passwordHash,
            @mustChangePassword, @procedureCodes, @passwordSetAt, @createdAt)
    ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare<[string], UserRecord>(
    `SELECT ${COLUMNS} FROM users WHERE id = ? AND active = 1`,
  );
  const firstByRole = db.prepare<[Role], UserRecord>(
    `SELECT ${COLUMNS} FROM users WHERE role = ? AND active = 1 ORDER BY rowid LIMIT 1`,
  );
  const credentialsByUsername = db.prepare<
    [string],
    {
      id: string;
      active: number;
      password_hash: string | null;
      failed_attempts: number;
      locked_until: string | null;
      must_change_password: number;
      first_password: number;
    }
  >(
    `SELECT id, active, password_hash, failed_attempts, locked_until, must_change_password,
            password_set_at IS created_at AS first_password
       FROM users WHERE username = ?`,
  );
  const credentialsById = db.prepare<[string], { username: string }>(
    'SELECT username FROM users WHERE id = ?',
  );
  const failure = db.prepare<[string]>(
    'UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts',
  );
  // The count is kept through a lock-out: the next failure after it locks again at once; a
  // success or an administrator's reset starts it over.
  const lockOut = db.prepare<[string | null, string]>(
    'UPDATE users SET locked_until = ? WHERE id = ?',
  );
  const success = db.prepare<[string, string]>(
    'UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?',
  );
  const setHash = db.prepare<[string, number, string, string]>(
    `UPDATE users SET password_hash = ?, must_change_password = ?, password_set_at = ?,
            failed_attempts = 0, locked_until = NULL WHERE id = ?`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');

  function credentials(username: string): CredentialRecord | null {
    const record = credentialsByUsername.get(username);
    return record
      ? {
          id: record.id,
          active: record.active === 1,
          passwordHash: record.password_hash,
          failedAttempts: record.failed_attempts,
          lockedUntil: record.locked_until,
          mustChangePassword: record.must_change_password === 1,
          firstPassword: record.first_password === 1,
        }
      : null;
  }

  return {
    insertIfMissing: (user: NewUser, createdAt: string): boolean =>
      insert.run({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        officeCode: user.officeCode,
        passwordHash: user.passwordHash ?? null,
        mustChangePassword: user.mustChangePassword ? 1 : 0,
        procedureCodes: user.procedureCodes ? JSON.stringify(user.procedureCodes) : null,
        passwordSetAt: user.passwordHash ? createdAt : null,
        createdAt,
      }).changes > 0,
    /** An active user, or `null` (unknown or deactivated). */
    get: (id: string): CurrentUser | null => {
      const record = byId.get(id);
      return record ? toUser(record) : null;
    },
    firstWithRole: (role: Role): CurrentUser | null => {
      const record = firstByRole.get(role);
      return record ? toUser(record) : null;
    },
    count: (): number => count.get()?.n ?? 0,
    credentials,
    credentialsOf: (id: string): CredentialRecord | null => {
      const record = credentialsById.get(id);
      return record ? credentials(record.username) : null;
    },
    /** Counts a failed attempt; returns the consecutive failures so far. */
    recordFailure: (id: string): number =>
      (failure.get(id) as { failed_attempts: number } | undefined)?.failed_attempts ?? 0,
    lockOutUntil: (id: string, until: string | null): void => {
      lockOut.run(until, id);
    },
    recordSignIn: (id: string, at: string): void => {
      success.run(at, id);
    },
    setPasswordHash: (id: string, hash: string, mustChange: boolean, at: string): void => {
      setHash.run(hash, mustChange ? 1 : 0, at, id);
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
