import type Database from 'better-sqlite3';
import type { QuarantinePage } from '../../../shared/api/syncTypes';

/** The quarantine, newest first, paged by id (keyset: stable while new rows arrive). */
export function createQuarantineQueries(db: Database.Database) {
  const page = db.prepare<
    [number, number],
    { id: number; portal_id: string | null; reason: string; received_at: string }
  >(
    'SELECT id, portal_id, reason, received_at FROM quarantine WHERE id < ? ORDER BY id DESC LIMIT ?',
  );
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');
  return {
    list(cursor: number | null, limit: number): QuarantinePage {
      const rows = page.all(cursor ?? Number.MAX_SAFE_INTEGER, limit + 1);
      const shown = rows.slice(0, limit);
      return {
        rows: shown.map((row) => ({
          id: row.id,
          portalId: row.portal_id,
          reason: row.reason,
          receivedAt: row.received_at,
        })),
        total: total.get()?.n ?? 0,
        nextCursor: rows.length > limit ? (shown.at(-1)?.id ?? null) : null,
      };
    },
  };
}
