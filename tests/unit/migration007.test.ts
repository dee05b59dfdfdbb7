import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createNumbering } from '../../src/main/core/certificates/numbering';

/**
 * Migration 007 (certificates) on a cache left at schema 6: existing cases are untouched; the
 * new tables enforce what numbering and archiving rely on (one number once, counters in range,
 * issued certificates neither deleted nor rewritten, a revocation always with its date and reason).
 */

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

function databaseAtVersion6() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, upTo(6));
  expect(db.pragma('user_version', { simple: true })).toBe(6);
  db.prepare(
    "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u-kossi', 'kossi.agbodjan', 'Kossi Agbodjan', 'agent', 'LOM', '2026-11-02T08:00:00Z')",
  ).run();
  db.prepare(
    `INSERT INTO applications (id, reference, procedure_code, status, is_open, office_code, region,
      city, applicant_name, company_name, nif, rccm, phone, email, submitted_at, due_date,
      assignee_id, portal_version, portal_updated_at, record_json, synced_at, updated_at)
    VALUES ('app-1', 'COM-IMPEX-2026-000001', 'COM-IMPEX', 'approved', 0, 'LOM', 'Maritime',
      'Aného', 'Éloi N''Guessan', 'Société Ablavi & Fils SARL', '1000234567',
      'TG-LFW-01-2024-B12-00345', '+228 90 12 34 56', 'eloi@exemple.tg', '2026-11-02T08:00:00Z',
      '2026-11-16', NULL, 3, '2026-11-03T09:00:00Z', '{"id":"app-1"}',
      '2026-11-03T09:00:01Z', '2026-11-03T09:00:01Z')`,
  ).run();
  return db;
}

const certificate = (overrides: Record<string, unknown> = {}) => ({
  id: 'cert-1',
  number: 'CIE-2026-LOM-000001',
  application_id: 'app-1',
  reference: 'COM-IMPEX-2026-000001',
  procedure_code: 'COM-IMPEX',
  office_code: 'LOM',
  year: 2026,
  seq: 1,
  holder_name: 'Société Ablavi & Fils SARL',
  search_text: 'cie-2026-lom-000001 societe ablavi & fils sarl com-impex-2026-000001',
  issued_at: '2026-11-23T09:00:00.000Z',
  expires_on: '2027-11-22',
  issued_by: 'u-kossi',
  key_id: 'LOM-0123abcd',
  qr_text: 'BUR1.x.y',
  facts_json: '{}',
  sha256: 'a'.repeat(64),
  size: 61_000,
  ...overrides,
});

const insertCertificate = (db: Database.Database, row = certificate()) =>
  db
    .prepare(
      `INSERT INTO certificates (id, number, application_id, reference, procedure_code, office_code,
        year, seq, holder_name, search_text, issued_at, expires_on, issued_by, key_id, qr_text,
        facts_json, sha256, size)
      VALUES (@id, @number, @application_id, @reference, @procedure_code, @office_code, @year,
        @seq, @holder_name, @search_text, @issued_at, @expires_on, @issued_by, @key_id, @qr_text,
        @facts_json, @sha256, @size)`,
    )
    .run(row);

function migrated() {
  const db = databaseAtVersion6();
  const before = db.prepare("SELECT * FROM applications WHERE id = 'app-1'").get();
  expect(MIGRATIONS.find((migration) => migration.version === 7)?.name).toBe('certificates');
  expect(migrate(db, upTo(7))).toBe(7);
  expect(db.pragma('user_version', { simple: true })).toBe(7);
  expect(db.prepare("SELECT * FROM applications WHERE id = 'app-1'").get()).toEqual(before);
  db.prepare(
    `INSERT INTO signing_keys (key_id, office_code, public_key_pem, created_at, holds_private)
     VALUES ('LOM-0123abcd', 'LOM', '-----BEGIN PUBLIC KEY-----', '2026-11-23T08:00:00Z', 1)`,
  ).run();
  return db;
}

describe('migration 007 (certificates)', () => {
  it('adds the certificate tables to a cache at version 6, leaving its cases untouched', () => {
    const db = migrated();
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%certificate%' OR name = 'signing_keys' ORDER BY name",
      )
      .pluck()
      .all();
    expect(tables).toEqual([
      'certificate_counters',
      'certificate_prints',
      'certificates',
      'signing_keys',
    ]);
    insertCertificate(db);
    expect(db.prepare('SELECT file_state, status FROM certificates').get()).toEqual({
      file_state: 'pending',
      status: 'valid',
    });
  });

  it('never gives a number twice and keeps counters per procedure, year and office', () => {
    const db = migrated();
    insertCertificate(db);
    expect(() => insertCertificate(db, certificate({ id: 'cert-2', seq: 2 }))).toThrow(/UNIQUE/);
    expect(() =>
      insertCertificate(db, certificate({ id: 'cert-2', number: 'CIE-2026-LOM-000009' })),
    ).toThrow(/UNIQUE/);

    const numbering = createNumbering(db);
    const impex = { code: 'COM-IMPEX', prefix: 'CIE' };
    const take = db.transaction((year: number, office: string) =>
      numbering.allocate(impex, year, office),
    );
    expect(take(2026, 'LOM').number).toBe('CIE-2026-LOM-000001');
    expect(take(2026, 'LOM').number).toBe('CIE-2026-LOM-000002');
    expect(take(2026, 'KAR').number).toBe('CIE-2026-KAR-000001');
    expect(take(2027, 'LOM').number).toBe('CIE-2027-LOM-000001');
    // A rolled-back issue gives its number back: no gap.
    expect(() =>
      db.transaction(() => {
        numbering.allocate(impex, 2026, 'LOM');
        throw new Error('panne');
      })(),
    ).toThrow('panne');
    expect(take(2026, 'LOM').number).toBe('CIE-2026-LOM-000003');
    expect(() => numbering.allocate(impex, 2026, 'LOM')).toThrow(/inside the issuing transaction/);
    db.prepare(
      "UPDATE certificate_counters SET last_seq = 999999 WHERE office_code = 'LOM' AND year = 2026",
    ).run();
    expect(() => take(2026, 'LOM')).toThrow(/CHECK constraint/);
  });

  it('refuses to delete or rewrite an issued certificate; revocation needs its date and reason', () => {
    const db = migrated();
    insertCertificate(db);
    expect(() => db.prepare("DELETE FROM certificates WHERE id = 'cert-1'").run()).toThrow(
      /never deleted/,
    );
    expect(() =>
      db.prepare("UPDATE certificates SET facts_json = '{\"x\":1}' WHERE id = 'cert-1'").run(),
    ).toThrow(/immutable/);
    expect(() =>
      db
        .prepare("UPDATE certificates SET number = 'CIE-2026-LOM-000002' WHERE id = 'cert-1'")
        .run(),
    ).toThrow(/immutable/);
    expect(() =>
      db.prepare("UPDATE certificates SET status = 'revoked' WHERE id = 'cert-1'").run(),
    ).toThrow(/CHECK constraint/);
    db.prepare(
      "UPDATE certificates SET status = 'revoked', revoked_at = '2026-11-24T10:00:00Z', revoked_by = 'u-kossi', revocation_reason = 'Erreur de saisie' WHERE id = 'cert-1'",
    ).run();
    db.prepare("UPDATE certificates SET file_state = 'stored' WHERE id = 'cert-1'").run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO certificate_prints (certificate_id, kind, printed_at, printed_by, sha256) VALUES ('cert-404', 'duplicate', 't', 'u-kossi', ?)",
        )
        .run('b'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);
  });

  it('pages the certificates list and finds pending files through their indexes', () => {
    const db = migrated();
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    expect(
      plan(
        "SELECT * FROM certificates c WHERE (c.issued_at, c.id) < ('2026-12-01', 'z') ORDER BY c.issued_at DESC, c.id DESC LIMIT 50",
      ),
    ).toMatch(/certificates_by_issue/);
    expect(plan("SELECT * FROM certificates WHERE file_state = 'pending'")).toMatch(
      /certificates_file_pending/,
    );
    expect(plan("SELECT * FROM certificates WHERE application_id = 'app-1'")).toMatch(
      /certificates_by_application/,
    );
    expect(
      plan(
        "UPDATE outbox SET payload_json = json_remove(payload_json, '$.document.base64') WHERE kind = 'certificate.issued' AND state = 'sent' AND json_extract(payload_json, '$.document.base64') IS NOT NULL",
      ),
    ).toMatch(/outbox_certificate_events/);
  });
});
