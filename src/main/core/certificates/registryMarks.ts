import type Database from 'better-sqlite3';

/**
 * Other desks' negative certificate statuses from the national registry (design multi-desk
 * §3.5): the only writer of `registry_marks`. Valid certificates are never listed (they verify by
 * signature); a revoked or cancelled one must say so on every desk, offline.
 */

export interface RegistryMark {
  number: string;
  status: 'revoked' | 'cancelled';
  at: string;
  reason: string | null;
  keyId: string | null;
  replacedBy: string | null;
  sequence: number;
}

export function createRegistryMarks(db: Database.Database) {
  const upsert = db.prepare(`
    INSERT INTO registry_marks (number, status, at, reason, key_id, replaced_by, sequence)
    VALUES (@number, @status, @at, @reason, @keyId, @replacedBy, @sequence)
    ON CONFLICT (number) DO UPDATE SET status = excluded.status, at = excluded.at,
      reason = excluded.reason, key_id = excluded.key_id, replaced_by = excluded.replaced_by,
      sequence = excluded.sequence
    WHERE excluded.sequence > registry_marks.sequence`);
  const byNumber = db.prepare<
    [string],
    {
      number: string;
      status: 'revoked' | 'cancelled';
      at: string;
      reason: string | null;
      key_id: string | null;
      replaced_by: string | null;
      sequence: number;
    }
  >('SELECT * FROM registry_marks WHERE number = ?');
  const all = db.prepare<
    [],
    {
      number: string;
      status: string;
      at: string;
      reason: string | null;
      replaced_by: string | null;
    }
  >('SELECT number, status, at, reason, replaced_by FROM registry_marks ORDER BY number');

  return {
    apply(mark: RegistryMark): void {
      upsert.run(mark);
    },
    of(number: string): RegistryMark | null {
      const row = byNumber.get(number);
      return row
        ? {
            number: row.number,
            status: row.status,
            at: row.at,
            reason: row.reason,
            keyId: row.key_id,
            replacedBy: row.replaced_by,
            sequence: row.sequence,
          }
        : null;
    },
    list: () => all.all(),
  };
}
export type RegistryMarks = ReturnType<typeof createRegistryMarks>;
