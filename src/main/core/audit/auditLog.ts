import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface AuditEntry {
  at: string;
  actorId: string | null;
  officeCode: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashAuditRow(prevHash: string, entry: AuditEntry): string {
  const canonical = JSON.stringify([
    prevHash,
    entry.at,
    entry.actorId,
    entry.officeCode,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.summary,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one hash-chained row; call inside the transaction of the change it records. */
export function createAuditLog(db: Database.Database) {
  const lastHash = db.prepare<[], { hash: string }>(
    'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, office_code, action, entity_type, entity_id, summary_json, prev_hash, hash)
     VALUES (@at, @actorId, @officeCode, @action, @entityType, @entityId, @summaryJson, @prevHash, @hash)`,
  );
  return {
    append(entry: AuditEntry): void {
      const prevHash = lastHash.get()?.hash ?? GENESIS_HASH;
      insert.run({
        ...entry,
        summaryJson: JSON.stringify(entry.summary),
        prevHash,
        hash: hashAuditRow(prevHash, entry),
      });
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
