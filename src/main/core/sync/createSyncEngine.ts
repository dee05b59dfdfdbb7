import type Database from 'better-sqlite3';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import type { Catalog } from '../catalog/loadCatalog';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import type { Clock } from '../clock';
import type { EventBus } from '../eventBus';
import { DEFAULT_TUNING, type SyncTuning } from './backoff';
import { createCaseSyncState } from './caseSyncState';
import { createConflicts } from './conflicts';
import { createDocumentDownloader } from './documentDownloader';
import { createOutbox } from './outbox';
import { createPortalClient, type PortalConfig } from './portalClient';
import { createPuller } from './pullApplications';
import { createPusher } from './pushOutbox';
import { createQuarantine } from './quarantine';
import { createSyncHandlers } from './syncHandlers';
import { createSyncService } from './syncService';
import { createSyncStateStore } from './syncStateStore';

/**
 * Builds the sync engine (pull, outbox push, documents, conflicts) and its API handlers. A
 * person's decisions on conflicts are case changes: `cases/`, through the case writer.
 */
export function createSyncEngine(deps: {
  db: Database.Database;
  dataDir: string;
  portal: PortalConfig;
  catalog: Catalog;
  calendar: WorkingCalendar;
  applications: ApplicationsRepository;
  events: EventBus;
  clock: Clock;
  tuning?: Partial<SyncTuning> | undefined;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, clock, events, applications, log } = deps;
  const tuning: SyncTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const portal = createPortalClient(deps.portal);
  const syncState = createSyncStateStore(db);
  const outbox = createOutbox(db);
  const conflicts = createConflicts(db, outbox);
  const quarantine = createQuarantine(db);
  const puller = createPuller({
    db,
    portal,
    catalog: deps.catalog,
    calendar: deps.calendar,
    applications,
    syncState,
    conflicts,
    quarantine,
    clock,
    tuning,
  });
  const pusher = createPusher({ db, outbox, conflicts, portal, clock, tuning });
  const downloader = createDocumentDownloader({
    db,
    dataDir: deps.dataDir,
    portal,
    catalog: deps.catalog,
    clock,
    tuning,
  });
  const sync = createSyncService({
    db,
    puller,
    pusher,
    downloader,
    outbox,
    conflicts,
    portal,
    syncState,
    events,
    clock,
    tuning,
    log,
  });
  return {
    sync,
    outbox,
    conflicts,
    caseSyncState: createCaseSyncState(db, outbox, conflicts),
    handlers: createSyncHandlers({ sync, quarantine }),
  };
}
