import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { UserAccount } from '../../../shared/api/adminTypes';
import type { Role } from '../../../shared/domain/roles';
import { parseJsonColumn } from '../db/jsonColumn';

/** `users.procedure_codes`: the procedures a person handles (SQL NULL: all of them). */
const procedureCodesColumn = z.array(z.string());

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  office_code: string;
  procedure_codes: string | null;
  active: number;
  locked_until: string | null;
  must_change_password: number;
  last_sign_in_at: string | null;
  created_at: string;
}

export type AccountProfile = Pick<
  UserAccount,
  'displayName' | 'role' | 'officeCode' | 'procedureCodes' | 'active'
>;

const COLUMNS = `id, username, display_name, role, office_code, procedure_codes, active,
  locked_until, must_change_password, last_sign_in_at, created_at`;

/**
 * The administration's view of the `users` table: every account, active or not, with its sign-in
 * state — never the password hash. Sign-in itself goes through auth/usersRepository.
 */
export function createUserAccounts(db: Database.Database, now: () => Date) {
  const all = db.prepare<[], AccountRow>(
    `SELECT ${COLUMNS} FROM users ORDER BY active DESC, display_name COLLATE NOCASE, username`,
  );
  const byId = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const idOfUsername = db
    .prepare<[string], string>('SELECT id FROM users WHERE username = ?')
    .pluck();
  const activeAdministrators = db
    .prepare<[], number>("SELECT count(*) FROM users WHERE role = 'administrateur' AND active = 1")
    .pluck();
  const writeProfile = db.prepare(
    `UPDATE users SET display_name = @displayName, role = @role, office_code = @officeCode,
            procedure_codes = @procedureCodes, active = @active
      WHERE id = @id`,
  );

  const toAccount = (row: AccountRow): UserAccount => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    officeCode: row.office_code,
    procedureCodes: row.procedure_codes
      ? parseJsonColumn(procedureCodesColumn, row.procedure_codes, {
          table: 'users',
          column: 'procedure_codes',
          rowId: row.id,
        })
      : null,
    active: row.active === 1,
    // A lock-out that has run out is no lock-out: the next sign-in clears it.
    lockedUntil:
      row.locked_until && Date.parse(row.locked_until) > now().getTime() ? row.locked_until : null,
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    directory: null,
  });

  return {
    list: (): UserAccount[] => all.all().map(toAccount),
    get: (id: string): UserAccount | null => {
      const row = byId.get(id);
      return row ? toAccount(row) : null;
    },
    idOfUsername: (username: string): string | null => idOfUsername.get(username) ?? null,
    activeAdministrators: (): number => activeAdministrators.get() ?? 0,
    writeProfile(id: string, profile: AccountProfile): void {
      writeProfile.run({
        id,
        displayName: profile.displayName,
        role: profile.role,
        officeCode: profile.officeCode,
        procedureCodes: profile.procedureCodes ? JSON.stringify(profile.procedureCodes) : null,
        active: profile.active ? 1 : 0,
      });
    },
  };
}
export type UserAccounts = ReturnType<typeof createUserAccounts>;
