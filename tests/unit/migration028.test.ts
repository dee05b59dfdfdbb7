import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { insertApplicationRow } from '../support/migrationRows';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

function planOf(db: Database.Database, sql: string): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
}

describe('migration 028 (identifier keys and duplicate links)', () => {
  it('backfills the normalised identifiers of an existing cache, and rewrites them on a change', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(27));
    insertApplicationRow(db, { id: 'a1' });
    insertApplicationRow(db, { id: 'a2' });
    insertApplicationRow(db, { id: 'a3' });
    const set = db.prepare(
      'UPDATE applications SET nif = ?, rccm = ?, phone = ?, record_json = ? WHERE id = ?',
    );
    set.run(
      ' 1000-123 456 ',
      'tg-lfw-01-2024-b12-00001',
      '+228 90 12 34 56',
      JSON.stringify({ applicant: { idNumber: ' ab-12 345 ' } }),
      'a1',
    );
    set.run('1000123456', null, '90-12-34-56', JSON.stringify({ applicant: {} }), 'a2');
    set.run(
      null,
      null,
      '0022890123456',
      JSON.stringify({ certificate: { number: 'cie-2026-lom-000001 ' } }),
      'a3',
    );
    expect(migrate(db, upTo(28))).toBe(28);

    const keys = db
      .prepare('SELECT application_id, kind, value FROM case_keys ORDER BY application_id, kind')
      .all();
    expect(keys).toEqual([
      { application_id: 'a1', kind: 'id', value: 'AB12345' },
      { application_id: 'a1', kind: 'nif', value: '1000123456' },
      { application_id: 'a1', kind: 'phone', value: '+22890123456' },
      { application_id: 'a1', kind: 'rccm', value: 'TGLFW012024B1200001' },
      { application_id: 'a2', kind: 'nif', value: '1000123456' },
      { application_id: 'a2', kind: 'phone', value: '+22890123456' },
      { application_id: 'a3', kind: 'certificate', value: 'CIE-2026-LOM-000001' },
      { application_id: 'a3', kind: 'phone', value: '+22890123456' },
    ]);

    // A portal correction of the phone rewrites that case's keys only.
    db.prepare("UPDATE applications SET phone = '+228 91 00 00 00' WHERE id = 'a2'").run();
    expect(
      db
        .prepare("SELECT value FROM case_keys WHERE application_id = 'a2' AND kind = 'phone'")
        .pluck()
        .all(),
    ).toEqual(['+22891000000']);

    const sameKey = `SELECT application_id FROM case_keys WHERE kind = 'nif' AND value = '1000123456'`;
    expect(planOf(db, sameKey)).toMatch(
      /SEARCH case_keys USING PRIMARY KEY \(kind=\? AND value=\?\)/,
    );
    const ofCase = `SELECT kind, value FROM case_keys WHERE application_id = 'a1'`;
    expect(planOf(db, ofCase)).toMatch(/USING COVERING INDEX case_keys_by_application/);
    db.close();
  });

  it('keeps a duplicate link once per pair, never a case with itself', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(28));
    insertApplicationRow(db, { id: 'a1' });
    insertApplicationRow(db, { id: 'a2' });
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u1', 'u1', 'U', 'agent', 'LOM', '2026-01-01')",
    ).run();
    const link = db.prepare(
      "INSERT INTO duplicate_links VALUES (?, ?, 'même demande', 'u1', '2026-01-02')",
    );
    link.run('a1', 'a2');
    expect(() => link.run('a1', 'a2')).toThrow(/UNIQUE/);
    expect(() => link.run('a1', 'a1')).toThrow(/CHECK/);
    expect(
      planOf(db, "SELECT application_id FROM duplicate_links WHERE duplicate_of = 'a2'"),
    ).toMatch(/duplicate_links_by_other/);
    db.close();
  });
});
