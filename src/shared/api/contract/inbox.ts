import { z } from 'zod';
import type {
  InboxFilterOptions,
  InboxPage,
  ProcedureSummary,
  QueueCounts,
  SavedView,
} from '../types';
import { method } from '../method';
import { noInput, staff, inboxQuerySchema } from './common';

/** Catalog, inbox and saved views: part of the one API contract (`../contract.ts`). */
export const inboxMethods = {
  'catalog.procedures': method<ProcedureSummary[]>()({ input: noInput, access: staff }),
  'inbox.counts': method<QueueCounts>()({ input: noInput, access: staff }),
  'inbox.list': method<InboxPage>()({
    input: inboxQuerySchema.extend({
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
} as const;
