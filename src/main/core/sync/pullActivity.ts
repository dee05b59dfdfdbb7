import type Database from 'better-sqlite3';
import { z } from 'zod';
import { activityItem, type ActivityItem, type SharedWork } from '../cases/sharedWork';
import type { Clock } from '../clock';
import type { EventBus } from '../eventBus';
import { PortalResponseError, type PortalClient } from './portalClient';
import type { Quarantine } from './quarantine';
import type { SyncStateStore } from './syncStateStore';

/**
 * Pulls the office activity feed (design multi-desk §3.9, §6.2 step 6) after the cases: other
 * desks' notes, assignments and history lines. Each page and its cursor commit together; an item
 * that does not validate or cannot be placed is quarantined with its reason and the page goes on.
 */

const PAGE_SIZE = 500;
const MAX_PAGES = 200;
const page = z.object({
  items: z.array(z.unknown()).max(2_000),
  nextCursor: z.string().regex(/^a:\d{1,15}$/),
  hasMore: z.boolean(),
});

export function createActivityPull(deps: {
  db: Database.Database;
  portal: PortalClient;
  shared: SharedWork;
  syncState: SyncStateStore;
  quarantine: Quarantine;
  events: EventBus;
  clock: Clock;
  desk: () => { officeCode: string; deskId: string | null };
}) {
  const { db, portal, shared, syncState, quarantine, events, clock } = deps;
  return {
    async pull(): Promise<number> {
      let applied = 0;
      for (let turn = 0; turn < MAX_PAGES; turn++) {
        const { officeCode, deskId } = deps.desk();
        const cursor = syncState.get('activity_cursor');
        const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
        if (cursor) params.set('cursor', cursor);
        const parsed = page.safeParse(
          await portal.v2({
            method: 'GET',
            path: `offices/${encodeURIComponent(officeCode)}/activity?${params}`,
            as: 'desk',
          }),
        );
        if (!parsed.success) {
          throw new PortalResponseError(
            200,
            "Page du fil d'activité du bureau au format inattendu ; nouvel essai plus tard.",
            null,
            null,
            true,
          );
        }
        const at = clock.now().toISOString();
        const changed = new Set<string>();
        const notified = new Set<string>();
        db.transaction(() => {
          const valid: ActivityItem[] = [];
          for (const raw of parsed.data.items) {
            const item = activityItem.safeParse(raw);
            if (item.success) valid.push(item.data);
            else {
              quarantine.refuse(
                raw,
                null,
                `Élément du fil d'activité refusé (${item.error.issues[0]?.path.join('.') ?? '?'} : ${item.error.issues[0]?.message ?? 'invalide'}) : il n'a pas été importé.`,
                at,
              );
            }
          }
          const refused = shared.apply(valid, deskId);
          for (const { item, why } of refused) {
            quarantine.refuse(
              item,
              item.applicationId,
              `Activité d'un autre poste non reprise (${why}) : elle reste sur le portail. Signalez-le si cela se répète.`,
              at,
              `activity:${item.idempotencyKey}`,
            );
          }
          for (const item of valid) {
            if (item.deskId !== null && item.deskId === deskId) continue;
            changed.add(item.applicationId);
            const assignee = (item.payload['assignee'] as { id?: unknown } | null | undefined)?.id;
            if (item.kind === 'case.assigned' && typeof assignee === 'string')
              notified.add(assignee);
            const former = (item.payload['takenOverFrom'] as { id?: unknown } | null | undefined)
              ?.id;
            if (item.kind === 'case.claimed' && typeof former === 'string') notified.add(former);
            const duplicateOf = item.payload['duplicateOf'];
            if (item.kind === 'case.duplicate_marked' && typeof duplicateOf === 'string')
              changed.add(duplicateOf);
            applied++;
          }
          syncState.set('activity_cursor', parsed.data.nextCursor);
        })();
        if (changed.size > 0) events.emit('cases.changed', { ids: [...changed] });
        if (notified.size > 0) events.emit('notifications.changed', { userIds: [...notified] });
        if (!parsed.data.hasMore) break;
      }
      return applied;
    },
  };
}
