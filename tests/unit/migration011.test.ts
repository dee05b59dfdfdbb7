import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { DASHBOARD_SQL, PROCEDURE_FILTER } from '../../src/main/core/dashboard/dashboardQueries';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

function insertCase(
  db: Database.Database,
  id: string,
  status: string,
  options: { decision?: object; signoffBy?: string; updatedAt?: string } = {},
) {
  const open = ['submitted', 'in_review', 'info_requested', 'pending_signoff'].includes(status);
  db.prepare(
    `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
      city, applicant_name, phone, email, submitted_at, due_date, portal_version,
      portal_updated_at, record_json, synced_at, updated_at, decision_json, signoff_requested_by)
    VALUES (?, ?, 'COM-IMPEX', ?, ?, 'LOM', 'Maritime', 'Aného', 'Yao Kpodar', '+228 90 12 34 56',
      'yao@exemple.tg', '2026-11-02T08:00:00Z', '2026-11-16', 1, ?, '{}',
      '2026-11-02T08:00:00Z', '2026-11-02T08:00:00Z', ?, ?)`,
  ).run(
    id,
    `COM-IMPEX-2026-${id.padStart(6, '0')}`,
    status,
    open ? 1 : 0,
    options.updatedAt ?? '2026-11-20T12:00:00Z',
    options.decision ? JSON.stringify(options.decision) : null,
    options.signoffBy ?? null,
  );
}

const PARAMS = {
  officeCode: 'LOM',
  from: '2026-11-01',
  to: '2026-11-30',
  today: '2026-11-30',
  limit: 100,
  procedureCodes: '["COM-IMPEX"]',
};

function plan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(PARAMS) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

describe('migration 011 (dashboard)', () => {
  it('dates past decisions from the case, the history or the last portal update', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(10));
    for (const id of ['u-kossi', 'u-ablavi']) {
      db.prepare(
        "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES (?, ?, ?, 'agent', 'LOM', '2026-01-01')",
      ).run(id, id.slice(2), id);
    }
    // Approved here after sign-off: counts for the clerk who proposed it.
    insertCase(db, '1', 'issued', {
      decision: { kind: 'approved', at: '2026-11-05T10:00:00.000Z', by: { id: 'u-ablavi' } },
      signoffBy: 'u-kossi',
    });
    // Rejected here by a user this database does not know (another installation's account).
    insertCase(db, '2', 'rejected', {
      decision: { kind: 'rejected', at: '2026-11-06T10:00:00.000Z', by: { id: 'u-gone' } },
    });
    // Approved on the portal, seen as a transition.
    insertCase(db, '3', 'approved');
    db.prepare(
      `INSERT INTO history_events (application_id, at, kind, from_status, to_status)
       VALUES ('3', '2026-11-02T08:00:00Z', 'received', NULL, 'submitted'),
              ('3', '2026-11-09T15:00:00Z', 'portal_status_changed', 'submitted', 'approved')`,
    ).run();
    // Arrived already decided: the last portal update is the best date there is.
    insertCase(db, '4', 'approved', { updatedAt: '2026-10-30T09:00:00Z' });
    insertCase(db, '5', 'withdrawn');
    insertCase(db, '6', 'in_review');

    expect(migrate(db, upTo(11))).toBeGreaterThanOrEqual(11);
    const rows = db
      .prepare('SELECT id, decided_at, decided_by, decided_on FROM applications ORDER BY id')
      .all();
    expect(rows).toEqual([
      {
        id: '1',
        decided_at: '2026-11-05T10:00:00.000Z',
        decided_by: 'u-kossi',
        decided_on: '2026-11-05',
      },
      {
        id: '2',
        decided_at: '2026-11-06T10:00:00.000Z',
        decided_by: null,
        decided_on: '2026-11-06',
      },
      { id: '3', decided_at: '2026-11-09T15:00:00Z', decided_by: null, decided_on: '2026-11-09' },
      { id: '4', decided_at: null, decided_by: null, decided_on: '2026-10-30' },
      { id: '5', decided_at: null, decided_by: null, decided_on: null },
      { id: '6', decided_at: null, decided_by: null, decided_on: null },
    ]);
    db.close();
  });

  it('answers the dashboard from its indexes, with and without the procedure filter', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    for (const filter of ['', PROCEDURE_FILTER]) {
      // Intake and decisions: a range of one office's days in the daily tallies (migration 029).
      expect(plan(db, DASHBOARD_SQL.decisions(filter))).toMatch(
        /SEARCH a USING PRIMARY KEY \(office_code=\? AND decided_on>\? AND decided_on<\?\)/,
      );
      expect(plan(db, DASHBOARD_SQL.intake(filter))).toMatch(
        /SEARCH a USING PRIMARY KEY \(office_code=\? AND day>\? AND day<\?\)/,
      );
      expect(plan(db, DASHBOARD_SQL.openBacklog(filter))).toMatch(
        /SEARCH a USING PRIMARY KEY \(office_code=\?/,
      );
      // Walks open cases by deadline and stops after the first page.
      expect(plan(db, DASHBOARD_SQL.overdue(filter))).toMatch(
        /INDEX applications_(by_due|sla_running|office_sla_running)\b/,
      );
    }
    db.close();
  });
});
