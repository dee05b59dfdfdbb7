import { z } from 'zod';
import { OUTBOX_FILTERS, type OutboxPage, type Worklist } from '../worklistTypes';
import { method } from '../method';
import { noInput, staff } from './common';

/**
 * « À régulariser » and the outbox view (issue 17): reads only, scoped to the caller's office.
 * Part of the one API contract (`../contract.ts`); the engine's own methods are in `sync.ts`.
 */
export const syncWorkMethods = {
  /** Every case (and quarantined record) that needs a person because of sync, newest first. */
  'sync.worklist': method<Worklist>()({
    input: z.strictObject({ limit: z.int().min(1).max(500).default(200) }),
    access: staff,
  }),
  /** How many items « À régulariser » holds: the navigation's count. */
  'sync.worklistCount': method<number>()({ input: noInput, access: staff }),
  /** The office's actions bound for the portal, newest first, by state. */
  'sync.outbox': method<OutboxPage>()({
    input: z.strictObject({
      filter: z.enum(OUTBOX_FILTERS).default('all'),
      cursor: z.int().positive().nullable().default(null),
      limit: z.int().min(1).max(200).default(100),
    }),
    access: staff,
  }),
} as const;
