import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';

const upTo = (version: number) => MIGRATIONS.filter((migration) => migration.version <= version);

describe('migrations 019 (key registry) and 020 (number blocks)', () => {
  it('keeps keys and certificates, marks old certificates legacy, checks the new columns', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(18));
    db.prepare(
      `INSERT INTO signing_keys (key_id, office_code, public_key_pem, created_at, holds_private)
       VALUES ('LOM-0123abcd', 'LOM', 'pem', '2026-01-01', 1)`,
    ).run();
    expect(migrate(db, upTo(20))).toBe(20);
    expect(db.prepare('SELECT desk_id, revoked_at FROM signing_keys').get()).toEqual({
      desk_id: null,
      revoked_at: null,
    });
    expect(() => db.prepare("UPDATE signing_keys SET revocation_reason = 'lost'").run()).toThrow(
      /CHECK/,
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO registry_marks (number, status, at, sequence) VALUES ('CO-2026-LOM-000001', 'valid', 'x', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    const block = (next: number, last = 500500) =>
      db
        .prepare(
          `INSERT INTO certificate_blocks (block_id, procedure_code, year, office_code, first_seq,
                                           last_seq, next_seq, received_at, state)
           VALUES (?, 'COM-CO', 2026, 'LOM', 500001, ?, ?, 'x', 'open')`,
        )
        .run(`blk-${next}-${last}`, last, next);
    block(500001);
    block(500501); // exhausted: next is one past the last
    expect(() => block(500502)).toThrow(/CHECK/);
    expect(() => block(500001, 1_000_000)).toThrow(/CHECK/);
    expect(
      db
        .prepare(
          "SELECT dflt_value FROM pragma_table_info('certificates') WHERE name = 'registry_state'",
        )
        .pluck()
        .get(),
    ).toBe("'legacy'");
    db.close();
  });
});
