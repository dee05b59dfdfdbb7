import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { insertApplicationRow } from '../support/migrationRows';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 026 (office SLA-clock index)', () => {
  it('indexes the running cases of an existing cache by office, and one office’s count reads only it', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(25));
    const insert = (
      id: string,
      status: string,
      isOpen: 0 | 1,
      officeCode: string,
      dueDate: string,
    ) => insertApplicationRow(db, { id, status, isOpen, officeCode, dueDate });
    insert('a1', 'in_review', 1, 'LOM', '2026-01-10');
    insert('a2', 'info_requested', 1, 'LOM', '2026-01-05');
    insert('a3', 'rejected', 0, 'LOM', '2026-01-03');
    insert('a4', 'submitted', 1, 'KAR', '2026-01-02');
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
