import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 017 (desk identity)', () => {
  it('makes an existing cache a desk alone of its office, not enrolled', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(16));
    db.prepare("UPDATE office_settings SET code = 'KAR', numbering_code = 'KARB'").run();
    expect(migrate(db, upTo(17))).toBe(17);
    expect(db.prepare('SELECT * FROM desk_identity').get()).toEqual({
      id: 1,
      mode: 'single',
      desk_id: null,
      office_code: 'KAR',
      label: null,
      key_id: null,
      portal_api: null,
      enrolled_at: null,
    });
    db.close();
  });

  it('refuses an office desk without an id, a second identity row, an unknown API', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(17));
    expect(() => db.prepare("UPDATE desk_identity SET mode = 'office'").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO desk_identity (id, mode, office_code) VALUES (2, 'single', 'LOM')")
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE desk_identity SET portal_api = 3').run()).toThrow(/CHECK/);
    db.prepare("UPDATE desk_identity SET mode = 'office', desk_id = 'LOM-01'").run();
    expect(db.prepare('SELECT mode FROM desk_identity').pluck().get()).toBe('office');
    db.close();
  });
});
