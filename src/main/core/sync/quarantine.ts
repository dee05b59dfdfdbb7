import type Database from 'better-sqlite3';
import type { QuarantinePage } from '../../../shared/api/syncTypes';
import { boundedJson, jsonDigest } from './boundedJson';

/** What is kept of a refused item: enough to recognise it and to report it to the portal. */
const MAX_RAW_CHARS = 64 * 1024;
const MAX_RAW_DEPTH = 16;

/**
 * The owner of `quarantine`: portal items that could not enter the cache, one row per item. An
 * item refused again (a replayed page, the next sync) updates its row and its count; an item
 * that later arrives valid leaves the quarantine. Read newest first, paged by id.
 */
export function createQuarantine(db: Database.Database) {
  const upsert = db.prepare(`
    INSERT INTO quarantine (received_at, first_received_at, portal_id, item_key, reason, raw_json)
    VALUES (@at, @at, @portalId, @itemKey, @reason, @raw)
    ON CONFLICT (item_key) DO UPDATE SET received_at = excluded.received_at,
      portal_id = excluded.portal_id, reason = excluded.reason, raw_json = excluded.raw_json,
      seen_count = seen_count + 1`);
  const resolve = db.prepare(
    'DELETE FROM quarantine WHERE item_key IN (SELECT value FROM json_each(?))',
  );
  const any = db.prepare<[], { found: number }>(
    'SELECT EXISTS (SELECT 1 FROM quarantine) AS found',
  );
  const page = db.prepare<
    [number, number],
    {
      id: number;
      portal_id: string | null;
      reason: string;
      received_at: string;
      first_received_at: string | null;
      seen_count: number;
    }
  >(
    `SELECT id, portal_id, reason, received_at, first_received_at, seen_count FROM quarantine
     WHERE id < ? ORDER BY id DESC LIMIT ?`,
  );
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine');
  // Most pulls never see a refusal: skip the per-batch cleanup until the table holds something.
  let mayHoldRows = (any.get()?.found ?? 0) === 1;

  return {
    /** Stores (or refreshes) the refusal of one raw item; never throws on the item's shape. */
    refuse(
      raw: unknown,
      portalId: string | null,
      reason: string,
      at: string,
      /** Another key than the item's own, for a trace that a valid version must not clear. */
      key?: string,
    ): void {
      const text = boundedJson(raw, MAX_RAW_CHARS, MAX_RAW_DEPTH);
      const itemKey = key ?? (portalId !== null ? `id:${portalId}` : `raw:${jsonDigest(raw)}`);
      upsert.run({ at, portalId, itemKey, reason, raw: text });
      mayHoldRows = true;
    },
    /** Records that arrived valid are no longer in quarantine. */
    resolved(portalIds: readonly string[]): void {
      if (!mayHoldRows || portalIds.length === 0) return;
      resolve.run(JSON.stringify(portalIds.map((id) => `id:${id.slice(0, 64)}`)));
    },
    count: (): number => total.get()?.n ?? 0,
    list(cursor: number | null, limit: number): QuarantinePage {
      const rows = page.all(cursor ?? Number.MAX_SAFE_INTEGER, limit + 1);
      const shown = rows.slice(0, limit);
      return {
        rows: shown.map((row) => ({
          id: row.id,
          portalId: row.portal_id,
          reason: row.reason,
          receivedAt: row.received_at,
          firstReceivedAt: row.first_received_at ?? row.received_at,
          seenCount: row.seen_count,
        })),
        total: total.get()?.n ?? 0,
        nextCursor: rows.length > limit ? (shown.at(-1)?.id ?? null) : null,
      };
    },
  };
}
export type Quarantine = ReturnType<typeof createQuarantine>;
