import type Database from 'better-sqlite3';
import type { CaseHolder } from '../../../shared/api/types';

/**
 * Who holds each case of an inbox page (design multi-desk §8): the portal's lease from
 * `case_leases`, in force by the portal's clock. One primary-key lookup per row of the page
 * (≤ 100), in one statement, after the page is read — never a join over the whole list.
 */
export const ROW_HOLDERS_SQL = `
  SELECT application_id AS id, holder_id, holder_name, kind, expires_at FROM case_leases
  WHERE application_id IN (SELECT value FROM json_each(?))`;

interface HolderRecord {
  id: string;
  holder_id: string;
  holder_name: string;
  kind: 'claim' | 'checkout';
  expires_at: string;
}

export function createRowHolders(db: Database.Database) {
  const read = db.prepare<[string], HolderRecord>(ROW_HOLDERS_SQL);
  return {
    /** The holders in force at `portalNow` of these cases; a case nobody holds is absent. */
    of(ids: readonly string[], portalNow: Date): Map<string, CaseHolder> {
      const holders = new Map<string, CaseHolder>();
      if (ids.length === 0) return holders;
      for (const record of read.all(JSON.stringify(ids))) {
        if (Date.parse(record.expires_at) <= portalNow.getTime()) continue; // lapsed
        holders.set(record.id, {
          id: record.holder_id,
          displayName: record.holder_name,
          kind: record.kind,
          expiresAt: record.expires_at,
          portalNow: portalNow.toISOString(),
        });
      }
      return holders;
    },
  };
}
