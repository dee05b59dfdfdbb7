import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 026 (office SLA-clock index)', () => {
  it('indexes the running cases of an existing cache by office, and one office’s count reads only it', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(25));
    const insert = db.prepare(
      `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
         city, applicant_name, phone, email, submitted_at, due_date, portal_version, portal_updated_at,
         record_json, synced_at, updated_at)
       VALUES (?, ?, 'COM-CO', ?, ?, ?, 'Maritime', 'Lomé', 'A', '', '', '2026-01-01', ?, 1,
         '2026-01-01', '{}', '2026-01-01', '2026-01-01')`,
    );
    insert.run('a1', 'R1', 'in_review', 1, 'LOM', '2026-01-10');
    insert.run('a2', 'R2', 'info_requested', 1, 'LOM', '2026-01-05');
    insert.run('a3', 'R3', 'rejected', 0, 'LOM', '2026-01-03');
    insert.run('a4', 'R4', 'submitted', 1, 'KAR', '2026-01-02');
    expect(migrate(db, upTo(26))).toBe(26);

    const overdue = `SELECT count(*) FROM applications
      WHERE office_code = 'LOM' AND is_open = 1 AND status <> 'info_requested' AND due_date < '2026-02-01'`;
    expect(db.prepare(overdue).pluck().get()).toBe(1);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${overdue}`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/COVERING INDEX applications_office_sla_running/);
    db.close();
  });
});
