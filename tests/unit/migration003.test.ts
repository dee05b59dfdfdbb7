import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createOutbox } from '../../src/main/core/sync/outbox';

/**
 * Migration 003 (sync engine) on a database left by a Bureau at schema 2: it rebuilds `outbox`
 * (new 'cancelled' state, delivery bookkeeping) and adds columns to `applications` and
 * `documents`. Every existing row must come through unchanged, with its id (ids are the delivery
 * order per case), and the new columns and constraints must work.
 */

const AT_2 = MIGRATIONS.filter((migration) => migration.version <= 2);
const AT_3 = MIGRATIONS.filter((migration) => migration.version <= 3);

function databaseAtVersion2() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, AT_2);
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  db.prepare(
    "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u-1', 'kossi', 'Kossi Agbodjan', 'agent', 'LOM', '2026-11-01T08:00:00Z')",
  ).run();
  const application = db.prepare(`
    INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
      city, applicant_name, company_name, nif, rccm, phone, email, submitted_at, due_date,
      assignee_id, portal_version, portal_updated_at, record_json, synced_at, updated_at)
    VALUES (?, ?, 'COM-IMPEX', ?, ?, 'LOM', 'Grand Lomé', 'Lomé', ?, ?, NULL, NULL,
      '+228 90 12 34 56', 'a@b.tg', '2026-11-02T08:00:00Z', '2026-11-20', ?, ?, 't', ?, 't', 't')`);
  application.run(
    'app-1',
    'COM-IMPEX-2026-000001',
    'submitted',
    1,
    "Akossiwa N'Kégbé",
    null,
    null,
    1,
    '{"v":1}',
  );
  application.run(
    'app-2',
    'COM-IMPEX-2026-000002',
    'in_review',
    1,
    'Éloi Koudjo-Lawson',
    'Établissements Éloi SARL',
    'u-1',
    3,
    '{"v":3}',
  );
  application.run(
    'app-3',
    'COM-IMPEX-2026-000003',
    'withdrawn',
    0,
    'Yao Amouzou',
    null,
    null,
    2,
    '{"v":2}',
  );
  const document = db.prepare(`
    INSERT INTO documents (id, application_id, code, file_name, mime_type, size, sha256, state,
      local_path, attempts, last_error)
    VALUES (?, ?, 'FACTURE', 'facture.pdf', 'application/pdf', 2386, ?, ?, ?, ?, ?)`);
  document.run('doc-1', 'app-1', 'a'.repeat(64), 'pending', null, 0, null);
  document.run('doc-2', 'app-2', 'b'.repeat(64), 'ready', 'documents/doc-2.pdf', 1, null);
  document.run('doc-3', 'app-2', 'c'.repeat(64), 'failed', null, 5, 'Somme de contrôle différente');
  // The schema-1 outbox: states pending/sending/sent/failed; ids with gaps (their order matters).
  const outbox = db.prepare(`
    INSERT INTO outbox (id, idempotency_key, application_id, kind, payload_json, created_at, state,
      attempts, next_attempt_at, last_error)
    VALUES (?, ?, ?, 'note.added', ?, ?, ?, ?, ?, ?)`);
  outbox.run(
    1,
    'key-00000001',
    'app-1',
    '{"body":"première note"}',
    '2026-11-03T09:00:00Z',
    'sent',
    1,
    null,
    null,
  );
  outbox.run(
    4,
    'key-00000004',
    'app-2',
    '{"body":"pièce reçue — à vérifier"}',
    '2026-11-03T09:05:00Z',
    'pending',
    0,
    null,
    null,
  );
  outbox.run(
    7,
    'key-00000007',
    'app-2',
    '{"body":"deuxième"}',
    '2026-11-03T09:06:00Z',
    'sending',
    2,
    '2026-11-03T09:10:00Z',
    'Portail injoignable',
  );
  outbox.run(
    9,
    'key-00000009',
    'app-3',
    '{"body":"refusée"}',
    '2026-11-03T09:07:00Z',
    'failed',
    1,
    null,
    'La demande a été retirée',
  );
  db.prepare(
    "INSERT INTO history_events (application_id, at, kind, to_status, details_json) VALUES ('app-1', 't', 'received', 'submitted', '{}')",
  ).run();
  db.prepare(
    "INSERT INTO notes (application_id, author_id, at, body) VALUES ('app-2', 'u-1', 't', 'première note')",
  ).run();
  db.prepare("INSERT INTO sync_state (key, value) VALUES ('pull_cursor', 'c:42')").run();
  return db;
}

const all = (db: Database.Database, sql: string) => db.prepare(sql).all();

describe('migration 003 (sync engine)', () => {
  it('keeps every row, with its id, and adds working columns and constraints', () => {
    const db = databaseAtVersion2();
    const before = {
      applications: all(db, 'SELECT * FROM applications ORDER BY id'),
      documents: all(db, 'SELECT * FROM documents ORDER BY id'),
      outbox: all(db, 'SELECT * FROM outbox ORDER BY id'),
      history: all(db, 'SELECT * FROM history_events ORDER BY id'),
      notes: all(db, 'SELECT * FROM notes ORDER BY id'),
      syncState: all(db, 'SELECT * FROM sync_state ORDER BY key'),
      search: all(db, 'SELECT rowid FROM inbox_search WHERE inbox_search MATCH \'"eloi"*\''),
    };

    migrate(db, AT_3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);

    // Data preserved; the new columns start empty.
    expect(all(db, 'SELECT * FROM applications ORDER BY id')).toEqual(
      before.applications.map((row) => ({ ...(row as object), conflict_json: null })),
    );
    expect(all(db, 'SELECT * FROM documents ORDER BY id')).toEqual(
      before.documents.map((row) => ({ ...(row as object), next_attempt_at: null })),
    );
    expect(all(db, 'SELECT * FROM outbox ORDER BY id')).toEqual(
      before.outbox.map((row) => ({ ...(row as object), sent_at: null, response_json: null })),
    );
    expect(all(db, 'SELECT * FROM history_events ORDER BY id')).toEqual(before.history);
    expect(all(db, 'SELECT * FROM notes ORDER BY id')).toEqual(before.notes);
    expect(all(db, 'SELECT * FROM sync_state ORDER BY key')).toEqual(before.syncState);
    expect(all(db, 'SELECT rowid FROM inbox_search WHERE inbox_search MATCH \'"eloi"*\'')).toEqual(
      before.search,
    );
    expect(all(db, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The rebuilt outbox: its indexes, and the old partial index gone with the old table.
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")
      .pluck()
      .all();
    expect(indexes).toEqual(expect.arrayContaining(['outbox_open', 'outbox_by_state']));
    expect(indexes).not.toContain('outbox_pending');
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'applications_in_conflict'")
        .pluck()
        .get(),
    ).toBe(1);

    // Constraints: the new state is allowed, others are not; keys stay unique; cases must exist;
    // the table is STRICT; ids keep growing after the copied ones.
    const insert = db.prepare(`
      INSERT INTO outbox (idempotency_key, application_id, kind, payload_json, created_at, state)
      VALUES (?, ?, 'case.claimed', '{}', 't', ?)`);
    const id = Number(insert.run('key-00000010', 'app-1', 'cancelled').lastInsertRowid);
    expect(id).toBe(10);
    expect(() => insert.run('key-00000011', 'app-1', 'lost')).toThrow(/CHECK/);
    expect(() => insert.run('key-00000004', 'app-1', 'pending')).toThrow(/UNIQUE/);
    expect(() => insert.run('key-00000012', 'app-404', 'pending')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE outbox SET attempts = 'beaucoup' WHERE id = 1").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    db.prepare(
      "UPDATE outbox SET sent_at = '2026-11-03T09:01:00Z', response_json = '{\"event\":{}}' WHERE id = 1",
    ).run();
    db.prepare(
      "UPDATE documents SET next_attempt_at = '2026-11-03T10:00:00Z' WHERE id = 'doc-3'",
    ).run();

    // The sync engine reads the migrated queues as before: per-case order by id, failed heads
    // hold their case, a case in conflict waits (on today's schema: the outbox has grown since).
    migrate(db, MIGRATIONS);
    const outbox = createOutbox(db);
    expect(outbox.openActions('app-2').map((row) => [row.id, row.state])).toEqual([
      [4, 'pending'],
      [7, 'sending'],
    ]);
    expect(outbox.dueHeads('2026-11-04T00:00:00Z', 10).map((row) => row.id)).toEqual([4]);
    db.prepare(
      'UPDATE applications SET conflict_json = \'{"reason":"portal_changed"}\' WHERE id = \'app-2\'',
    ).run();
    expect(outbox.dueHeads('2026-11-04T00:00:00Z', 10)).toEqual([]);
    expect(outbox.counts()).toEqual({ pending: 2, failed: 1 });
    db.close();
  });
});
