import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { CaseDecision } from '../../../shared/api/caseTypes';
import type { NotificationInbox } from '../assignment/notificationInbox';
import { createDuplicateLinkReplica } from '../linked/duplicateMarks';

/**
 * Other desks' work on the office's cases, from the office activity feed (design multi-desk
 * §3.9): the only writer of what the pull brings into `notes`, `history_events` and the case's
 * assignee (a duplicate mark's link goes through its owner, linked/duplicateMarks.ts). Each item is keyed by the portal event's idempotency key, so a replayed page writes
 * nothing twice; this desk's own events are already in its cache and are skipped.
 */

const person = z.object({ id: z.string().min(1).max(80), displayName: z.string().min(1).max(120) });
export const activityItem = z.object({
  sequence: z.number().int().nonnegative(),
  applicationId: z.string().min(1).max(64),
  kind: z.string().max(40),
  idempotencyKey: z.string().min(1).max(128),
  deskId: z.string().max(20).nullable(),
  actor: person.nullable(),
  occurredAt: z.string().datetime({ offset: true }),
  receivedAt: z.string().datetime({ offset: true }).optional(),
  payload: z.record(z.string(), z.unknown()),
});
export type ActivityItem = z.infer<typeof activityItem>;

const notePayload = z.object({ body: z.string().min(1).max(10_000) }).loose();
const assignedPayload = z.object({ assignee: person.nullable() }).loose();
const takeOverPayload = z.object({ takenOverFrom: person }).loose();
const duplicatePayload = z
  .object({
    duplicateOf: z.string().min(1).max(64),
    reason: z.string().trim().min(1).max(2000),
    markedBy: person,
  })
  .loose();
const proposalPayload = z
  .object({ requestedBy: person, comment: z.string().max(2000).optional() })
  .loose();

/** The history line each replicated kind becomes (the kinds the case writer uses). */
const HISTORY_KIND: Record<string, string> = {
  'case.claimed': 'claimed',
  'case.released': 'released',
  'case.assigned': 'assigned',
  'note.added': 'note_added',
  'signoff.requested': 'signoff_requested',
  'signoff.returned': 'signoff_returned',
};

export function createSharedWork(db: Database.Database, notifications: NotificationInbox) {
  const caseExists = db
    .prepare<[string], number>('SELECT 1 FROM applications WHERE id = ?')
    .pluck();
  const userExists = db.prepare<[string], number>('SELECT 1 FROM users WHERE id = ?').pluck();
  const insertNote = db.prepare(`
    INSERT INTO notes (application_id, author_id, at, body, event_key, origin_desk_id)
    VALUES (@applicationId, @authorId, @at, @body, @eventKey, @deskId)
    ON CONFLICT (event_key) WHERE event_key IS NOT NULL DO NOTHING`);
  const insertHistory = db.prepare(`
    INSERT INTO history_events (application_id, at, actor_id, kind, details_json, event_key,
                                origin_desk_id)
    VALUES (@applicationId, @at, @actorId, @kind, @details, @eventKey, @deskId)
    ON CONFLICT (event_key, kind) WHERE event_key IS NOT NULL DO NOTHING`);
  const setAssignee = db.prepare<[string | null, string]>(
    'UPDATE applications SET assignee_id = ? WHERE id = ?',
  );
  // Who proposed the decision, so every desk applies the four-eyes rule to the same person.
  const setProposer = db.prepare<[string | null, string]>(
    'UPDATE applications SET signoff_requested_by = ? WHERE id = ?',
  );
  // …and the proposal itself (who, when, the comment), as the desk that made it shows it.
  const setProposal = db.prepare<[string, string, string]>(
    'UPDATE applications SET signoff_requested_by = ?, decision_json = ? WHERE id = ?',
  );
  const duplicates = createDuplicateLinkReplica(db);

  /** Answers why an item was not applied (French, for the quarantine), or null once applied. */
  function applyOne(item: ActivityItem): string | null {
    if (!caseExists.get(item.applicationId)) return 'dossier inconnu de ce poste';
    const actorId = item.actor && userExists.get(item.actor.id) ? item.actor.id : null;
    const base = {
      applicationId: item.applicationId,
      at: item.occurredAt,
      eventKey: item.idempotencyKey,
      deskId: item.deskId,
    };
    if (item.kind === 'note.added') {
      const note = notePayload.safeParse(item.payload);
      if (!note.success || !actorId) return 'note sans texte ou sans auteur connu';
      insertNote.run({ ...base, authorId: actorId, body: note.data.body });
    }
    if (item.kind === 'case.assigned') {
      const assigned = assignedPayload.safeParse(item.payload);
      if (!assigned.success) return 'affectation illisible';
      const assignee = assigned.data.assignee;
      if (assignee && !userExists.get(assignee.id)) return "agent affecté inconnu de l'annuaire";
      setAssignee.run(assignee?.id ?? null, item.applicationId);
      if (assignee && actorId) {
        notifications.caseAssignedElsewhere(
          assignee.id,
          item.applicationId,
          actorId,
          item.occurredAt,
          item.idempotencyKey,
        );
      }
    }
    if (item.kind === 'case.claimed') {
      // Whoever holds the case is its clerk on every desk, as on the desk that claimed it.
      const holder = person.safeParse(item.payload['by']).data ?? item.actor;
      if (holder && userExists.get(holder.id)) setAssignee.run(holder.id, item.applicationId);
    }
    if (item.kind === 'case.claimed' && item.payload['takenOverFrom'] !== undefined) {
      // A supervisor's take-over: the former holder is told on every desk (design §3.7).
      const former = takeOverPayload.safeParse(item.payload).data?.takenOverFrom;
      if (former && actorId && former.id !== actorId && userExists.get(former.id)) {
        notifications.caseTakenOverElsewhere(
          former.id,
          item.applicationId,
          actorId,
          item.occurredAt,
          item.idempotencyKey,
        );
      }
    }
    if (item.kind === 'signoff.requested') {
      const proposal = proposalPayload.safeParse(item.payload);
      if (!proposal.success) return 'proposition illisible';
      const proposer = proposal.data.requestedBy;
      if (!userExists.get(proposer.id)) return "auteur de la proposition inconnu de l'annuaire";
      const decision: CaseDecision = {
        kind: 'signoff_requested',
        at: item.occurredAt,
        by: { id: proposer.id, displayName: proposer.displayName },
        comment: proposal.data.comment ?? null,
        reasonCodes: [],
        missingDocuments: [],
        fieldsToCorrect: [],
      };
      setProposal.run(proposer.id, JSON.stringify(decision), item.applicationId);
    }
    if (item.kind === 'signoff.returned') setProposer.run(null, item.applicationId);
    if (item.kind === 'case.duplicate_marked') {
      // Both cases say it, as on the desk that marked them (duplicateMarks.mark).
      const mark = duplicatePayload.safeParse(item.payload);
      if (!mark.success) return 'marque de doublon illisible';
      const { duplicateOf, reason, markedBy } = mark.data;
      const taken = duplicates.takeIn({
        id: item.applicationId,
        duplicateOf,
        reason,
        markedBy: markedBy.id,
        at: item.occurredAt,
      });
      if ('why' in taken) return taken.why;
      if (taken.written) {
        const { reference, otherReference } = taken.written;
        const by = actorId ?? markedBy.id;
        insertHistory.run({
          ...base,
          actorId: by,
          kind: 'marked_duplicate',
          details: JSON.stringify({
            duplicateOf,
            reference: otherReference,
            reason,
            fromDesk: item.deskId,
          }),
        });
        insertHistory.run({
          ...base,
          applicationId: duplicateOf,
          actorId: by,
          kind: 'duplicate_linked',
          details: JSON.stringify({
            duplicateId: item.applicationId,
            reference,
            reason,
            fromDesk: item.deskId,
          }),
        });
      }
    }
    const kind =
      item.kind === 'case.claimed' && item.payload['takenOverFrom']
        ? 'taken_over'
        : item.kind === 'case.claimed' && item.payload['checkoutDays'] !== undefined
          ? 'checked_out'
          : HISTORY_KIND[item.kind];
    if (kind) {
      const comment = item.payload['comment'];
      const details =
        item.kind === 'case.assigned'
          ? { to: item.payload['assignee'] ?? null, fromDesk: item.deskId }
          : kind === 'checked_out'
            ? {
                holder: item.payload['by'] ?? null,
                days: item.payload['checkoutDays'],
                fromDesk: item.deskId,
              }
            : {
                fromDesk: item.deskId,
                ...(typeof comment === 'string' ? { comment: comment.slice(0, 2000) } : {}),
              };
      insertHistory.run({ ...base, actorId, kind, details: JSON.stringify(details) });
    }
    return null;
  }

  return {
    /**
     * A page of the office's activity (inside the caller's transaction). Answers the items not
     * applied, with why; `ownDesk`'s items are skipped (already here).
     */
    apply(
      items: readonly ActivityItem[],
      ownDesk: string | null,
    ): { item: ActivityItem; why: string }[] {
      const refused: { item: ActivityItem; why: string }[] = [];
      for (const item of items) {
        if (item.deskId !== null && item.deskId === ownDesk) continue;
        const why = applyOne(item);
        if (why) refused.push({ item, why });
      }
      return refused;
    },
  };
}
export type SharedWork = ReturnType<typeof createSharedWork>;
