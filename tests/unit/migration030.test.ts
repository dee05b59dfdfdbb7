import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

function planOf(db: Database.Database, sql: string): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
}

const letter = (overrides: Record<string, unknown> = {}) => ({
  id: 'l1',
  number: 'LR-LOM-2026-000001',
  kind: 'rejection',
  application_id: 'a1',
  reference: 'COM-IMPEX-2026-000001',
  procedure_code: 'COM-IMPEX',
  office_code: 'LOM',
  series: 'LOM',
  year: 2026,
  seq: 1,
  issued_at: '2026-11-23T08:00:00.000Z',
  issued_by: 'u-agent-kossi',
  key_id: 'LOM-0123abcd',
  qr_text: 'BUL1.x.y',
  document_json: '{}',
  sha256: 'a'.repeat(64),
  size: 1234,
  ...overrides,
});

describe('migration 030 (decision letters)', () => {
  it('adds the letters and their counters to an existing cache', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(29));
    expect(migrate(db, upTo(30))).toBe(30);
    const insert = db.prepare(`INSERT INTO letters (id, number, kind, application_id, reference,
      procedure_code, office_code, series, year, seq, issued_at, issued_by, key_id, qr_text,
      document_json, sha256, size) VALUES (@id, @number, @kind, @application_id, @reference,
      @procedure_code, @office_code, @series, @year, @seq, @issued_at, @issued_by, @key_id,
      @qr_text, @document_json, @sha256, @size)`);
    insert.run(letter());
    expect(db.prepare('SELECT file_state FROM letters').pluck().get()).toBe('pending');
    // A number, and a place in a series, are never given twice; the kinds are the three letters.
    expect(() => insert.run(letter({ id: 'l2' }))).toThrow(/UNIQUE/);
    expect(() => insert.run(letter({ id: 'l2', number: 'LR-LOM-2026-000009' }))).toThrow(/UNIQUE/);
    expect(() =>
      insert.run(letter({ id: 'l3', number: 'LR-LOM-2026-000002', seq: 2, kind: 'other' })),
    ).toThrow(/CHECK/);
    const next =
      db.prepare(`INSERT INTO letter_counters (series, year, last_seq) VALUES ('LOM', 2026, 1)
      ON CONFLICT (series, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`);
    expect([next.get(), next.get()]).toEqual([{ last_seq: 1 }, { last_seq: 2 }]);
  });

  it('lists a case’s letters and the pending files by index', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(30));
    expect(
      planOf(db, "SELECT * FROM letters WHERE application_id = 'a1' ORDER BY issued_at"),
    ).toContain('letters_by_application');
    expect(planOf(db, "SELECT * FROM letters WHERE file_state = 'pending'")).toContain(
      'letters_pending',
    );
  });
});
