import type Database from 'better-sqlite3';
import { z } from 'zod';
import { directoryItem, type DirectoryReplica } from '../auth/directoryReplica';
import type { Clock } from '../clock';
import { PortalResponseError, type PortalClient } from './portalClient';
import type { Quarantine } from './quarantine';
import type { SyncStateStore } from './syncStateStore';

/**
 * Pulls the office staff directory (design multi-desk §3.4, §6.2 step 2) before the cases, so
 * every person a case names exists here. State-based like the applications feed: each page and
 * its cursor commit together; an item that does not validate is quarantined with its reason and
 * the page goes on.
 */

const PAGE_SIZE = 200;
/** A directory is hundreds of accounts; a portal that never says « hasMore: false » is cut. */
const MAX_PAGES = 100;

const page = z.object({
  items: z.array(z.unknown()).max(1_000),
  nextCursor: z.string().regex(/^d:\d{1,12}$/),
  hasMore: z.boolean(),
});

export function createDirectoryPull(deps: {
  db: Database.Database;
  portal: PortalClient;
  replica: DirectoryReplica;
  syncState: SyncStateStore;
  quarantine: Quarantine;
  clock: Clock;
  officeCode: () => string;
}) {
  const { db, portal, replica, syncState, quarantine, clock } = deps;
  return {
    /** Answers the accounts deactivated by what was pulled. */
    async pull(): Promise<{ applied: number; deactivated: string[] }> {
      const total = { applied: 0, deactivated: [] as string[] };
      for (let turn = 0; turn < MAX_PAGES; turn++) {
        const cursor = syncState.get('directory_cursor');
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (cursor) params.set('cursor', cursor);
        const body = await portal.v2({
          method: 'GET',
          path: `offices/${encodeURIComponent(deps.officeCode())}/directory?${params}`,
          as: 'desk',
        });
        const parsed = page.safeParse(body);
        if (!parsed.success) {
          throw new PortalResponseError(
            200,
            "Page de l'annuaire du portail au format inattendu ; nouvel essai plus tard.",
            null,
            null,
            true,
          );
        }
        const at = clock.now().toISOString();
        db.transaction(() => {
          const valid = [];
          for (const raw of parsed.data.items) {
            const item = directoryItem.safeParse(raw);
            if (item.success) valid.push(item.data);
            else {
              const id =
                raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
                  ? (raw as { id: string }).id.slice(0, 80)
                  : null;
              quarantine.refuse(
                raw,
                id ? `annuaire:${id}` : null,
                `Compte de l'annuaire refusé (${item.error.issues[0]?.path.join('.') ?? '?'} : ${item.error.issues[0]?.message ?? 'invalide'}) : il n'a pas été importé. Signalez-le au ministère.`,
                at,
              );
            }
          }
          const outcome = replica.apply(valid, at);
          total.applied += outcome.applied;
          total.deactivated.push(...outcome.deactivated);
          syncState.set('directory_cursor', parsed.data.nextCursor);
        })();
        if (!parsed.data.hasMore) return total;
      }
      return total;
    },
    /** Read the whole directory again at the next pull (after a refused change, §6.4). */
    rewind(): void {
      syncState.set('directory_cursor', 'd:0');
    },
    /** The directory sequence this desk has applied (for the desk status report). */
    sequence(): number | null {
      const cursor = syncState.get('directory_cursor');
      return cursor ? Number(cursor.slice(2)) : null;
    },
  };
}
export type DirectoryPull = ReturnType<typeof createDirectoryPull>;
