import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 015 (portal changes after a decision)', () => {
  it('adds an empty portal_changes_json to the cases already cached, keeping them', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(14));
    db.prepare(
      `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code,
        region, city, applicant_name, phone, email, submitted_at, due_date, portal_version,
        portal_updated_at, record_json, synced_at, updated_at)
       VALUES ('app-1', 'ART-CP-2026-000001', 'ART-CP', 'approved', 0, 'LOM', 'Grand Lomé',
        'Lomé', 'Akossiwa Amouzou', '+228 90 12 34 56', 'a@example.tg',
        '2026-11-02T09:00:00.000Z', '2026-11-20', 3, '2026-11-05T09:00:00.000Z', '{}',
        '2026-11-05T09:00:00.000Z', '2026-11-05T09:00:00.000Z')`,
    ).run();

    expect(migrate(db, upTo(15))).toBe(15);
    expect(
      db.prepare("SELECT status, portal_changes_json FROM applications WHERE id = 'app-1'").get(),
    ).toEqual({ status: 'approved', portal_changes_json: null });
    db.prepare("UPDATE applications SET portal_changes_json = '{}' WHERE id = 'app-1'").run();
    expect(db.prepare('SELECT portal_changes_json FROM applications').pluck().get()).toBe('{}');
    db.close();
  });
});
