import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 023 (take-over notifications)', () => {
  it('allows the take-over kind and keeps every row, id, index and the id high-water mark', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(22));
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, office_code, created_at)
       VALUES ('u-kossi', 'kossi.agbodjan', 'Kossi Agbodjan', 'agent', 'LOM', '2026-11-02T08:00:00Z'),
              ('u-edem', 'edem.lawson', 'Edem Lawson', 'superviseur', 'LOM', '2026-11-02T08:00:00Z')`,
    ).run();
    db.prepare(
      `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
        city, applicant_name, phone, email, submitted_at, due_date, portal_version,
        portal_updated_at, record_json, synced_at, updated_at)
      VALUES ('APP-1', 'COM-CO-2026-000123', 'COM-CO', 'in_review', 1, 'LOM', 'Maritime', 'Lomé',
        'Yao Kpodar', '+228 90 12 34 56', 'yao@exemple.tg', '2026-11-02T08:00:00Z', '2026-11-20', 1,
        '2026-11-02T08:00:00Z', '{}', '2026-11-02T08:00:00Z', '2026-11-02T08:00:00Z')`,
    ).run();
    const insertOld = db.prepare(
      `INSERT INTO notifications (user_id, application_id, kind, by_user_id, at, read_at, event_key)
       VALUES ('u-kossi', 'APP-1', 'case.assigned', 'u-edem', ?, ?, ?)`,
    );
    insertOld.run('2026-11-03T09:00:00Z', '2026-11-03T10:00:00Z', null);
    insertOld.run('2026-11-03T09:05:00Z', null, 'evt-1');
    insertOld.run('2026-11-03T09:06:00Z', null, 'evt-2');
    db.prepare('DELETE FROM notifications WHERE id = 3').run(); // the high-water mark stays 3
    const before = db.prepare('SELECT * FROM notifications ORDER BY id').all();
    const kindTaken = db.prepare(
      `INSERT INTO notifications (user_id, application_id, kind, by_user_id, at)
       VALUES ('u-kossi', 'APP-1', 'case.taken_over', 'u-edem', '2026-11-04T11:02:00Z')`,
    );
    expect(() => kindTaken.run()).toThrow(/CHECK/);

    expect(migrate(db, upTo(23))).toBe(23);
    expect(db.prepare('SELECT * FROM notifications ORDER BY id').all()).toEqual(before);
    expect(kindTaken.run().lastInsertRowid).toBe(4); // not 3: an id is never reused
    const insert = db.prepare(
      `INSERT INTO notifications (user_id, application_id, kind, by_user_id, at, event_key)
       VALUES (?, 'APP-1', ?, 'u-edem', '2026-11-04T11:02:00Z', ?)`,
    );
    expect(() => insert.run('u-kossi', 'case.other', null)).toThrow(/CHECK/);
    expect(() => insert.run('u-nobody', 'case.taken_over', null)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('u-kossi', 'case.taken_over', 'evt-1')).toThrow(/UNIQUE/);

    const indexes = db
      .prepare<[], { name: string; unique: number; partial: number }>(
        `SELECT name, "unique", partial FROM pragma_index_list('notifications') ORDER BY name`,
      )
      .all();
    expect(indexes).toEqual([
      { name: 'notifications_by_event', unique: 1, partial: 1 },
      { name: 'notifications_by_user', unique: 0, partial: 0 },
      { name: 'notifications_unread', unique: 0, partial: 1 },
    ]);
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
    // A deleted case still takes its notifications with it.
    db.prepare("DELETE FROM applications WHERE id = 'APP-1'").run();
    expect(db.prepare('SELECT count(*) FROM notifications').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
