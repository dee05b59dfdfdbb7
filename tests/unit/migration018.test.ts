import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 018 (office directory)', () => {
  it('keeps every account, unpublished (no directory version), and adds the account outbox', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(17));
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, office_code, password_hash, created_at)
       VALUES ('u-1', 'afi.amegah', 'Afi Amegah', 'agent', 'LOM', 'scrypt$x', '2026-01-01')`,
    ).run();
    expect(migrate(db, upTo(18))).toBe(18);
    expect(
      db.prepare('SELECT username, directory_version, directory_sequence FROM users').get(),
    ).toEqual({ username: 'afi.amegah', directory_version: null, directory_sequence: null });
    const enqueue = (kind: string, state = 'pending') =>
      db
        .prepare(
          `INSERT INTO office_outbox (idempotency_key, kind, target_id, actor_json, payload_json,
                                      created_at, state)
           VALUES (?, ?, 'u-1', '{}', '{}', '2026-01-01', ?)`,
        )
        .run(`k-${kind}-${state}`, kind, state);
    enqueue('account.change');
    expect(() => enqueue('account.delete')).toThrow(/CHECK/);
    expect(() => enqueue('account.change', 'lost')).toThrow(/CHECK/);
    db.close();
  });
});
