import { z } from 'zod';
import type { PortalEventKind } from './portalEventKinds';

/**
 * What Bureau reports to the portal, kind by kind: the payload essentials the portal checks
 * (docs/portal-api.md, « Événements »). Objects keep fields not listed here (a certificate's
 * document, a note's id): the portal ignores what it does not need. The outbox checks each action
 * against this when it is queued and when it is read back, so a payload of the wrong shape stops
 * the local change that made it instead of becoming a refusal, and a conflict, days later.
 */

const person = z.looseObject({ id: z.string().min(1), displayName: z.string().min(1) });
const codes = z.array(z.string());

const report = <K extends PortalEventKind, P extends z.ZodType<Record<string, unknown>>>(
  kind: K,
  payload: P,
) => z.object({ kind: z.literal(kind), payload });

export const portalEventReport = z.discriminatedUnion('kind', [
  report('note.added', z.looseObject({ body: z.string(), author: person })),
  report(
    'case.claimed',
    z.looseObject({
      by: person,
      takenOverFrom: person.optional(),
      checkoutDays: z.number().int().min(1).max(14).optional(),
    }),
  ),
  report('case.released', z.looseObject({ by: person })),
  report('case.assigned', z.looseObject({ assignee: person.nullable(), by: person })),
  report(
    'info.requested',
    z.looseObject({
      message: z.string(),
      missingDocuments: codes,
      fieldsToCorrect: codes,
      requestedBy: person,
    }),
  ),
  report(
    'signoff.requested',
    z.looseObject({ requestedBy: person, comment: z.string().optional() }),
  ),
  report('signoff.returned', z.looseObject({ comment: z.string(), returnedBy: person })),
  report(
    'decision.approved',
    z.looseObject({
      decidedBy: person,
      signedOffBy: person.optional(),
      comment: z.string().optional(),
    }),
  ),
  report(
    'decision.rejected',
    z.looseObject({ reasonCodes: codes.min(1), comment: z.string(), decidedBy: person }),
  ),
  report('certificate.issued', z.looseObject({ number: z.string().min(1) })),
  report('certificate.revoked', z.looseObject({ number: z.string().min(1), reason: z.string() })),
  report(
    'case.duplicate_marked',
    z.looseObject({
      duplicateOf: z.string().min(1),
      reason: z.string().min(1).max(2000),
      markedBy: person,
    }),
  ),
]);

/** One report: its kind and the payload of that kind. */
export type PortalEventReport = z.infer<typeof portalEventReport>;
export type PortalEventPayload<K extends PortalEventKind> = Extract<
  PortalEventReport,
  { kind: K }
>['payload'];

/** Fails to compile when a kind of PORTAL_EVENT_KINDS has no payload above. */
const _everyKindHasAPayload: Record<
  Exclude<PortalEventKind, PortalEventReport['kind']>,
  never
> = {};
