import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 032 (text modules shared through the portal)', () => {
  it('keeps the phrases already on the desk, as never on the portal (version 0)', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(31));
    db.prepare(
      `INSERT INTO text_modules (id, office_code, procedure_code, keyword, title, body, for_reject,
         for_request_info, for_note, created_at, created_by, updated_at, updated_by)
       VALUES ('m1', 'LOM', NULL, 'piece', 'Titre', 'Texte de la phrase', 0, 1, 0, 't', 'u', 't', 'u')`,
    ).run();
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT id, keyword, portal_version FROM text_modules').all()).toEqual([
      { id: 'm1', keyword: 'piece', portal_version: 0 },
    ]);
    expect(() =>
      db.prepare("UPDATE text_modules SET portal_version = -1 WHERE id = 'm1'").run(),
    ).toThrow(/CHECK/);
  });
});
