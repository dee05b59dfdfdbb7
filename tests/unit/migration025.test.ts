import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { DUE_DOCUMENTS, NEXT_DOCUMENT_DUE } from '../../src/main/core/sync/documentDownloader';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migration 025 (download queue)', () => {
  it('indexes the documents still to fetch, and only them, in the order they are due', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(24));
    db.prepare(
      `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
         city, applicant_name, phone, email, submitted_at, due_date, portal_version, portal_updated_at,
         record_json, synced_at, updated_at)
       VALUES ('app-1', 'COM-CO-2026-000001', 'COM-CO', 'submitted', 1, 'LOM', 'Maritime', 'Lomé',
         'A', '', '', '2026-01-01', '2026-01-10', 3, '2026-01-01', '{}', '2026-01-01', '2026-01-01')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO documents (id, application_id, code, file_name, mime_type, size, sha256, state,
         next_attempt_at)
       VALUES (?, 'app-1', 'RCCM', 'f.pdf', 'application/pdf', 10, ?, ?, ?)`,
    );
    // Rows written before the migration: the index is built from them.
    insert.run('d-ready', 'a', 'ready', null);
    insert.run('d-retry-late', 'b', 'pending', '2026-01-01T10:00:00.000Z');
    insert.run('d-new', 'c', 'pending', null);
    insert.run('d-failed', 'd', 'failed', null);
    insert.run('d-retry-due', 'e', 'pending', '2026-01-01T08:00:00.000Z');
    insert.run('d-cut', 'f', 'downloading', null);

    expect(migrate(db, upTo(25))).toBe(25);
    const indexed = db
      .prepare(
        'SELECT id FROM documents INDEXED BY documents_due WHERE ' +
          "state IN ('pending', 'downloading') ORDER BY next_attempt_at, rowid",
      )
      .pluck()
      .all();
    expect(indexed).toEqual(['d-new', 'd-cut', 'd-retry-due', 'd-retry-late']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The downloader's picks: the due ones in arrival order, the late retry not yet.
    const due = db.prepare(DUE_DOCUMENTS).pluck();
    expect(due.all({ now: '2026-01-01T09:00:00.000Z', limit: 10 })).toEqual([
      'd-new',
      'd-retry-due',
      'd-cut',
    ]);
    expect(due.all({ now: '2026-01-01T09:00:00.000Z', limit: 2 })).toEqual([
      'd-new',
      'd-retry-due',
    ]);
    const next = db.prepare(NEXT_DOCUMENT_DUE).pluck();
    expect(next.get()).toBe('');
    db.exec("UPDATE documents SET state = 'ready' WHERE id IN ('d-new', 'd-cut')");
    expect(next.get()).toBe('2026-01-01T08:00:00.000Z');
    expect(due.all({ now: '2026-01-01T07:00:00.000Z', limit: 10 })).toEqual([]);
    db.exec("UPDATE documents SET state = 'ready' WHERE state <> 'failed'");
    expect(next.get()).toBeNull();
    expect(due.all({ now: '2026-01-01T11:00:00.000Z', limit: 10 })).toEqual([]);
    db.close();
  });
});
