import { z } from 'zod';
import { CASE_STATUSES } from '../domain/caseStatus';
import { method } from './method';
import {
  QUEUE_IDS,
  SORT_KEYS,
  type InboxFilterOptions,
  type SavedView,
  type AppInfo,
  type CaseDetail,
  type InboxPage,
  type ProcedureSummary,
  type QueueCounts,
  type SyncStatus,
} from './types';
import type { NoteAdded, QuarantinePage } from './syncTypes';
import type { DocumentContent } from './caseTypes';
import type { SessionState, TrainingAccount } from './sessionTypes';
import type {
  AssignmentOutcome,
  BalancePlan,
  NotificationList,
  StaffLoad,
} from './assignmentTypes';
import { DASHBOARD_TABLES, type DashboardData, type ExportedFile } from './dashboardTypes';
import type {
  AuditPage,
  AuditVerification,
  Holiday,
  HolidaysSaved,
  OfficeSettings,
  UserAccount,
} from './adminTypes';
import { ROLES } from '../domain/roles';
import {
  BACKUP_ID_PATTERN,
  type BackupsOverview,
  type BackupSummary,
  type RecoveryOutcome,
  type RecoveryStatus,
  type RestoreScheduled,
} from './backupTypes';
import type {
  CertificateFile,
  CertificatePage,
  CertificateSummary,
  SigningKeyInfo,
  VerificationResult,
} from './certificateTypes';

const noInput = z.strictObject({});
const isoDay = z.iso.date();
const shortList = <T extends z.ZodType>(item: T) => z.array(item).max(50).optional();

export const inboxFiltersSchema = z.strictObject({
  procedureCodes: shortList(z.string().max(20)),
  statuses: shortList(z.enum(CASE_STATUSES)),
  officeCodes: shortList(z.string().max(10)),
  regions: shortList(z.string().max(60)),
  assigneeIds: shortList(z.string().max(64)),
  submittedFrom: isoDay.optional(),
  submittedTo: isoDay.optional(),
  deadlineStates: shortList(z.enum(['on_time', 'due_soon', 'overdue'])),
});
export const inboxSortSchema = z.strictObject({
  key: z.enum(SORT_KEYS),
  direction: z.enum(['asc', 'desc']),
});
/** The list's definition: queue, filters, sort and search — also what a saved view stores. */
export const inboxQuerySchema = z.strictObject({
  queue: z.enum(QUEUE_IDS),
  filters: inboxFiltersSchema.default({}),
  /** Absent: by relevance when searching, else by deadline (earliest first). */
  sort: inboxSortSchema.optional(),
  search: z.string().trim().max(200).default(''),
});
const staff = ['agent', 'superviseur', 'administrateur'] as const;
/** Who works cases; administrators configure Bureau but do not decide cases. */
const caseWorkers = ['agent', 'superviseur'] as const;
const caseId = z.string().min(1).max(64);
const byCase = z.strictObject({ id: caseId });
const comment = z.string().trim().max(2000);
const codeList = z.array(z.string().min(1).max(64)).max(50);
const supervisors = ['superviseur'] as const;
const administrators = ['administrateur'] as const;
const userId = z.string().min(1).max(64);
const caseIdList = z.array(caseId).min(1).max(5000);
const password = z.string().min(1).max(200);
/** New passwords: long enough to resist guessing on a stolen laptop's offline verifier. */
export const newPasswordSchema = z
  .string()
  .min(10, 'Le mot de passe doit compter au moins 10 caractères.')
  .max(200, 'Le mot de passe ne peut dépasser 200 caractères.');
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,64}$/,
    "L'identifiant : 3 à 64 lettres sans accent, chiffres, « . », « _ » ou « - ».",
  );
const displayName = z.string().trim().min(2).max(120);
const officeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,10}$/, 'Code de bureau : 2 à 10 lettres.');
const procedureCodes = z.array(z.string().min(1).max(20)).max(100).nullable();
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Heure au format HH:MM.');
export const dashboardQuerySchema = z.strictObject({
  from: isoDay,
  to: isoDay,
  procedureCodes: shortList(z.string().max(20)),
});

/**
 * The one API contract. Both transports (Electron IPC and loopback HTTP) are generated from this
 * object, so a method cannot exist on one and not the other. Names are `domain.action`.
 */
export const apiContract = {
  'app.info': method<AppInfo>()({ input: noInput, access: 'public' }),
  'session.current': method<SessionState>()({ input: noInput, access: 'public' }),
  /** Checked against the local scrypt verifier: works with the portal out of reach. */
  'session.signIn': method<SessionState>()({
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password }),
    access: 'public',
  }),
  'session.signOut': method<SessionState>()({ input: noInput, access: 'public' }),
  'session.lock': method<SessionState>()({ input: noInput, access: 'public' }),
  'session.unlock': method<SessionState>()({
    input: z.strictObject({ password }),
    access: 'public',
  }),
  'session.changePassword': method<SessionState>()({
    input: z.strictObject({ currentPassword: password, newPassword: newPasswordSchema }),
    access: staff,
  }),
  /** Training mode only (empty otherwise): the seeded accounts and their passwords. */
  'session.trainingAccounts': method<TrainingAccount[]>()({ input: noInput, access: 'public' }),
  /** A new installation with no account at all: creates its first administrator and signs in. */
  'session.createFirstAdministrator': method<SessionState>()({
    input: z.strictObject({
      username,
      displayName,
      officeCode,
      password: newPasswordSchema,
    }),
    access: 'public',
  }),
  'catalog.procedures': method<ProcedureSummary[]>()({ input: noInput, access: staff }),
  'inbox.counts': method<QueueCounts>()({ input: noInput, access: staff }),
  'inbox.list': method<InboxPage>()({
    input: inboxQuerySchema.extend({
      /** Deprecated: use filters.procedureCodes. */
      procedureCode: z.string().max(20).optional(),
      cursor: z.string().max(400).nullable().default(null),
      limit: z.int().min(1).max(500).default(100),
    }),
    access: staff,
  }),
  /** How many cases the list defined by the query holds (for « 1 234 dossiers »). */
  'inbox.total': method<number>()({ input: inboxQuerySchema, access: staff }),
  'inbox.filterOptions': method<InboxFilterOptions>()({ input: noInput, access: staff }),
  'views.list': method<SavedView[]>()({ input: noInput, access: staff }),
  'views.save': method<SavedView>()({
    input: z.strictObject({ name: z.string().trim().min(1).max(80), query: inboxQuerySchema }),
    access: staff,
  }),
  'views.delete': method<void>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  'cases.get': method<CaseDetail>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  'sync.status': method<SyncStatus>()({ input: noInput, access: staff }),
  'sync.now': method<SyncStatus>()({ input: noInput, access: staff }),
  // — Sync engine (issue 3): quarantine, local actions through the outbox, conflicts —
  'sync.quarantine': method<QuarantinePage>()({
    input: z.strictObject({
      cursor: z.int().positive().nullable().default(null),
      limit: z.int().min(1).max(200).default(50),
    }),
    access: staff,
  }),
  'notes.add': method<NoteAdded>()({
    input: z.strictObject({
      applicationId: z.string().min(1).max(64),
      body: z.string().trim().min(1).max(10_000),
    }),
    access: caseWorkers,
  }),
  /** Choosing which version wins may cancel queued actions: work for the office's staff. */
  'cases.resolveConflict': method<CaseDetail>()({
    input: z.strictObject({
      id: z.string().min(1).max(64),
      keep: z.enum(['portal', 'local']),
    }),
    access: caseWorkers,
  }),
  // — Case review and decisions (issue 5): every one returns the updated case —
  'cases.claim': method<CaseDetail>()({ input: byCase, access: caseWorkers }),
  'cases.release': method<CaseDetail>()({ input: byCase, access: caseWorkers }),
  'cases.takeOver': method<CaseDetail>()({ input: byCase, access: ['superviseur'] }),
  'cases.tickChecklist': method<CaseDetail>()({
    input: z.strictObject({ id: caseId, itemId: z.string().min(1).max(64), checked: z.boolean() }),
    access: caseWorkers,
  }),
  'cases.requestInfo': method<CaseDetail>()({
    input: z
      .strictObject({
        id: caseId,
        missingDocuments: codeList.default([]),
        fieldsToCorrect: codeList.default([]),
        message: comment.min(1, 'Écrivez le message destiné au demandeur.'),
      })
      .refine((value) => value.missingDocuments.length + value.fieldsToCorrect.length > 0, {
        message: 'Indiquez au moins une pièce ou un champ à compléter.',
        path: ['missingDocuments'],
      }),
    access: caseWorkers,
  }),
  'cases.approve': method<CaseDetail>()({
    input: z.strictObject({ id: caseId, comment: comment.optional() }),
    access: caseWorkers,
  }),
  'cases.reject': method<CaseDetail>()({
    input: z.strictObject({
      id: caseId,
      reasonCodes: codeList.min(1, 'Choisissez au moins un motif de rejet.'),
      comment: comment.min(1, 'Le commentaire est obligatoire pour un rejet.'),
    }),
    access: caseWorkers,
  }),
  'cases.signOff': method<CaseDetail>()({
    input: z
      .strictObject({
        id: caseId,
        decision: z.enum(['approve', 'return']),
        comment: comment.optional(),
      })
      .refine((value) => value.decision === 'approve' || (value.comment ?? '').length > 0, {
        message: 'Expliquez à l’agent pourquoi le dossier revient en instruction.',
        path: ['comment'],
      }),
    access: ['superviseur'],
  }),
  /**
   * « J'ai vérifié ces modifications »: the portal changed reviewed data after the decision; the
   * case's holder or a supervisor of its office has checked it, so sign-off and issuing may go on.
   */
  'cases.confirmPortalChanges': method<CaseDetail>()({ input: byCase, access: caseWorkers }),
  'documents.content': method<DocumentContent>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  // — Certificates (issue 6) —
  /** Approved → issued: numbers, signs, renders and stores the PDF, queues it for the portal. */
  'certificates.issue': method<CertificateSummary>()({
    input: z.strictObject({ caseId }),
    access: caseWorkers,
  }),
  'certificates.forCase': method<CertificateSummary[]>()({
    input: z.strictObject({ caseId }),
    access: staff,
  }),
  'certificates.list': method<CertificatePage>()({
    input: z.strictObject({
      search: z.string().trim().max(200).default(''),
      cursor: z.string().max(200).nullable().default(null),
      limit: z.int().min(1).max(200).default(50),
    }),
    access: staff,
  }),
  /** The stored original, checked against its SHA-256 before it is returned. */
  'certificates.file': method<CertificateFile>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  /** A duplicate for reprinting: same number, marked DUPLICATA with today's date; recorded. */
  'certificates.reprint': method<CertificateFile>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: caseWorkers,
  }),
  'certificates.revoke': method<CertificateSummary>()({
    input: z.strictObject({
      id: z.string().min(1).max(64),
      reason: z.string().trim().min(1, 'Indiquez le motif de la révocation.').max(2000),
    }),
    access: ['superviseur'],
  }),
  /** Checks a QR payload (as text) or a certificate PDF (its QR is read from the file). */
  'certificates.verify': method<VerificationResult>()({
    input: z
      .strictObject({
        qrText: z.string().trim().max(4000).optional(),
        pdfBase64: z
          .string()
          .max(20 * 1024 * 1024)
          .optional(),
      })
      .refine((value) => (value.qrText ? 1 : 0) + (value.pdfBase64 ? 1 : 0) === 1, {
        message: 'Collez le texte du QR code ou choisissez un fichier PDF.',
      }),
    access: staff,
  }),
  'certificates.publicKeys': method<SigningKeyInfo[]>()({ input: noInput, access: staff }),
  // — Assignment (issue 7): supervisors give cases to the clerks of their office —
  'assignment.staff': method<StaffLoad[]>()({ input: noInput, access: supervisors }),
  'assignment.assign': method<AssignmentOutcome>()({
    input: z.strictObject({ caseIds: caseIdList, assigneeId: userId }),
    access: supervisors,
  }),
  /** Nothing is written: the supervisor reviews the plan, then applies it. */
  'assignment.previewBalance': method<BalancePlan>()({
    input: z.strictObject({
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('unassigned') }),
        z.strictObject({ kind: z.literal('selection'), caseIds: caseIdList }),
        z.strictObject({ kind: z.literal('assignee'), userId }),
      ]),
      clerkIds: z.array(userId).min(1).max(50),
    }),
    access: supervisors,
  }),
  'assignment.applyBalance': method<AssignmentOutcome>()({
    input: z.strictObject({
      items: z
        .array(z.strictObject({ caseId, assigneeId: userId }))
        .min(1)
        .max(5000),
    }),
    access: supervisors,
  }),
  'notifications.list': method<NotificationList>()({ input: noInput, access: staff }),
  /** Marks the listed notifications read, or all of the user's when `ids` is absent. */
  'notifications.markRead': method<void>()({
    input: z.strictObject({ ids: z.array(z.int().positive()).max(500).optional() }),
    access: staff,
  }),
  // — Supervisor dashboard (issue 7) —
  'dashboard.summary': method<DashboardData>()({
    input: dashboardQuerySchema,
    access: supervisors,
  }),
  'dashboard.export': method<ExportedFile>()({
    input: z.strictObject({
      query: dashboardQuerySchema,
      table: z.enum(DASHBOARD_TABLES),
      format: z.enum(['csv', 'xlsx']),
    }),
    access: supervisors,
  }),
  // — Administration and audit trail (issue 7) —
  'admin.users.list': method<UserAccount[]>()({ input: noInput, access: administrators }),
  'admin.users.create': method<UserAccount>()({
    input: z.strictObject({
      username,
      displayName,
      role: z.enum(ROLES),
      officeCode,
      procedureCodes,
      /** Temporary: the user must choose a new one at first sign-in. */
      temporaryPassword: newPasswordSchema,
    }),
    access: administrators,
  }),
  'admin.users.update': method<UserAccount>()({
    input: z.strictObject({
      id: userId,
      displayName: displayName.optional(),
      role: z.enum(ROLES).optional(),
      officeCode: officeCode.optional(),
      procedureCodes: procedureCodes.optional(),
      active: z.boolean().optional(),
    }),
    access: administrators,
  }),
  /** Sets a temporary password, lifts a lock-out and forces a change at next sign-in. */
  'admin.users.resetPassword': method<UserAccount>()({
    input: z.strictObject({ id: userId, temporaryPassword: newPasswordSchema }),
    access: administrators,
  }),
  'admin.office.get': method<OfficeSettings>()({ input: noInput, access: staff }),
  'admin.office.update': method<OfficeSettings>()({
    input: z.strictObject({
      name: z.string().trim().min(2).max(120),
      region: z.string().trim().min(2).max(60),
      numberingCode: officeCode,
      opensAt: clock,
      closesAt: clock,
      lockAfterMinutes: z.int().min(1).max(240),
    }),
    access: administrators,
  }),
  'admin.holidays.list': method<Holiday[]>()({
    input: z.strictObject({ year: z.int().min(2000).max(2100) }),
    access: staff,
  }),
  /** Replaces the year's holidays; working-day deadlines use the new calendar at once. */
  'admin.holidays.save': method<HolidaysSaved>()({
    input: z.strictObject({
      year: z.int().min(2000).max(2100),
      holidays: z
        .array(
          z.strictObject({
            date: isoDay,
            label: z.string().trim().min(2).max(120),
            provisional: z.boolean(),
          }),
        )
        .max(60),
    }),
    access: administrators,
  }),
  'audit.list': method<AuditPage>()({
    input: z.strictObject({
      actorId: userId.optional(),
      actionPrefix: z.string().trim().max(60).optional(),
      entityId: z.string().trim().max(64).optional(),
      from: isoDay.optional(),
      to: isoDay.optional(),
      beforeSeq: z.int().positive().nullable().default(null),
      limit: z.int().min(1).max(500).default(100),
    }),
    access: administrators,
  }),
  'audit.verify': method<AuditVerification>()({ input: noInput, access: administrators }),
  // --- Backups and recovery (issue 8): recovery.* are public because in recovery mode the
  // database holding the accounts is the damaged one, so nobody can sign in.
  'recovery.status': method<RecoveryStatus | null>()({ input: noInput, access: 'public' }),
  'recovery.restore': method<RecoveryOutcome>()({
    input: z.strictObject({ backupId: z.string().regex(BACKUP_ID_PATTERN) }),
    access: 'public',
  }),
  'recovery.startFresh': method<RecoveryOutcome>()({ input: noInput, access: 'public' }),
  'backups.list': method<BackupsOverview>()({ input: noInput, access: administrators }),
  'backups.create': method<BackupSummary>()({ input: noInput, access: administrators }),
  'backups.scheduleRestore': method<RestoreScheduled>()({
    input: z.strictObject({ backupId: z.string().regex(BACKUP_ID_PATTERN) }),
    access: administrators,
  }),
  'backups.restartNow': method<void>()({ input: noInput, access: administrators }),
} as const;

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract;
export type MethodInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<ApiContract[M]['output'], undefined>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiContract, name);
}
