import { z } from 'zod';

/** The statuses of a decided case (`issued` is an approval with its certificate). */
export const DECIDED = new Set(['approved', 'issued', 'rejected']);

const lastDecisionSchema = z
  .object({
    lastDecision: z
      .object({
        kind: z.enum(['decision.approved', 'decision.rejected']),
        decidedBy: z
          .object({ id: z.string().min(1).max(80) })
          .loose()
          .nullable()
          .optional(),
      })
      .loose()
      .nullable()
      .optional(),
  })
  .loose();

/**
 * Who the portal credits with the decision (design multi-desk §3.9): the v2 feed's
 * `work.lastDecision.decidedBy` — the clerk who decided, or who proposed a signed-off decision,
 * whatever desk they used. Only a decision of the kind the new status comes from counts.
 */
export function creditedDecider(work: unknown, toStatus: string): string | null {
  if (work === undefined) return null;
  const decision = lastDecisionSchema.safeParse(work).data?.lastDecision;
  if (!decision?.decidedBy) return null;
  const expected = toStatus === 'rejected' ? 'decision.rejected' : 'decision.approved';
  return decision.kind === expected ? decision.decidedBy.id : null;
}
