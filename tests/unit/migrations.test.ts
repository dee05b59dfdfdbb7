import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { openDatabase } from '../../src/main/core/db/openDatabase';
import { tempDir } from '../support/paths';

const tempFile = () => join(tempDir('bureau-migr-'), 'test.sqlite');

describe('database and migrations', () => {
  it('opens with WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('versions only increase and each migration is applied once', () => {
    const versions = MIGRATIONS.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const file = tempFile();
    openDatabase(file).close();
    const again = openDatabase(file); // a second open must not re-run 001 (tables exist)
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    again.close();
  });

  it('migration 001 creates the schema with its constraints', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const table of [
      'applications',
      'documents',
      'history_events',
      'notes',
      'outbox',
      'sync_state',
      'users',
      'audit_log',
      'quarantine',
    ]) {
      expect(tables).toContain(table);
    }
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u','u','U','roi','LOM','now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('migration 002 indexes existing cases for search and tallies, then keeps both in step', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const insert =
      db.prepare(`INSERT INTO applications (id, reference, procedure_code, status, is_open,
      office_code, region, city, applicant_name, company_name, nif, rccm, phone, email, submitted_at,
      due_date, portal_version, portal_updated_at, record_json, synced_at, updated_at)
      VALUES (?, ?, 'COM-IMPEX', 'submitted', 1, 'LOM', 'Maritime', 'Aného', ?, NULL, NULL, NULL,
      '+228 90 12 34 56', 'x@y.tg', '2026-11-02T08:00:00Z', '2026-11-20', 1, 't', '{}', 't', 't')`);
    insert.run('app-1', 'COM-IMPEX-2026-000001', "Éloi N'Guessan");
    migrate(db, MIGRATIONS.slice(0, 2));
    const hits = (match: string) =>
      db.prepare('SELECT rowid FROM inbox_search WHERE inbox_search MATCH ?').pluck().all(match);
    expect(hits('"eloi"*')).toHaveLength(1);
    expect(hits('"nguessan"')).toHaveLength(1);
    expect(hits('phone_digits : "90123456"')).toHaveLength(1);
    const tally = () => db.prepare('SELECT status, n FROM inbox_tallies WHERE n > 0').all();
    expect(tally()).toEqual([{ status: 'submitted', n: 1 }]);
    insert.run('app-2', 'COM-IMPEX-2026-000002', 'Kodjo Agbodjan');
    db.prepare("UPDATE applications SET status = 'approved', is_open = 0 WHERE id = 'app-1'").run();
    db.prepare("UPDATE applications SET applicant_name = 'Kodjo Kpodar' WHERE id = 'app-2'").run();
    expect(hits('"agbodjan"')).toHaveLength(0);
    expect(hits('"kpodar"')).toHaveLength(1);
    expect(tally()).toEqual([
      { status: 'approved', n: 1 },
      { status: 'submitted', n: 1 },
    ]);
    db.prepare("DELETE FROM applications WHERE id = 'app-2'").run();
    expect(hits('"kpodar"')).toHaveLength(0);
    expect(tally()).toEqual([{ status: 'approved', n: 1 }]);
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u', 'u', 'U', 'agent', 'LOM', 't')",
    ).run();
    const view = db.prepare(
      "INSERT INTO saved_views (id, user_id, name, query_json, created_at) VALUES (?, 'u', ?, '{}', 't')",
    );
    view.run('v1', 'Urgences');
    expect(() => view.run('v2', 'URGENCES')).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses a database written by a newer version of Bureau', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db, MIGRATIONS)).toThrow(SchemaTooNewError);
    db.close();
  });

  it('rolls back every pending migration if one fails', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE oops (; ' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'applications'").pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('makes the audit log append-only', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.prepare(
      "INSERT INTO audit_log (at, action, entity_type, summary_json, prev_hash, hash) VALUES ('t', 'a', 'e', '{}', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});
