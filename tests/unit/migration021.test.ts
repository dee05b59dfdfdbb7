import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { insertApplicationRow } from '../support/migrationRows';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 021 (leases)', () => {
  it('keeps queued actions (no version, no actor: sent as before) and adds the lease table', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(20));
    insertApplicationRow(db, { id: 'app-1' });
    db.prepare(
      `INSERT INTO outbox (idempotency_key, application_id, kind, payload_json, created_at)
       VALUES ('k1', 'app-1', 'case.claimed', '{}', '2026-01-01')`,
    ).run();
    expect(migrate(db, upTo(21))).toBe(21);
    expect(db.prepare('SELECT expected_version, actor_json FROM outbox').get()).toEqual({
      expected_version: null,
      actor_json: null,
    });
    const lease = (id: string, kind: string) =>
      db
        .prepare(
          `INSERT INTO case_leases (application_id, holder_id, holder_name, kind, expires_at)
           VALUES (?, 'u-1', 'Kossi', ?, '2026-01-01T12:00:00Z')`,
        )
        .run(id, kind);
    lease('app-1', 'claim');
    expect(() => lease('app-2', 'claim')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE case_leases SET kind = 'lock'").run()).toThrow(/CHECK/);
    db.close();
  });
});
