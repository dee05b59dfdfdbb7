import { z } from 'zod';
import type { QuarantinePage, SyncContact } from '../syncTypes';
import type { SyncStatus } from '../types';
import { method } from '../method';
import { noInput, staff } from './common';

/** Sync engine: part of the one API contract (`../contract.ts`). */
export const syncMethods = {
  'sync.status': method<SyncStatus & SyncContact>()({ input: noInput, access: staff }),
  'sync.now': method<SyncStatus & SyncContact>()({ input: noInput, access: staff }),
  // — Sync engine (issue 3): quarantine, local actions through the outbox, conflicts —
  'sync.quarantine': method<QuarantinePage>()({
    input: z.strictObject({
      cursor: z.int().positive().nullable().default(null),
      limit: z.int().min(1).max(200).default(50),
    }),
    access: staff,
  }),
} as const;
