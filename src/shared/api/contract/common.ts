import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/caseStatus';
import { QUEUE_IDS, SORT_KEYS } from '../types';

/** What several domains' methods share: empty input, role lists, ids, comments, schemas. */

export const noInput = z.strictObject({});
export const isoDay = z.iso.date();
export const shortList = <T extends z.ZodType>(item: T) => z.array(item).max(50).optional();

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
export const staff = ['agent', 'superviseur', 'administrateur'] as const;
/** Who works cases; administrators configure Bureau but do not decide cases. */
export const caseWorkers = ['agent', 'superviseur'] as const;
export const caseId = z.string().min(1).max(64);
export const byCase = z.strictObject({ id: caseId });
/** A decision's comment or message to the applicant: the dialogs count down to this. */
export const COMMENT_MAX_LENGTH = 2000;
export const comment = z.string().trim().max(COMMENT_MAX_LENGTH);
export const codeList = z.array(z.string().min(1).max(64)).max(50);
export const supervisors = ['superviseur'] as const;
export const administrators = ['administrateur'] as const;
export const userId = z.string().min(1).max(64);
export const caseIdList = z.array(caseId).min(1).max(5000);
export const password = z.string().min(1).max(200);
/** New passwords: long enough to resist guessing on a stolen laptop's offline verifier. */
export const newPasswordSchema = z
  .string()
  .min(10, 'Le mot de passe doit compter au moins 10 caractères.')
  .max(200, 'Le mot de passe ne peut dépasser 200 caractères.');
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,64}$/,
    "L'identifiant : 3 à 64 lettres sans accent, chiffres, « . », « _ » ou « - ».",
  );
export const displayName = z.string().trim().min(2).max(120);
export const officeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,10}$/, 'Code de bureau : 2 à 10 lettres.');
export const procedureCodes = z.array(z.string().min(1).max(20)).max(100).nullable();
export const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Heure au format HH:MM.');
export const dashboardQuerySchema = z.strictObject({
  from: isoDay,
  to: isoDay,
  procedureCodes: shortList(z.string().max(20)),
});
