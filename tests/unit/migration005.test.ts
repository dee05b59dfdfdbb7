import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

/** Up to a given schema version, whatever later migrations exist. */
const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 005 (case review)', () => {
  it('adds the workflow columns with their defaults to existing cases, and checklist_ticks with its constraints', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON'); // as openDatabase does
    migrate(db, upTo(4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);

    // A cache at version 4: a user, a case being worked (assigned, in review) and its history.
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u-kossi', 'kossi.agbodjan', 'Kossi Agbodjan', 'agent', 'LOM', '2026-11-02T08:00:00Z')",
    ).run();
    db.prepare(
      `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
        city, applicant_name, company_name, nif, rccm, phone, email, submitted_at, due_date,
        assignee_id, portal_version, portal_updated_at, record_json, synced_at, updated_at,
        conflict_json)
      VALUES ('app-1', 'COM-IMPEX-2026-000001', 'COM-IMPEX', 'in_review', 1, 'LOM', 'Maritime',
        'Aného', 'Éloi N''Guessan', 'Société Ablavi & Fils SARL', '1000234567',
        'TG-LFW-01-2024-B12-00345', '+228 90 12 34 56', 'eloi@exemple.tg', '2026-11-02T08:00:00Z',
        '2026-11-16', 'u-kossi', 3, '2026-11-03T09:00:00Z', '{"id":"app-1"}',
        '2026-11-03T09:00:01Z', '2026-11-03T09:00:01Z', NULL)`,
    ).run();
    db.prepare(
      "INSERT INTO history_events (application_id, at, kind, to_status) VALUES ('app-1', '2026-11-02T08:00:00Z', 'received', 'submitted')",
    ).run();
    const before = db.prepare("SELECT * FROM applications WHERE id = 'app-1'").get() as Record<
      string,
      unknown
    >;

    expect(MIGRATIONS.find((migration) => migration.version === 5)?.name).toBe('case_review');
    expect(migrate(db, upTo(5))).toBe(5);
    expect(db.pragma('user_version', { simple: true })).toBe(5);

    // Existing columns untouched; new ones at their defaults.
    const after = db.prepare("SELECT * FROM applications WHERE id = 'app-1'").get() as Record<
      string,
      unknown
    >;
    expect(after).toEqual({
      ...before,
      claimed_by: null,
      claim_activity_at: null,
      signoff_requested_by: null,
      info_requested_at: null,
      sla_paused_days: 0,
      decision_json: null,
    });
    expect(db.prepare('SELECT count(*) FROM history_events').pluck().get()).toBe(1);
    // The search index and the tallies still follow the case.
    expect(
      db.prepare('SELECT rowid FROM inbox_search WHERE inbox_search MATCH \'"eloi"*\'').all(),
    ).toHaveLength(1);

    // New columns: foreign keys to users, and a non-negative pause.
    const set = (sql: string) => () =>
      db.prepare(`UPDATE applications SET ${sql} WHERE id = 'app-1'`).run();
    expect(set("claimed_by = 'u-nobody'")).toThrow(/FOREIGN KEY/);
    expect(set("signoff_requested_by = 'u-nobody'")).toThrow(/FOREIGN KEY/);
    expect(set('sla_paused_days = -1')).toThrow(/CHECK/);
    set(
      "claimed_by = 'u-kossi', claim_activity_at = '2026-11-03T10:00:00Z', signoff_requested_by = 'u-kossi', sla_paused_days = 2",
    )();

    // checklist_ticks: checked is 0 or 1, one row per (case, item), the ticker is a user, the case exists.
    const tick = db.prepare(
      "INSERT INTO checklist_ticks (application_id, item_id, checked, by_user_id, at) VALUES (?, ?, ?, ?, '2026-11-03T10:05:00Z')",
    );
    tick.run('app-1', 'rccmValide', 1, 'u-kossi');
    tick.run('app-1', 'nifConforme', 0, 'u-kossi');
    expect(() => tick.run('app-1', 'gerantIdentifie', 2, 'u-kossi')).toThrow(/CHECK/);
    expect(() => tick.run('app-1', 'gerantIdentifie', -1, 'u-kossi')).toThrow(/CHECK/);
    expect(() => tick.run('app-1', 'gerantIdentifie', 'oui', 'u-kossi')).toThrow(); // STRICT
    expect(() => tick.run('app-1', 'rccmValide', 0, 'u-kossi')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => tick.run('app-1', 'activiteCoherente', 1, 'u-nobody')).toThrow(/FOREIGN KEY/);
    expect(() => tick.run('app-missing', 'rccmValide', 1, 'u-kossi')).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO checklist_ticks (application_id, item_id, checked, by_user_id) VALUES ('app-1', 'fraisAcquittes', 1, 'u-kossi')",
        )
        .run(),
    ).toThrow(/NOT NULL/);
    expect(
      db.prepare('SELECT item_id, checked FROM checklist_ticks ORDER BY item_id').all(),
    ).toEqual([
      { item_id: 'nifConforme', checked: 0 },
      { item_id: 'rccmValide', checked: 1 },
    ]);

    // The ticks (and the history) go with their case.
    db.prepare("DELETE FROM applications WHERE id = 'app-1'").run();
    expect(db.prepare('SELECT count(*) FROM checklist_ticks').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
