import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 010 (assignment notifications)', () => {
  it('adds the notifications table; the bell’s queries use its indexes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(9));
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, office_code, created_at)
       VALUES ('u-kossi', 'kossi.agbodjan', 'Kossi Agbodjan', 'agent', 'LOM', '2026-11-02T08:00:00Z'),
              ('u-ablavi', 'ablavi.lawson', 'Ablavi Lawson', 'superviseur', 'LOM', '2026-11-02T08:00:00Z')`,
    ).run();
    db.prepare(
      `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
        city, applicant_name, phone, email, submitted_at, due_date, portal_version,
        portal_updated_at, record_json, synced_at, updated_at)
      VALUES ('APP-1', 'COM-CO-2026-000001', 'COM-CO', 'submitted', 1, 'LOM', 'Maritime', 'Aného',
        'Yao Kpodar', '+228 90 12 34 56', 'yao@exemple.tg', '2026-11-02T08:00:00Z', '2026-11-20', 1,
        '2026-11-02T08:00:00Z', '{}', '2026-11-02T08:00:00Z', '2026-11-02T08:00:00Z')`,
    ).run();

    expect(migrate(db, upTo(10))).toBe(10);
    const insert = db.prepare(
      `INSERT INTO notifications (user_id, application_id, kind, by_user_id, at)
       VALUES (?, 'APP-1', ?, 'u-ablavi', '2026-11-03T09:00:00Z')`,
    );
    insert.run('u-kossi', 'case.assigned');
    expect(() => insert.run('u-kossi', 'case.other')).toThrow(/CHECK/);
    expect(() => insert.run('u-nobody', 'case.assigned')).toThrow(/FOREIGN KEY/);

    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('u-kossi') as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    expect(
      plan('SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL'),
    ).toMatch(/USING (COVERING )?INDEX notifications_unread/);
    expect(plan('SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 50')).toMatch(
      /USING INDEX notifications_by_user/,
    );
    db.close();
  });
});
