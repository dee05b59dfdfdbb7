import { isoDateOf } from '../../shared/calendar/workingDays';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo, ProcedureSummary } from '../../shared/api/types';
import {
  createDispatcher,
  type CallContext,
  type ContextOptions,
  type Dispatch,
  type Handlers,
} from './api/dispatcher';
import { createAuditLog } from './audit/auditLog';
import { TRAINING_USERS } from './auth/trainingUsers';
import { createUsersRepository } from './auth/usersRepository';
import { loadCatalog, type Catalog } from './catalog/loadCatalog';
import { createApplicationsRepository } from './cases/applicationsRepository';
import { createCaseHandlers } from './cases/caseHandlers';
import { createCaseReadScope, withCaseReadScope } from './cases/caseReadScope';
import { createCaseRecordStore } from './cases/caseRecordStore';
import { createCaseReviewQueries } from './cases/caseReviewQueries';
import { createCaseActions } from './cases/caseActions';
import { createCaseWorkflowActions } from './cases/caseWorkflowActions';
import { createLeaseActions } from './cases/leaseActions';
import { createCaseWriter } from './cases/caseWriter';
import { createPortalTransitionHook } from './cases/portalTransitions';
import { createSessionManager } from './auth/sessionManager';
import { createAssignmentHandlers } from './assignment/assignmentHandlers';
import { createDashboardHandlers } from './dashboard/dashboardHandlers';
import { createAdminHandlers } from './admin/adminHandlers';
import { createBackupHandlers } from './backup/backupHandlers';
import { createBackupService, type DailySchedule } from './backup/backupService';
import { backupBeforeMigrating } from './backup/writeBackup';
import { createOfficeSettings } from './admin/officeSettings';
import { OFFICE_CODES } from '../../shared/domain/offices';
import { openHolidayCalendar } from './calendar/holidayCalendar';
import type { CoreServices } from './coreServices';
import { createCertificateHandlers } from './certificates/certificateHandlers';
import { loadCertificateTemplates } from './certificates/loadTemplates';
import { loadFonts } from './certificates/pdfFonts';
import { createLetterHandlers, createLetterRecovery } from './letters/letterHandlers';
import { createLetterIssuer, deskTag } from './letters/letterIssuer';
import { renderLetterPdf } from './letters/letterPdf';
import { createLetterStore } from './letters/letterStore';
import { loadLetterTemplates } from './letters/loadLetterTemplates';
import { createDocumentContent } from './documents/documentContent';
import { systemClock, type Scheduler } from './clock';
import { openDatabase } from './db/openDatabase';
import { setAsideTrainingCache } from './db/trainingCacheGuard';
import { createEventBus, type EventBus } from './eventBus';
import { createInboxHandlers } from './inbox/inboxHandlers';
import { createInboxQueries } from './inbox/inboxQueries';
import { createDuplicateMarks } from './linked/duplicateMarks';
import { createLinkedHandlers } from './linked/linkedHandlers';
import { createLinkedRecords } from './linked/linkedRecords';
import { createNumberBlocks } from './certificates/numberBlocks';
import { createRegistryMarks } from './certificates/registryMarks';
import { createSigningKeys } from './certificates/signingKeys';
import { createDeskEnrollment } from './office/deskEnrollment';
import { createDeskFile } from './office/deskFile';
import { createAccountPublisher } from './office/accountPublisher';
import { createDeskRegistry } from './office/deskRegistry';
import { createDeskStatusReport } from './office/deskStatusReport';
import { createOfficeHandlers } from './office/officeHandlers';
import type { SyncTuning } from './sync/backoff';
import { createConflictResolution } from './sync/conflictResolution';
import { createSyncEngine } from './sync/createSyncEngine';
import { createSyncWorkHandlers } from './sync/syncWorkHandlers';
import { createSyncWorklist } from './sync/syncWorklist';
import type { PortalConfig } from './sync/portalClient';
import type { SyncService } from './sync/syncService';
import { createSavedViews } from './views/savedViews';
import { createViewHandlers } from './views/viewHandlers';
import { loadShippedTextModules } from './textModules/shippedTextModules';
import { createTextModuleHandlers } from './textModules/textModuleHandlers';
import { createTextModulePortal } from './textModules/textModulePortal';
import { createTextModules } from './textModules/textModuleStore';

export interface CoreOptions {
  /** Where the SQLite cache and downloaded documents live. */
  dataDir: string;
  /** The app's `resources/` folder: procedure catalog, holiday calendar. */
  resourcesDir: string;
  portal: PortalConfig;
  /**
   * The time and every delay of the core (sync, probes, retries, backoffs, downloads, backups):
   * a test's fake clock (tests/support/fakeClock.ts) drives them all. A clock that only tells
   * time goes through `schedulerOf`, which says in the caller that its timers are real.
   */
  clock?: Scheduler;
  trainingMode?: boolean;
  host?: AppInfo['host'];
  version?: string;
  log?: (message: string, error?: unknown) => void;
  /** Retry and batching settings of the sync engine (tests shrink the delays). */
  syncTuning?: Partial<SyncTuning>;
  /** A claim nobody works on lapses after this long (default 4 hours). */
  claimTimeoutMinutes?: number;
  /** Daily backups while running (the hosts turn them on; tests call `backups.create`). */
  dailyBackups?: DailySchedule;
  /** The host's in-process restart, offered after an administrator schedules a restore. */
  restart?: () => void;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly sync: SyncService;
  readonly catalog: Catalog;
  readonly db: Database.Database;
  /** The caller of a transport session (a window, a browser cookie): signed in, locked or not. */
  contextFor(sessionKey: string, options?: ContextOptions): CallContext;
  /** In-process callers (tests, scripts) act as a user without signing in; default: first clerk. */
  contextOf(userId?: string): CallContext;
  close(): Promise<void>;
}

function summarize(catalog: Catalog): ProcedureSummary[] {
  return catalog.procedures.map((procedure) => ({
    code: procedure.code,
    title: procedure.title,
    shortTitle: procedure.shortTitle,
    slaWorkingDays: procedure.slaWorkingDays,
    signOffRequired: procedure.signOffRequired,
  }));
}

/** Builds the whole application on a data directory. Runs under plain Node; never imports Electron. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const catalog = loadCatalog(join(options.resourcesDir, 'procedures'));
  const certificateTemplates = loadCertificateTemplates(
    join(options.resourcesDir, 'certificates'),
    catalog,
  );
  const shippedTextModules = loadShippedTextModules(
    join(options.resourcesDir, 'text-modules'),
    (code) => catalog.get(code) !== undefined,
  );
  const letterTemplates = loadLetterTemplates(join(options.resourcesDir, 'letters'), catalog);
  mkdirSync(options.dataDir, { recursive: true });
  const trainingSetAside = options.trainingMode
    ? null
    : setAsideTrainingCache(options.dataDir, clock.now());
  const db = openDatabase(join(options.dataDir, 'bureau.sqlite'), {
    beforeMigrating: backupBeforeMigrating({
      dataDir: options.dataDir,
      appVersion: options.version ?? '0.0.0',
      now: () => clock.now(),
    }),
  });
  // Holidays live in the database (administrators edit them); the resource file seeds a new one.
  const holidays = openHolidayCalendar(db, options.resourcesDir);
  const { calendar } = holidays;

  const events = createEventBus();
  const users = createUsersRepository(db);
  const audit = createAuditLog(db);
  const installation = db.prepare('SELECT training FROM installation WHERE id = 1').get() as
    { training: number } | undefined;
  if (installation?.training === 0 && options.trainingMode) {
    db.close();
    throw new Error(
      `Le dossier ${options.dataDir} contient le cache d'un bureau réel, mais aucun portail n'est configuré : Bureau refuse d'y démarrer le mode formation (ses comptes de démonstration y seraient créés). Rétablissez settings.json ou BUREAU_PORTAL_URL, ou lancez la formation avec un autre dossier de données (--data-dir).`,
    );
  }
  db.prepare('INSERT OR IGNORE INTO installation (id, training, created_at) VALUES (1, ?, ?)').run(
    options.trainingMode ? 1 : 0,
    clock.now().toISOString(),
  );
  if (trainingSetAside) {
    log(`Cache de formation mis de côté dans ${trainingSetAside} : un portail est configuré.`);
    audit.append({
      at: clock.now().toISOString(),
      actorId: null,
      officeCode: null,
      action: 'installation.training_set_aside',
      entityType: 'installation',
      entityId: null,
      summary: { folder: trainingSetAside },
    });
  }
  const office = createOfficeSettings({ db, audit, clock });
  const applications = createApplicationsRepository(db, {
    onPortalTransition: createPortalTransitionHook(
      db,
      calendar,
      (code) => catalog.get(code)?.slaWorkingDays ?? 0,
    ),
  });
  // Rows name the portal's holder by the portal's clock on an enrolled desk (design §8).
  const inbox = createInboxQueries(db, calendar, () =>
    deskRegistry.identity().mode === 'office'
      ? new Date(clock.now().getTime() + engine.version.clockOffsetMs())
      : null,
  );
  const deskRegistry = createDeskRegistry(db);
  const deskFile = createDeskFile(options.dataDir);
  const keys = createSigningKeys(db, options.dataDir);
  const registryMarks = createRegistryMarks(db);
  const numberBlocks = createNumberBlocks(db);
  // An enrolled desk writes the office's phrases on the portal first (textModulePortal.ts).
  const textModules = createTextModules({
    db,
    audit,
    clock,
    shipped: shippedTextModules,
    knownProcedure: (code) => catalog.get(code) !== undefined,
    publisher: createTextModulePortal({
      portal: () => engine.portal,
      active: () =>
        deskRegistry.identity().mode === 'office' && engine.version.supports('textModules'),
      officeCode: () => deskRegistry.identity().officeCode,
      requestSync: () => void engine.sync.syncNow(),
    }),
  });
  const engine = createSyncEngine({
    db,
    dataDir: options.dataDir,
    portal: options.portal,
    catalog,
    calendar,
    applications,
    deskRegistry,
    deskFile,
    keys,
    registryMarks,
    numberBlocks,
    events,
    clock,
    tuning: options.syncTuning,
    afterSuccess: () => reportDeskStatus(),
    textModules: () => textModules,
    log,
  });
  const { sync } = engine;
  const enrollment = createDeskEnrollment({
    db,
    portal: engine.portal,
    version: engine.version,
    registry: deskRegistry,
    deskFile,
    keys,
    audit,
    clock,
    trainingMode: options.trainingMode ?? false,
    replica: engine.directory,
    blocks: numberBlocks,
    requestSync: () => void sync.syncNow(),
  });
  const accounts = createAccountPublisher({
    registry: deskRegistry,
    portal: engine.portal,
    replica: engine.directory,
    outbox: engine.officeOutbox,
    clock,
    requestSync: () => void sync.syncNow(),
  });
  const reportDeskStatus = createDeskStatusReport({
    portal: engine.portal,
    registry: deskRegistry,
    enrollment,
    clock,
    appVersion: options.version ?? '0.0.0',
    counts: () => {
      const cases = engine.outbox.counts();
      const office = engine.officeOutbox.counts();
      return { pending: cases.pending + office.pending, failed: cases.failed + office.failed };
    },
    directorySequence: () => engine.directoryPull.sequence(),
    log,
  });

  if (options.trainingMode) {
    db.transaction(() => {
      const now = clock.now().toISOString();
      for (const user of TRAINING_USERS) {
        if (users.insertIfMissing(user, now)) {
          audit.append({
            at: now,
            actorId: null,
            officeCode: user.officeCode,
            action: 'user.created',
            entityType: 'user',
            entityId: user.id,
            summary: { username: user.username, role: user.role, training: true },
          });
        }
      }
    })();
  }

  const info: AppInfo = {
    version: options.version ?? '0.0.0',
    host: options.host ?? 'web',
    trainingMode: options.trainingMode ?? false,
    portalUrl: options.portal.url,
    dataDir: options.dataDir,
  };

  const claimTimeoutMinutes = options.claimTimeoutMinutes ?? 240;
  const records = createCaseRecordStore(db, engine.activeLeaseOf, engine.offlineInOffice);
  /** After a person's committed change to a case: tell the renderers and wake the outbox. */
  const caseChanged = (id: string): void => {
    events.emit('cases.changed', { ids: [id] });
    sync.actionQueued();
  };
  const writer = createCaseWriter({
    db,
    records,
    catalog,
    outbox: engine.outbox,
    audit,
    clock,
    claimTimeoutMinutes,
  });
  const letterStore = createLetterStore(db, options.dataDir);
  const letterFonts = loadFonts(options.resourcesDir);
  const renderLetter = (document: Parameters<typeof renderLetterPdf>[0]) =>
    renderLetterPdf(document, letterFonts);
  const letterIssuer = createLetterIssuer({
    db,
    templates: letterTemplates,
    store: letterStore,
    keys,
    calendar,
    clock,
    render: renderLetter,
    // The desk's numbering code where certificates print one; an enrolled desk's own tag.
    seriesOf: (officeCode) => {
      const deskId = deskRegistry.identity().deskId;
      if (deskId) return `${officeCode}${deskTag(deskId)}`;
      const settings = office.get();
      return settings.code === officeCode ? settings.numberingCode : officeCode;
    },
    training: options.trainingMode ?? false,
    log,
  });
  const letterRecovery = createLetterRecovery({
    db,
    store: letterStore,
    audit,
    clock,
    render: renderLetter,
    log,
  });
  letterRecovery.run();
  const workflowActions = createCaseWorkflowActions({
    db,
    writer,
    clock,
    displayNameOf: (id) => users.get(id)?.displayName ?? null,
    letters: letterIssuer,
  });
  const caseHandlers = createCaseHandlers({
    db,
    inbox,
    catalog,
    clock,
    records,
    review: createCaseReviewQueries(db, records, claimTimeoutMinutes),
    actions: workflowActions,
    leases: createLeaseActions({
      writer,
      actions: workflowActions,
      portalFirst: engine.portalFirst,
      now: () => clock.now(),
      // `users.get` answers active accounts only.
      accountOf: (id) => {
        const user = users.get(id);
        return user ? { ...user, active: true } : null;
      },
      referenceOf: (id) => inbox.row(id, isoDateOf(clock.now()))?.reference ?? null,
    }),
    notes: createCaseActions({ db, writer }),
    resolveConflict: createConflictResolution({
      writer,
      conflicts: engine.conflicts,
      outbox: engine.outbox,
      applications,
      cancelCertificates: engine.cancelUnsentCertificates,
    }),
    syncStateOf: engine.caseSyncState,
    changed: caseChanged,
    syncNow: () => void sync.syncNow(),
  });
  const session = createSessionManager({
    db,
    users,
    audit,
    clock,
    trainingMode: options.trainingMode ?? false,
    lockAfterMinutes: office.lockAfterMinutes,
    onFirstAdministrator: (officeCode) => office.adoptOffice(officeCode),
    accounts,
  });
  const services: CoreServices = {
    db,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    clock,
    calendar,
    catalog,
    users,
    audit,
    events,
    outbox: engine.outbox,
    inbox,
    records,
    claimTimeoutMinutes,
    log,
    writer,
    caseChanged,
    accounts,
    keys,
    registryMarks,
    numberBlocks,
    deskId: () => deskRegistry.identity().deskId,
  };
  const documentContent = createDocumentContent(db, options.dataDir);
  const duplicates = createDuplicateMarks({ db, writer });
  const backups = createBackupService({
    db,
    dataDir: options.dataDir,
    clock,
    appVersion: info.version,
    isSyncBusy: () => sync.status().phase === 'syncing',
    log,
  });
  if (options.dailyBackups) backups.startDaily(options.dailyBackups);
  const handlers: Handlers = {
    'app.info': () => info,
    ...session.handlers,
    'catalog.procedures': () => summarize(catalog),
    ...createInboxHandlers(inbox, clock),
    ...caseHandlers,
    ...createLinkedHandlers({
      linked: createLinkedRecords({ db, catalog, clock, duplicates }),
      duplicates,
      changed: caseChanged,
      caseOf: (id, context) => caseHandlers['cases.get']({ id }, context),
    }),
    'documents.content': ({ id }) => documentContent(id),
    ...createLetterHandlers({
      db,
      catalog,
      store: letterStore,
      issuer: letterIssuer,
      recovery: letterRecovery,
      audit,
      clock,
    }),
    ...createViewHandlers(createSavedViews(db), clock),
    ...engine.handlers,
    ...createSyncWorkHandlers(createSyncWorklist(db)),
    ...createAssignmentHandlers(services),
    ...createDashboardHandlers(services),
    ...createAdminHandlers(services, { holidays, office }),
    ...createTextModuleHandlers(textModules),
    ...createOfficeHandlers({
      registry: deskRegistry,
      version: engine.version,
      enrollment,
    }),
    ...createBackupHandlers({
      service: backups,
      dataDir: options.dataDir,
      audit,
      clock,
      restart: options.restart,
    }),
    ...createCertificateHandlers(services, {
      templates: certificateTemplates,
      numberingCodeOf: (officeCode) => {
        const settings = office.get();
        return settings.code === officeCode ? settings.numberingCode : officeCode;
      },
      // A code that is no office's is one of this desktop's numbering codes (past or present):
      // all of them draw on this office's sequence.
      officeOfNumberingCode: (code) =>
        (OFFICE_CODES as readonly string[]).includes(code) ? code : office.get().code,
      // Training certificates are marked SPÉCIMEN — FORMATION, in their QR code and on the page.
      training: options.trainingMode ?? false,
    }),
  };

  return {
    dispatch: createDispatcher(withCaseReadScope(handlers, createCaseReadScope(db)), log),
    events,
    sync,
    catalog,
    db,
    contextFor: (sessionKey, contextOptions) => session.contextFor(sessionKey, contextOptions),
    contextOf: (userId) => session.contextOf(userId),
    async close() {
      await sync.stop();
      await backups.stop();
      db.close();
    },
  };
}
