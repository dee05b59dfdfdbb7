import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 022 (shared work)', () => {
  it('keys notes, history lines and notifications by portal event, once each', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(21));
    expect(migrate(db, upTo(22))).toBe(22);
    const columns = (table: string) =>
      db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
    expect(columns('notes')).toEqual(expect.arrayContaining(['event_key', 'origin_desk_id']));
    expect(columns('history_events')).toEqual(
      expect.arrayContaining(['event_key', 'origin_desk_id']),
    );
    expect(columns('notifications')).toContain('event_key');
    const unique = db
      .prepare<[string, string], number>('SELECT "unique" FROM pragma_index_list(?) WHERE name = ?')
      .pluck();
    expect(unique.get('notes', 'notes_by_event')).toBe(1);
    expect(unique.get('history_events', 'history_by_event')).toBe(1);
    expect(unique.get('notifications', 'notifications_by_event')).toBe(1);
    db.close();
  });
});
