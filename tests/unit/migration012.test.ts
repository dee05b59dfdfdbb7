import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/main/core/audit/auditLog';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 012 (administration)', () => {
  it('seeds the office row, creates the holiday table and indexes the existing audit trail', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(11));
    const audit = createAuditLog(db);
    for (const actorId of ['u-a', 'u-b', null]) {
      audit.append({
        at: '2026-11-09T08:00:00.000Z',
        actorId,
        officeCode: 'LOM',
        action: 'user.updated',
        entityType: 'user',
        entityId: 'u-c',
        summary: {},
      });
    }

    expect(migrate(db, upTo(12))).toBe(12);
    expect(db.prepare('SELECT code, name, lock_after_minutes FROM office_settings').all()).toEqual([
      { code: 'LOM', name: 'Direction régionale Lomé-Commune', lock_after_minutes: 15 },
    ]);
    // One row only, opening before closing, a lock delay within bounds.
    expect(() =>
      db
        .prepare(
          "INSERT INTO office_settings VALUES (2, 'KAR', 'Kara', 'Kara', 'KAR', '07:30', '17:30', 15, NULL)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE office_settings SET closes_at = '07:00'").run()).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare('UPDATE office_settings SET lock_after_minutes = 0').run()).toThrow(
      /CHECK/,
    );
    expect(db.prepare('SELECT count(*) FROM holidays').pluck().get()).toBe(0);
    db.prepare("INSERT INTO holidays VALUES ('2026-06-21', 'Journée des martyrs', 0)").run();
    expect(() =>
      db.prepare("INSERT INTO holidays VALUES ('2026-06-21', 'Doublon', 0)").run(),
    ).toThrow(/UNIQUE/);
    const byActor = db
      .prepare("SELECT seq FROM audit_log INDEXED BY audit_log_by_actor WHERE actor_id = 'u-a'")
      .pluck()
      .all();
    expect(byActor).toEqual([1]);
    db.close();
  });
});
