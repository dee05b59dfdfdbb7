import type Database from 'better-sqlite3';
import type { CaseDetail, CurrentUser } from '../../../shared/api/types';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import type { AuditLog } from '../audit/auditLog';
import type { Catalog } from '../catalog/loadCatalog';
import { createCaseActions } from '../cases/caseActions';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import type { Clock } from '../clock';
import type { EventBus } from '../eventBus';
import { DEFAULT_TUNING, type SyncTuning } from './backoff';
import { createCaseSyncState } from './caseSyncState';
import { createConflictResolution } from './conflictResolution';
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

/** Builds the sync engine (pull, outbox push, documents, conflicts) and its API handlers. */
export function createSyncEngine(deps: {
  db: Database.Database;
  dataDir: string;
  portal: PortalConfig;
  catalog: Catalog;
  calendar: WorkingCalendar;
  applications: ApplicationsRepository;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  tuning?: Partial<SyncTuning> | undefined;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, clock, events, applications, audit, log } = deps;
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
  const caseActions = createCaseActions({ db, outbox, audit, clock });
  const resolveConflict = createConflictResolution({
    db,
    conflicts,
    outbox,
    applications,
    audit,
    clock,
  });

  return {
    sync,
    outbox,
    caseSyncState: createCaseSyncState(db, outbox, conflicts),
    handlers: (getCase: (id: string, user: CurrentUser) => CaseDetail | Promise<CaseDetail>) =>
      createSyncHandlers({
        sync,
        quarantine,
        caseActions,
        resolveConflict: (id, keep, user) => {
          resolveConflict(id, keep, user);
          events.emit('cases.changed', { ids: [id] });
        },
        getCase,
      }),
  };
}
