import type Database from 'better-sqlite3';
import type { WorkingCalendar } from '../../../shared/calendar/workingDays';
import type { Catalog } from '../catalog/loadCatalog';
import type { ApplicationsRepository } from '../cases/applicationsRepository';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import type { EventBus } from '../eventBus';
import { DEFAULT_TUNING, type SyncTuning } from './backoff';
import { createCaseSyncState } from './caseSyncState';
import { createConflicts } from './conflicts';
import { createDocumentDownloader } from './documentDownloader';
import { createOutbox } from './outbox';
import { copiedDatabaseReason } from '../office/deskGuard';
import type { DeskFileStore } from '../office/deskFile';
import type { DeskRegistry } from '../office/deskRegistry';
import { createDirectoryReplica } from '../auth/directoryReplica';
import { createOfficeOutbox } from './officeOutbox';
import { createPortalClient, PortalUnreachableError, type PortalConfig } from './portalClient';
import { createDirectoryPull } from './pullDirectory';
import { createTextModulePull } from './pullTextModules';
import type { TextModules } from '../textModules/textModuleStore';
import { createRegistryPull } from './pullRegistry';
import type { RegistryMarks } from '../certificates/registryMarks';
import type { SigningKeys } from '../certificates/signingKeys';
import type { NumberBlocks } from '../certificates/numberBlocks';
import { createCertificateStore } from '../certificates/certificateStore';
import { createCertificateRegistryOutcomes } from '../certificates/certificateRegistryOutcomes';
import { createOfficeNumbering } from '../office/officeNumbering';
import { createPortalVersion } from './portalVersion';
import { createLeaseReplica } from '../cases/leaseReplica';
import { caseRefusalSentence } from './caseRefusals';
import { createDoorbell, type Doorbell } from './doorbell';
import { createActivityPull } from './pullActivity';
import { createSharedWork } from '../cases/sharedWork';
import { createNotificationInbox } from '../assignment/notificationInbox';
import { createPuller } from './pullApplications';
import { createPortalFirst } from './portalFirst';
import { createPusher } from './pushOutbox';
import { createQuarantine } from './quarantine';
import { createSyncHandlers } from './syncHandlers';
import { createSyncService } from './syncService';
import { createLastContact, createSyncStateStore } from './syncStateStore';

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
  deskRegistry: DeskRegistry;
  deskFile: DeskFileStore;
  keys: SigningKeys;
  registryMarks: RegistryMarks;
  numberBlocks: NumberBlocks;
  events: EventBus;
  clock: Clock;
  tuning?: Partial<SyncTuning> | undefined;
  /** After each successful sync (the enrolled desk's status report). */
  afterSuccess?: () => Promise<void>;
  /** The office's text modules, which an enrolled desk pulls with the directory. */
  textModules?: () => TextModules;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, clock, events, applications, log } = deps;
  const tuning: SyncTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const syncState = createSyncStateStore(db);
  const contact = createLastContact(syncState, clock, log);
  const portal = createPortalClient(deps.portal, {
    deskToken: () => deps.deskFile.read()?.deskToken ?? null,
    onAnswer: (status) => contact.answered(status),
    onTimeout: (error) => sync.portalHung(error),
  });
  const version = createPortalVersion({ portal, registry: deps.deskRegistry, clock });
  const officeCode = () => deps.deskRegistry.identity().officeCode;
  const directory = createDirectoryReplica(db);
  const officeOutbox = createOfficeOutbox({
    db,
    portal,
    replica: directory,
    clock,
    tuning,
    officeCode,
  });
  const outbox = createOutbox(db);
  const conflicts = createConflicts(db, outbox);
  const quarantine = createQuarantine(db);
  const directoryPull = createDirectoryPull({
    db,
    portal,
    replica: directory,
    syncState,
    quarantine,
    clock,
    officeCode,
  });
  const textModulePull = createTextModulePull({
    db,
    portal,
    textModules: () => deps.textModules?.() ?? null,
    knownProcedure: (code) => deps.catalog.get(code) !== undefined,
    syncState,
    quarantine,
    clock,
    officeCode,
  });
  const certificateStore = createCertificateStore(db, deps.dataDir);
  const numbering = createOfficeNumbering({
    portal,
    blocks: deps.numberBlocks,
    store: certificateStore,
    catalog: deps.catalog,
    clock,
  });
  const registryOutcomes = createCertificateRegistryOutcomes({ store: certificateStore, clock });
  const registryPull = createRegistryPull({
    db,
    portal,
    keys: deps.keys,
    marks: deps.registryMarks,
    syncState,
    quarantine,
    clock,
  });
  /** Design multi-desk §6.2: account changes out, then the directory and the registry in. */
  async function officeWork(): Promise<void> {
    if (deps.deskRegistry.identity().mode !== 'office') return;
    if (version.supports('directory')) {
      const pushed = await officeOutbox.push();
      if (pushed.unreachable) throw new PortalUnreachableError('envoi des comptes impossible');
      // A refused change keeps the portal's version: read the directory again to be sure of it.
      if (pushed.failed > 0) directoryPull.rewind();
      await directoryPull.pull();
    }
    if (version.supports('textModules')) await textModulePull.pull();
    if (version.supports('registry')) {
      await registryPull.pull();
      await numbering.importLegacy();
    }
    if (version.supports('numbering')) await numbering.refill();
  }
  const leases = createLeaseReplica(db);
  const enrolledWith = (feature: string) =>
    deps.deskRegistry.identity().mode === 'office' && version.supports(feature);
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
    feedRoute: () => (enrolledWith('leases') ? 'v2' : 'v1'),
    onWritten: (items) => leases.apply(items),
  });
  const activityPull = createActivityPull({
    db,
    portal,
    shared: createSharedWork(db, createNotificationInbox(db)),
    syncState,
    quarantine,
    events,
    clock,
    desk: () => {
      const desk = deps.deskRegistry.identity();
      return { officeCode: desk.officeCode, deskId: desk.deskId };
    },
  });
  const eventRoute = (): 'v1' | 'v2' =>
    deps.deskRegistry.identity().mode === 'office' && version.supports('registry') ? 'v2' : 'v1';
  const pusher = createPusher({
    db,
    outbox,
    conflicts,
    portal,
    clock,
    tuning,
    eventRoute,
    versionChecked: () => enrolledWith('expectedVersion'),
    // Only the v2 route goes through the portal's certificate registry.
    onDelivered: (action) => {
      if (eventRoute() === 'v2') registryOutcomes.onDelivered(action);
    },
    onRefused: (action, error) =>
      registryOutcomes.onRefused(action, error) ?? caseRefusalSentence(error),
    events,
  });
  const downloader = createDocumentDownloader({
    db,
    dataDir: deps.dataDir,
    portal,
    catalog: deps.catalog,
    clock,
    tuning,
    onSettled: documentsSettled(events),
  });
  const sync = createSyncService({
    db,
    puller,
    pusher,
    downloader,
    outbox,
    conflicts,
    portal,
    version,
    pauseReason: () => copiedDatabaseReason(deps.deskRegistry, deps.deskFile),
    officeWork,
    afterPull: async () => {
      if (enrolledWith('activity')) await activityPull.pull();
    },
    ...(deps.afterSuccess ? { afterSuccess: deps.afterSuccess } : {}),
    companion: {
      start: () => doorbell.start(),
      stop: () => doorbell.stop(),
    },
    syncState,
    contact,
    events,
    clock,
    tuning,
    log,
  });
  const doorbell: Doorbell = createDoorbell({
    portal,
    registry: deps.deskRegistry,
    version,
    clock,
    ring: () => sync.syncNow(),
    quiet: () => ['offline', 'paused'].includes(sync.status().phase),
    log,
  });
  const portalFirst = createPortalFirst({
    portal,
    outbox,
    leases,
    available: () =>
      enrolledWith('leases') &&
      enrolledWith('expectedVersion') &&
      !['offline', 'paused'].includes(sync.status().phase),
    recordDelivered: (action, response) => pusher.recordDelivered(action, response),
  });
  return {
    sync,
    doorbell,
    portalFirst,
    portal,
    version,
    /** An enrolled desk that cannot reach the portal now: offline work is provisional. */
    offlineInOffice: () =>
      deps.deskRegistry.identity().mode === 'office' &&
      ['offline', 'paused'].includes(sync.status().phase),
    /** Who the portal says holds a case, by the portal's clock (enrolled desks). */
    activeLeaseOf(applicationId: string, now: Date) {
      if (deps.deskRegistry.identity().mode !== 'office') return null;
      const portalNow = new Date(now.getTime() + version.clockOffsetMs());
      const lease = leases.activeLease(applicationId, portalNow);
      return lease ? { ...lease, portalNow } : null;
    },
    directory,
    officeOutbox,
    directoryPull,
    cancelUnsentCertificates: registryOutcomes.cancelUnsent,
    outbox,
    conflicts,
    caseSyncState: createCaseSyncState(db, outbox, conflicts),
    handlers: createSyncHandlers({ sync, quarantine }),
  };
}

/**
 * The cases whose attachments settled, told to the windows once a second at most: documents
 * download by hundreds a second after a large pull, and each window reads again only the case it
 * shows (`documents.changed`), so its documents panel follows without the case being reopened.
 */
function documentsSettled(events: EventBus): (applicationId: string) => void {
  const pending = new Set<string>();
  let timer: TimerHandle | undefined;
  return (applicationId) => {
    pending.add(applicationId);
    // The windows' pace, not the desk's time: a real timer, which a test's fake clock never holds.
    timer ??= systemClock.setTimeout(
      () => {
        timer = undefined;
        const caseIds = [...pending];
        pending.clear();
        events.emit('documents.changed', { caseIds });
      },
      1_000,
      { unref: true },
    );
  };
}
