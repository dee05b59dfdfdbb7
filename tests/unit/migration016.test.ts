import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 016 (the holiday recompute bookkeeping table)', () => {
  it('creates holiday_recompute on a cache without it', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(15));
    expect(migrate(db, upTo(16))).toBe(16);
    db.prepare("INSERT INTO holiday_recompute VALUES (1, '[\"2026-11-24\"]', '', '')").run();
    expect(() =>
      db.prepare("INSERT INTO holiday_recompute VALUES (2, '[]', '', '')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('keeps the pending recompute of a cache whose module created the table before', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(15));
    // What dueDateRecompute.ts did at start-up until migration 016.
    db.exec(`CREATE TABLE IF NOT EXISTS holiday_recompute (
      id                 INTEGER PRIMARY KEY CHECK (id = 1),
      changed_dates      TEXT NOT NULL,
      after_submitted_at TEXT NOT NULL,
      after_id           TEXT NOT NULL
    ) STRICT`);
    db.prepare(
      "INSERT INTO holiday_recompute VALUES (1, '[\"2026-11-24\"]', '2026-11-02T09:00:00.000Z', 'app-9')",
    ).run();
    expect(migrate(db, upTo(16))).toBe(16);
    expect(db.prepare('SELECT after_id FROM holiday_recompute').pluck().get()).toBe('app-9');
    db.close();
  });
});
