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

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  officeCode: string;
}

const toUser = (record: UserRecord): CurrentUser => ({
  id: record.id,
  username: record.username,
  displayName: record.display_name,
  role: record.role,
  officeCode: record.office_code,
});

export function createUsersRepository(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO users (id, username, display_name, role, office_code, created_at)
    VALUES (@id, @username, @displayName, @role, @officeCode, @createdAt)
    ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare<[string], UserRecord>(
    'SELECT id, username, display_name, role, office_code FROM users WHERE id = ? AND active = 1',
  );
  const firstByRole = db.prepare<[Role], UserRecord>(
    'SELECT id, username, display_name, role, office_code FROM users WHERE role = ? AND active = 1 ORDER BY rowid LIMIT 1',
  );
  return {
    insertIfMissing: (user: NewUser, createdAt: string): boolean =>
      insert.run({ ...user, createdAt }).changes > 0,
    get: (id: string): CurrentUser | null => {
      const record = byId.get(id);
      return record ? toUser(record) : null;
    },
    firstWithRole: (role: Role): CurrentUser | null => {
      const record = firstByRole.get(role);
      return record ? toUser(record) : null;
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
