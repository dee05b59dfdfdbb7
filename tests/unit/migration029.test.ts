import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createRandom } from '../../src/simulator/random';
import { insertApplicationRow } from '../support/migrationRows';

/**
 * Migration 029: the dashboard's tallies (intake, decisions, open backlog). Filled from an existing cache by the migration,
 * then kept by triggers through every kind of write a case sees (arrival, decision, decision
 * undone by the portal, move to another office, new deadline, another clerk credited or
 * assigned, a request for information, deletion):
 * after any sequence of them, the tallies are exactly the counts of the cases themselves, and no
 * empty group is left behind.
 */
const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

const OFFICES = ['LOM', 'KAR', 'SOK'];
const PROCEDURES = ['COM-CO', 'COM-IMPEX', 'ART-CP'];
const OPEN = ['submitted', 'in_review', 'info_requested', 'pending_signoff'];
const DECIDED = ['approved', 'issued', 'rejected'];

const countedFromCases = (db: Database.Database) => ({
  intake: db
    .prepare(
      `SELECT office_code, substr(submitted_at, 1, 10) AS day, procedure_code, count(*) AS n
       FROM applications GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all(),
  decisions: db
    .prepare(
      `SELECT office_code, decided_on, procedure_code, substr(submitted_at, 1, 10) AS submitted_on,
         decided_on <= due_date AS on_time, coalesce(decided_by, '') AS decided_by, count(*) AS n
       FROM applications WHERE decided_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
       ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all(),
  open: db
    .prepare(
      `SELECT office_code, procedure_code, coalesce(assignee_id, '') AS assignee_id,
         substr(submitted_at, 1, 10) AS submitted_on, due_date, status = 'info_requested' AS paused,
         count(*) AS n
       FROM applications WHERE is_open = 1 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all(),
});

const tallied = (db: Database.Database) => ({
  intake: db
    .prepare('SELECT office_code, day, procedure_code, n FROM dashboard_intake ORDER BY 1, 2, 3')
    .all(),
  decisions: db
    .prepare(
      `SELECT office_code, decided_on, procedure_code, submitted_on, on_time, decided_by, n
       FROM dashboard_decisions ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all(),
  open: db
    .prepare(
      `SELECT office_code, procedure_code, assignee_id, submitted_on, due_date, paused, n
       FROM dashboard_open ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all(),
});

const day = (offset: number) =>
  new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

describe('migration 029 (dashboard tallies)', () => {
  it('tallies an existing cache, then keeps the tallies equal to the cases through every write', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(28));
    db.pragma('foreign_keys = OFF'); // clerks credited here need no account rows
    const rng = createRandom(29);
    const pick = <T>(values: readonly T[]) => values[rng.int(0, values.length - 1)]!;
    let next = 0;
    const arrive = () => {
      next += 1;
      const status = pick([...OPEN, ...DECIDED, 'withdrawn']);
      insertApplicationRow(db, {
        id: `c${next}`,
        status,
        isOpen: OPEN.includes(status) ? 1 : 0,
        officeCode: pick(OFFICES),
        procedureCode: pick(PROCEDURES),
        submittedAt: `${day(rng.int(0, 40))}T0${rng.int(7, 9)}:30:00Z`,
        dueDate: day(rng.int(10, 60)),
      });
      if (rng.chance(0.5)) {
        db.prepare('UPDATE applications SET decided_at = ?, decided_by = ? WHERE id = ?').run(
          `${day(rng.int(20, 70))}T10:00:00Z`,
          rng.chance(0.7) ? pick(['u-kossi', 'u-afi']) : null,
          `c${next}`,
        );
      }
    };
    for (let i = 0; i < 300; i++) arrive();
    expect(migrate(db, upTo(29))).toBe(29);
    expect(tallied(db)).toEqual(countedFromCases(db));
    expect(tallied(db).decisions.length).toBeGreaterThan(20);
    expect(tallied(db).open.length).toBeGreaterThan(20);

    const anyCase = () =>
      db.prepare('SELECT id FROM applications ORDER BY random() LIMIT 1').pluck().get() as string;
    const writes: (() => void)[] = [
      arrive,
      () => {
        const status = pick(DECIDED);
        db.prepare(
          'UPDATE applications SET status = ?, is_open = 0, decided_at = ?, decided_by = ? WHERE id = ?',
        ).run(status, `${day(rng.int(20, 70))}T11:00:00Z`, pick(['u-kossi', 'u-afi']), anyCase());
      },
      () => {
        // The portal reopens a decided case: its decision leaves the tallies.
        db.prepare(
          "UPDATE applications SET status = 'in_review', is_open = 1, decided_at = NULL WHERE id = ?",
        ).run(anyCase());
      },
      () =>
        db
          .prepare('UPDATE applications SET office_code = ? WHERE id = ?')
          .run(pick(OFFICES), anyCase()),
      () =>
        db
          .prepare('UPDATE applications SET due_date = ? WHERE id = ?')
          .run(day(rng.int(10, 60)), anyCase()),
      () =>
        db
          .prepare('UPDATE applications SET decided_by = ? WHERE id = ?')
          .run(pick(['u-kossi', 'u-afi', null]), anyCase()),
      () =>
        db
          .prepare('UPDATE applications SET procedure_code = ?, submitted_at = ? WHERE id = ?')
          .run(pick(PROCEDURES), `${day(rng.int(0, 40))}T08:00:00Z`, anyCase()),
      () =>
        db
          .prepare('UPDATE applications SET assignee_id = ? WHERE id = ?')
          .run(pick(['u-kossi', 'u-afi', null]), anyCase()),
      () => {
        // A request for information pauses the clock; the answer starts it again.
        const status = pick(['info_requested', 'in_review']);
        db.prepare(
          'UPDATE applications SET status = ?, is_open = 1, decided_at = NULL WHERE id = ?',
        ).run(status, anyCase());
      },
      // A write that changes nothing tallied (the portal's other columns).
      () => db.prepare("UPDATE applications SET city = 'Kpalimé' WHERE id = ?").run(anyCase()),
      () => db.prepare('DELETE FROM applications WHERE id = ?').run(anyCase()),
    ];
    for (let i = 0; i < 1_500; i++) pick(writes)();
    expect(tallied(db)).toEqual(countedFromCases(db));
    expect(db.prepare('SELECT count(*) FROM dashboard_intake WHERE n <= 0').pluck().get()).toBe(0);
    for (const table of ['dashboard_decisions', 'dashboard_open']) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE n <= 0`).pluck().get()).toBe(0);
    }
    db.close();
  });
});
