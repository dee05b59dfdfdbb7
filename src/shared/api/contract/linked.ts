import { z } from 'zod';
import type { CaseDetail } from '../types';
import type { CaseSignals, LinkedRecords } from '../linkedTypes';
import { method } from '../method';
import { caseId, caseWorkers, staff } from './common';

/**
 * Cases checked against what the administration already holds (issue 20 §2): part of the one
 * API contract (`../contract.ts`). Reads follow the office scope rule: the reader's office only.
 */
export const linkedMethods = {
  /** Prerequisites, the same applicant's other cases, and warning signals of one case. */
  'cases.linked': method<LinkedRecords>()({ input: z.strictObject({ id: caseId }), access: staff }),
  /** The signals of each case of a page, with what they rest on (the inbox's rows show them). */
  'cases.signals': method<CaseSignals>()({
    input: z.strictObject({ ids: z.array(caseId).min(1).max(200) }),
    access: staff,
  }),
  /** « Marquer comme doublon »: links the case to the one it duplicates, with a reason. */
  'cases.markDuplicate': method<CaseDetail>()({
    input: z.strictObject({
      id: caseId,
      duplicateOf: caseId,
      reason: z.string().trim().min(1, 'Indiquez pourquoi ce dossier est un doublon.').max(2000),
    }),
    access: caseWorkers,
  }),
} as const;
