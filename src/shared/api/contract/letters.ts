import { z } from 'zod';
import type { LetterFile, LetterPreview, LetterSummary } from '../letterTypes';
import { method } from '../method';
import { caseId, caseWorkers, codeList, comment, staff } from './common';

/** The decision a preview is asked for: what the clerk has typed and chosen so far. */
export const letterPreviewDecision = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rejection'), reasonCodes: codeList, comment }),
  z.strictObject({
    kind: z.literal('info_request'),
    missingDocuments: codeList,
    fieldsToCorrect: codeList,
    message: comment,
  }),
  z.strictObject({ kind: z.literal('approval'), comment: comment.nullable() }),
]);

/** Decision letters (issue 20 §1): part of the one API contract (`../contract.ts`). */
export const lettersMethods = {
  /** The letters a case's decisions produced, oldest first. */
  'letters.forCase': method<LetterSummary[]>()({
    input: z.strictObject({ caseId }),
    access: staff,
  }),
  /** The stored PDF, checked against its SHA-256. */
  'letters.file': method<LetterFile>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  /** The letter the decision would send (« APERÇU »: not numbered, not signed, not stored). */
  'letters.preview': method<LetterPreview | null>()({
    input: z.strictObject({ caseId, decision: letterPreviewDecision }),
    access: caseWorkers,
  }),
};
