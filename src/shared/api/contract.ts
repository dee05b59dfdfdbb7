import { z } from 'zod';
import { method } from './method';
import {
  QUEUE_IDS,
  type AppInfo,
  type CaseDetail,
  type CurrentUser,
  type InboxPage,
  type ProcedureSummary,
  type QueueCounts,
  type SyncStatus,
} from './types';

const noInput = z.strictObject({});
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
    input: z.strictObject({
      queue: z.enum(QUEUE_IDS),
      procedureCode: z.string().max(20).optional(),
      cursor: z.string().max(200).nullable().default(null),
      limit: z.int().min(1).max(500).default(100),
    }),
    access: staff,
  }),
  'cases.get': method<CaseDetail>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  'sync.status': method<SyncStatus>()({ input: noInput, access: staff }),
  'sync.now': method<SyncStatus>()({ input: noInput, access: staff }),
} as const;

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract;
export type MethodInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<ApiContract[M]['output'], undefined>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiContract, name);
}
