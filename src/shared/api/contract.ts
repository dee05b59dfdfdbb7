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
  type CurrentUser,
  type InboxPage,
  type ProcedureSummary,
  type QueueCounts,
  type SyncStatus,
} from './types';
import type { NoteAdded, QuarantinePage } from './syncTypes';
import type { DocumentContent } from './caseTypes';
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

/**
 * The one API contract. Both transports (Electron IPC and loopback HTTP) are generated from this
 * object, so a method cannot exist on one and not the other. Names are `domain.action`.
 */
export const apiContract = {
  'app.info': method<AppInfo>()({ input: noInput, access: 'public' }),
  'session.current': method<CurrentUser | null>()({ input: noInput, access: 'public' }),
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
  // — Training mode only, until sign-in exists (issue 7): act as another seeded user —
  'session.trainingUsers': method<CurrentUser[]>()({ input: noInput, access: 'public' }),
  'session.switchUser': method<CurrentUser>()({
    input: z.strictObject({ userId: z.string().min(1).max(64) }),
    access: 'public',
  }),
} as const;

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract;
export type MethodInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<ApiContract[M]['output'], undefined>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiContract, name);
}
