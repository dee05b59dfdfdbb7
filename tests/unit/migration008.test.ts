import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { countQueues, createQueueCounters } from '../../src/main/core/inbox/queueCounts';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

function insertCase(
  db: Database.Database,
  id: string,
  status: string,
  isOpen: number,
  due: string,
) {
  db.prepare(
    `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
      city, applicant_name, phone, email, submitted_at, due_date, portal_version,
      portal_updated_at, record_json, synced_at, updated_at)
    VALUES (?, ?, 'COM-IMPEX', ?, ?, 'LOM', 'Maritime', 'Aného', 'Yao Kpodar', '+228 90 12 34 56',
      'yao@exemple.tg', '2026-11-02T08:00:00Z', ?, 1, '2026-11-02T08:00:00Z', '{}',
      '2026-11-02T08:00:00Z', '2026-11-02T08:00:00Z')`,
  ).run(id, `COM-IMPEX-2026-${id.padStart(6, '0')}`, status, isOpen, due);
}

describe('migration 008 (SLA clock)', () => {
  it('leaves cases waiting for the applicant out of « Échéance proche » and « En retard »', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(7));
    // Past their deadline: one in review, one waiting for the applicant, one closed.
    insertCase(db, '1', 'in_review', 1, '2026-11-10');
    insertCase(db, '2', 'info_requested', 1, '2026-11-10');
    insertCase(db, '3', 'approved', 0, '2026-11-10');
    // Due soon: one submitted, one waiting.
    insertCase(db, '4', 'submitted', 1, '2026-11-24');
    insertCase(db, '5', 'info_requested', 1, '2026-11-24');

    expect(migrate(db, upTo(8))).toBe(8);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'applications_sla_running'",
      )
      .all();
    expect(indexes).toHaveLength(1);
    // The counts range over the office's SLA-clock index since migration 026.
    migrate(db, MIGRATIONS);

    const counts = countQueues(createQueueCounters(db), {
      userId: 'u-nobody',
      officeCode: 'LOM',
      today: '2026-11-23',
      dueSoonUntil: '2026-11-25',
    });
    expect(counts.overdue).toBe(1);
    expect(counts.due_soon).toBe(1);
    expect(counts.waiting_applicant).toBe(2);
    db.close();
  });
});
