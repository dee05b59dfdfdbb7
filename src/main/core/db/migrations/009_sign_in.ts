/**
 * Sign-in: lock-out after repeated failures survives a restart, an administrator's reset forces
 * a new password, and each account lists the procedures it handles (NULL: all).
 */
export const sql = /* sql */ `
ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TEXT;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN password_set_at TEXT;
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
ALTER TABLE users ADD COLUMN procedure_codes TEXT;
`;
