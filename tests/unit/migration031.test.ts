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

const insert = (db: Database.Database, row: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO text_modules (id, office_code, procedure_code, keyword, title, body, for_reject,
         for_request_info, for_note, created_at, created_by, updated_at, updated_by, retired_at,
         retired_by)
       VALUES (@id, @office, @procedure, @keyword, 'Titre', 'Texte de la phrase', @reject, @info,
         @note, 't', 'u', 't', 'u', @retiredAt, @retiredBy)`,
    )
    .run({
      office: 'LOM',
      procedure: null,
      keyword: 'piece',
      reject: 0,
      info: 1,
      note: 0,
      retiredAt: null,
      retiredBy: null,
      ...row,
    });

describe('migration 031 (text modules)', () => {
  it('keeps one phrase in force per office, procedure and keyword; a retired one frees it', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(30));
    expect(migrate(db, upTo(31))).toBe(31);
    insert(db, { id: 'a' });
    expect(() => insert(db, { id: 'b' })).toThrow(/UNIQUE/);
    insert(db, { id: 'c', office: 'KAR' });
    insert(db, { id: 'd', procedure: 'COM-IMPEX' });
    db.prepare("UPDATE text_modules SET retired_at = 't2', retired_by = 'u' WHERE id = 'a'").run();
    insert(db, { id: 'e' });
    expect(db.prepare('SELECT count(*) FROM text_modules').pluck().get()).toBe(4);
    db.close();
  });

  it('refuses a phrase offered in no box, a bad keyword, a half-retired row', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(31));
    expect(() => insert(db, { id: 'a', info: 0 })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'b', keyword: 'Pièce' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'c', keyword: 'x' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'd', retiredAt: 't' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'e', reject: 2 })).toThrow(/CHECK/);
    db.close();
  });

  it('lists an office’s phrases in force through its index', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(31));
    expect(
      planOf(
        db,
        "SELECT * FROM text_modules WHERE office_code = 'LOM' AND retired_at IS NULL ORDER BY keyword",
      ),
    ).toMatch(/text_modules_in_force/);
    db.close();
  });
});
