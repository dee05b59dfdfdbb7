import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSql } from '../../src/main/core/audit/auditQueries';
import { LEGACY_CERTIFICATES_BATCH } from '../../src/main/core/certificates/certificateStore';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

/**
 * Migration 027: the audit journal filtered by a kind of action, and an enrolled desk's question
 * at every sync « which certificates has the registry not received yet? », each read through an
 * index instead of a walk of the whole journal or of every certificate issued. The cache is built
 * at 026 with rows in it, then migrated, as a desk that updates Bureau.
 */
const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

const ACTIONS = ['case.approved', 'case.checklist_ticked', 'session.signed_in', 'sync.completed'];

function plan(db: Database.Database, sql: string, params: unknown): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as object) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

describe('migration 027 (audit kinds, certificates not yet in the registry)', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    migrate(db, upTo(26));
    // Certificates here need no case, account or key rows: only their registry state matters.
    db.pragma('foreign_keys = OFF');
    const insertAudit = db.prepare(`INSERT INTO audit_log
      (at, actor_id, office_code, action, entity_type, entity_id, summary_json, prev_hash, hash)
      VALUES (?, ?, 'LOM', ?, 'application', ?, '{}', ?, ?)`);
    const insertCertificate = db.prepare(`INSERT INTO certificates
      (id, number, application_id, reference, procedure_code, office_code, year, seq, holder_name,
       search_text, issued_at, issued_by, key_id, qr_text, facts_json, sha256, size, registry_state)
      VALUES (?, ?, ?, ?, 'COM-IMPEX', 'LOM', 2026, ?, 'Afi', 'afi', ?, 'u1', 'k1', 'qr', '{}', ?, 1, ?)`);
    db.transaction(() => {
      for (let i = 0; i < 4_000; i += 1) {
        // The journal is mostly sessions and syncs: a case's approvals are a rare kind.
        const action = i % 97 === 0 ? ACTIONS[i % 2]! : ACTIONS[2 + (i % 2)]!;
        insertAudit.run(
          `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`,
          `u${i % 9}`,
          action,
          `app-${i % 300}`,
          `p${i}`,
          `h${i}`,
        );
      }
      for (let i = 1; i <= 2_000; i += 1) {
        insertCertificate.run(
          `c${i}`,
          `COM-LOM-2026-${i}`,
          `app-${i}`,
          `REF-${i}`,
          i,
          `2026-10-01T08:${String(i % 60).padStart(2, '0')}:00Z`,
          'a'.repeat(64),
          i > 1_990 ? 'legacy' : 'registered',
        );
      }
    })();
    expect(migrate(db, upTo(27))).toBe(27);
    db.exec('ANALYZE');
  });
  afterAll(() => db.close());

  it('reads one kind of action newest first through its index, without sorting the journal', () => {
    const sql = auditPageSql({ actionPrefix: 'case.', beforeSeq: null, limit: 50 });
    const detail = plan(db, sql, { beforeSeq: 1e9, actionPrefix: 'case.', limit: 51 });
    expect(detail).toMatch(/SEARCH a USING INDEX audit_log_by_category/);
    expect(detail).not.toMatch(/SCAN a\b/);
    expect(detail).not.toMatch(/TEMP B-TREE FOR ORDER BY/);

    const rows = db.prepare(sql).all({ beforeSeq: 1e9, actionPrefix: 'case.', limit: 51 }) as {
      seq: number;
      action: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.action.startsWith('case.'))).toBe(true);
    expect(rows.map((row) => row.seq)).toEqual(
      [...rows.map((row) => row.seq)].sort((a, b) => b - a),
    );
    expect(rows).toHaveLength(
      db
        .prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'case.%'")
        .pluck()
        .get() as number,
    );
  });

  it('still answers a prefix that is not a kind (a full action code), by comparing', () => {
    const rows = db
      .prepare(auditPageSql({ actionPrefix: 'case.approved', beforeSeq: null, limit: 500 }))
      .all({ beforeSeq: 1e9, actionPrefix: 'case.approved', limit: 501 }) as { action: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.action === 'case.approved')).toBe(true);
  });

  it('finds the certificates the registry has not received in a partial index, oldest first', () => {
    const detail = plan(db, LEGACY_CERTIFICATES_BATCH, [100]);
    expect(detail).toMatch(/SCAN certificates USING INDEX certificates_registry_legacy/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    const rows = db.prepare(LEGACY_CERTIFICATES_BATCH).all(100) as {
      number: string;
      issued_at: string;
    }[];
    expect(rows.map((row) => row.number).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `COM-LOM-2026-${1_991 + i}`).sort(),
    );
    expect(rows.map((row) => row.issued_at)).toEqual([...rows.map((row) => row.issued_at)].sort());
  });
});
