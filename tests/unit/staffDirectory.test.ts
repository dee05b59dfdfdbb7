import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStaffDirectory } from '../../src/main/core/assignment/staffDirectory';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

describe('staff directory: the procedures a clerk handles', () => {
  it('reads only SQL NULL as « every procedure »; a list of another shape widens nothing', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const insert = db.prepare(
      `INSERT INTO users (id, username, display_name, role, office_code, procedure_codes, created_at)
       VALUES (?, ?, ?, 'agent', 'LOM', ?, '2026-11-16T08:00:00.000Z')`,
    );
    insert.run('u-all', 'tous', 'A Tous', null);
    insert.run('u-list', 'liste', 'B Liste', '["ART-CP"]');
    insert.run('u-object', 'objet', 'C Objet', '{"ART-CP":true}');
    insert.run('u-text', 'texte', 'D Texte', '"ART-CP"');
    insert.run('u-broken', 'casse', 'E Cassé', '[ART-CP');
    const handled = Object.fromEntries(
      createStaffDirectory(db)
        .members('LOM')
        .map((member) => [member.userId, member.procedureCodes]),
    );
    expect(handled).toEqual({
      'u-all': null,
      'u-list': ['ART-CP'],
      'u-object': [],
      'u-text': [],
      'u-broken': [],
    });
    db.close();
  });
});
