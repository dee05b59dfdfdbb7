import type Database from 'better-sqlite3';
import type { ApplicationsRepository } from '../src/main/core/cases/applicationsRepository';
import type { Catalog } from '../src/main/core/catalog/loadCatalog';
import { DEFAULT_TUNING, type SyncTuning } from '../src/main/core/sync/backoff';
import { createConflicts } from '../src/main/core/sync/conflicts';
import { createQuarantine } from '../src/main/core/sync/quarantine';
import { createOutbox } from '../src/main/core/sync/outbox';
import type { PortalClient } from '../src/main/core/sync/portalClient';
import { createPuller } from '../src/main/core/sync/pullApplications';
import { createSyncStateStore } from '../src/main/core/sync/syncStateStore';
import type { WorkingCalendar } from '../src/shared/calendar/workingDays';
import {
  portalApplicationsPage,
  type PortalApplication,
} from '../src/shared/portal/portalApplication';

/**
 * The real pull path without the network: the puller (validation, office and deadline, conflict
 * check, version-guarded batch upsert, time-sliced transactions, cursor) reads pages from an
 * in-memory feed. Pages are serialised before the clock starts (that is the portal's work) and
 * decoded inside it (JSON.parse and the page check are ours), as `portalClient` does.
 */
export function createPullPath(deps: {
  db: Database.Database;
  catalog: Catalog;
  calendar: WorkingCalendar;
  applications: ApplicationsRepository;
  now: Date;
  pageSize?: number;
  tuning?: Partial<SyncTuning>;
}) {
  const pageSize = deps.pageSize ?? DEFAULT_TUNING.pageSize;
  let queue: string[] = [];
  let sequence = 0;
  const portal: PortalClient = {
    fetchApplications() {
      const text = queue.shift();
      if (text === undefined) throw new Error('bench feed: no page left');
      return Promise.resolve(portalApplicationsPage.parse(JSON.parse(text)));
    },
    postEvent: () => Promise.reject(new Error('bench feed: read-only')),
    isReachable: () => Promise.resolve(true),
    openDocument: () => Promise.reject(new Error('bench feed: no documents')),
    detectApi: () => Promise.resolve({ version: 1 }),
    v2: () => Promise.reject(new Error('bench feed: v1 only')),
  };
  const outbox = createOutbox(deps.db);
  const puller = createPuller({
    db: deps.db,
    portal,
    catalog: deps.catalog,
    calendar: deps.calendar,
    applications: deps.applications,
    syncState: createSyncStateStore(deps.db),
    conflicts: createConflicts(deps.db, outbox),
    quarantine: createQuarantine(deps.db),
    clock: { now: () => deps.now },
    tuning: { ...DEFAULT_TUNING, ...deps.tuning },
  });
  return {
    /** Queues `records` as feed pages (untimed), then pulls them; returns the pull's milliseconds. */
    async pull(records: readonly PortalApplication[]): Promise<number> {
      queue = [];
      for (let start = 0; start < records.length; start += pageSize) {
        const items = records.slice(start, start + pageSize);
        sequence += items.length;
        queue.push(
          JSON.stringify({
            items,
            nextCursor: `c:${sequence}`,
            hasMore: start + pageSize < records.length,
            cursorSequence: sequence,
            remaining: Math.max(0, records.length - start - pageSize),
          }),
        );
      }
      const begin = performance.now();
      const progress = await puller.pull({ pageSize });
      const ms = performance.now() - begin;
      if (progress.inserted + progress.updated + progress.unchanged !== records.length) {
        throw new Error(`bench feed: ${JSON.stringify({ ...progress, changedIds: [] })}`);
      }
      return ms;
    },
  };
}
