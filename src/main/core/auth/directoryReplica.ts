import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ROLES } from '../../../shared/domain/roles';

/**
 * This desk's copy of the office staff directory (design multi-desk §3.4): the only writer of an
 * account's identity, role, active flag and verifier once the desk is enrolled. Items come from
 * the directory feed and from the portal's answers to this desk's own account writes; lock-out
 * counters and last sign-in stay per desk (auth/usersRepository.ts).
 */

const isoTime = z.string().datetime({ offset: true });
export const directoryItem = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  version: z.number().int().positive(),
  sequence: z.number().int().nonnegative(),
  username: z.string().regex(/^[a-z0-9._-]{3,64}$/),
  displayName: z.string().trim().min(2).max(120),
  role: z.enum(ROLES),
  officeCode: z.string().regex(/^[A-Z]{2,10}$/),
  procedureCodes: z.array(z.string().min(1).max(20)).max(100).nullable(),
  active: z.boolean(),
  verifier: z
    .string()
    .max(400)
    .regex(/^scrypt\$/)
    .nullable(),
  mustChangePassword: z.boolean(),
  passwordSetAt: isoTime.nullable(),
  updatedAt: isoTime.nullable().optional(),
  updatedOnDesk: z.string().max(20).nullable().optional(),
});
export type DirectoryItem = z.infer<typeof directoryItem>;

export interface ApplyOutcome {
  applied: number;
  /** Accounts whose local change waits for the portal: their item is skipped, not lost. */
  heldBack: number;
  /** Accounts deactivated by this page (their sessions end at their next call). */
  deactivated: string[];
}

export function createDirectoryReplica(db: Database.Database) {
  const current = db.prepare<
    [string],
    { directory_version: number | null; active: number; username: string }
  >('SELECT directory_version, active, username FROM users WHERE id = ?');
  const otherWithUsername = db
    .prepare<[string, string], string>('SELECT id FROM users WHERE username = ? AND id <> ?')
    .pluck();
  const pendingFor = db
    .prepare<[string], number>(
      "SELECT count(*) FROM office_outbox WHERE target_id = ? AND state = 'pending'",
    )
    .pluck();
  const upsert = db.prepare(`
    INSERT INTO users (id, username, display_name, role, office_code, password_hash, active,
                       must_change_password, procedure_codes, password_set_at, created_at,
                       directory_version, directory_sequence, updated_on_desk)
    VALUES (@id, @username, @displayName, @role, @officeCode, @verifier, @active,
            @mustChangePassword, @procedureCodes, @passwordSetAt, @createdAt,
            @version, @sequence, @updatedOnDesk)
    ON CONFLICT (id) DO UPDATE SET
      username = excluded.username, display_name = excluded.display_name, role = excluded.role,
      office_code = excluded.office_code, password_hash = excluded.password_hash,
      active = excluded.active, must_change_password = excluded.must_change_password,
      procedure_codes = excluded.procedure_codes, password_set_at = excluded.password_set_at,
      directory_version = excluded.directory_version,
      directory_sequence = excluded.directory_sequence,
      updated_on_desk = excluded.updated_on_desk,
      -- A new verifier from elsewhere (a reset, a change) starts the lock-out count over.
      failed_attempts = CASE WHEN users.password_hash IS excluded.password_hash
                             THEN users.failed_attempts ELSE 0 END,
      locked_until = CASE WHEN users.password_hash IS excluded.password_hash
                          THEN users.locked_until ELSE NULL END`);
  const stampVersion = db.prepare<[number, number, string | null, string]>(
    `UPDATE users SET directory_version = ?, directory_sequence = ?, updated_on_desk = ?
      WHERE id = ?`,
  );
  const setAside = db.prepare<[string, string]>(
    'UPDATE users SET username = ?, active = 0 WHERE id = ?',
  );
  const publishedAll = db.prepare<[], number>(
    'SELECT count(*) FROM users WHERE directory_version IS NULL',
  );
  const allSequences = db.prepare<[], { id: string; sequence: number | null }>(
    'SELECT id, directory_sequence AS sequence FROM users',
  );
  const markPublished = db.prepare(
    'UPDATE users SET directory_version = 1 WHERE directory_version IS NULL',
  );

  function write(item: DirectoryItem, receivedAt: string): void {
    // One username per person in the country: a local account of that name that is not this
    // person (made on this desk before it enrolled) steps aside, deactivated, history intact.
    const clash = otherWithUsername.get(item.username, item.id);
    if (clash) setAside.run(`${item.username}~${clash}`.slice(0, 64), clash);
    upsert.run({
      id: item.id,
      username: item.username,
      displayName: item.displayName,
      role: item.role,
      officeCode: item.officeCode,
      verifier: item.verifier,
      active: item.active ? 1 : 0,
      mustChangePassword: item.mustChangePassword ? 1 : 0,
      procedureCodes: item.procedureCodes ? JSON.stringify(item.procedureCodes) : null,
      passwordSetAt: item.passwordSetAt,
      createdAt: receivedAt,
      version: item.version,
      sequence: item.sequence,
      updatedOnDesk: item.updatedOnDesk ?? null,
    });
  }

  return {
    /**
     * Applies directory items (inside the caller's transaction, with its cursor). An item older
     * than what this desk holds is ignored; an account with a change queued here keeps its
     * local state (the push settles it, and the account then comes back with a newer sequence).
     */
    apply(items: readonly DirectoryItem[], receivedAt: string): ApplyOutcome {
      const outcome: ApplyOutcome = { applied: 0, heldBack: 0, deactivated: [] };
      for (const item of items) {
        const local = current.get(item.id);
        if (local?.directory_version != null && local.directory_version > item.version) continue;
        if ((pendingFor.get(item.id) ?? 0) > 0) {
          outcome.heldBack++;
          continue;
        }
        write(item, receivedAt);
        outcome.applied++;
        if (local?.active === 1 && !item.active) outcome.deactivated.push(item.id);
      }
      return outcome;
    },
    /**
     * The portal accepted one of this desk's changes: the answer is the truth, unless more
     * changes of that account wait (they were made on top; only the version moves on).
     */
    applyAnswer(item: DirectoryItem, receivedAt: string): void {
      if ((pendingFor.get(item.id) ?? 0) > 0) {
        stampVersion.run(item.version, item.sequence, item.updatedOnDesk ?? null, item.id);
      } else {
        write(item, receivedAt);
      }
    },
    /** After the first desk's enrollment: every local account is now in the directory. */
    markAllPublished(): void {
      if ((publishedAll.get() ?? 0) > 0) markPublished.run();
    },
    /** Each account's directory sequence (null: not yet in the directory). */
    sequences(): { id: string; sequence: number | null }[] {
      return allSequences.all();
    },
    versionOf(id: string): number | null {
      return current.get(id)?.directory_version ?? null;
    },
  };
}
export type DirectoryReplica = ReturnType<typeof createDirectoryReplica>;
