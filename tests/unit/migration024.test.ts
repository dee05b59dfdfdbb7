import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { insertApplicationRow } from '../support/migrationRows';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 024 (provisional actions)', () => {
  it('keeps queued actions as not provisional and accepts only 0 or 1', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(23));
    insertApplicationRow(db, { id: 'app-1' });
    db.prepare(
      `INSERT INTO outbox (idempotency_key, application_id, kind, payload_json, created_at)
       VALUES ('k1', 'app-1', 'decision.rejected', '{}', '2026-01-01')`,
    ).run();
    expect(migrate(db, upTo(24))).toBe(24);
    expect(db.prepare('SELECT provisional FROM outbox').get()).toEqual({ provisional: 0 });
    expect(() => db.prepare('UPDATE outbox SET provisional = 2').run()).toThrow(/CHECK/);
    db.prepare('UPDATE outbox SET provisional = 1').run();
    db.close();
  });
});
