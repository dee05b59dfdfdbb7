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
    access: staff,
  }),
  'cases.resolveConflict': method<CaseDetail>()({
    input: z.strictObject({
      id: z.string().min(1).max(64),
      keep: z.enum(['portal', 'local']),
    }),
    access: staff,
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
