import type Database from 'better-sqlite3';
import type { DuplicateMark } from '../../../shared/api/linkedTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { isOpenStatus } from '../../../shared/domain/caseStatus';
import { checkCaseWork } from '../../../shared/domain/caseWorkflow';
import { DomainError } from '../api/domainError';
import { personOf, type CaseWriter } from '../cases/caseWriter';

interface MarkRow {
  application_id: string;
  duplicate_of: string;
  reason: string;
  marked_by: string;
  marked_by_name: string | null;
  marked_at: string;
  other_reference: string;
}

export const DUPLICATE_MARKS = `
    SELECT l.application_id, l.duplicate_of, l.reason, l.marked_by, u.display_name AS marked_by_name,
      l.marked_at, a.reference AS other_reference
    FROM duplicate_links l
    JOIN applications a ON a.id = CASE WHEN l.application_id = @id THEN l.duplicate_of ELSE l.application_id END
    LEFT JOIN users u ON u.id = l.marked_by
    WHERE l.application_id = @id OR l.duplicate_of = @id
    ORDER BY l.marked_at, a.reference`;

/**
 * « Marquer comme doublon »: a person links a case to the one it duplicates, with a reason. The
 * only writer of `duplicate_links` (migration 028). Both cases get a history line and an audit
 * row, through the case writer's gate (a clerk or supervisor of the office), in one transaction.
 * It decides nothing (the case is rejected, or not, as any other). The portal is told in the same
 * transaction, through the outbox (per-case order, idempotency key): `case.duplicate_marked` on
 * the case marked, naming the one it duplicates — while the case is open there, the only states
 * the portal accepts it from; a decided case's mark stays on this desk.
 */
export function createDuplicateMarks(deps: { db: Database.Database; writer: CaseWriter }) {
  const { db, writer } = deps;
  const insert = db.prepare(
    'INSERT INTO duplicate_links (application_id, duplicate_of, reason, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)',
  );
  const existing = db.prepare<[string, string, string, string], { one: number }>(`
    SELECT 1 AS one FROM duplicate_links
    WHERE (application_id = ? AND duplicate_of = ?) OR (application_id = ? AND duplicate_of = ?)`);
  const referenceOf = db.prepare<[string], { reference: string; office_code: string }>(
    'SELECT reference, office_code FROM applications WHERE id = ?',
  );
  const marksOf = db.prepare<{ id: string }, MarkRow>(DUPLICATE_MARKS);

  return {
    /** Marks `id` as a duplicate of `duplicateOf`; refuses a pair already linked either way. */
    mark(id: string, duplicateOf: string, reason: string, user: CurrentUser): void {
      if (id === duplicateOf) {
        throw new DomainError('invalid_input', 'Un dossier ne peut être le doublon de lui-même.');
      }
      const other = referenceOf.get(duplicateOf);
      const own = referenceOf.get(id);
      if (!other || !own) {
        throw new DomainError(
          'not_found',
          "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
        );
      }
      db.transaction(() => {
        if (existing.get(id, duplicateOf, duplicateOf, id)) {
          throw new DomainError('conflict', 'Ces deux dossiers sont déjà liés comme doublons.');
        }
        writer.change(
          id,
          user,
          ({ context }) => checkCaseWork(context),
          ({ at, row }) => {
            insert.run(id, duplicateOf, reason, user.id, at);
            return {
              history: 'marked_duplicate',
              details: { duplicateOf, reference: other.reference, reason },
              audit: {
                action: 'case.marked_duplicate',
                summary: { otherReference: other.reference, comment: reason },
              },
              ...(isOpenStatus(row.status)
                ? {
                    portalEvent: {
                      kind: 'case.duplicate_marked' as const,
                      payload: { duplicateOf, reason, markedBy: personOf(user) },
                    },
                  }
                : {}),
            };
          },
        );
        // The other case says it too, under the same gate (it may be decided: the status stays).
        writer.change(
          duplicateOf,
          user,
          ({ context }) => checkCaseWork(context),
          () => ({
            history: 'duplicate_linked',
            details: { duplicateId: id, reference: own.reference, reason },
            audit: {
              action: 'case.duplicate_linked',
              summary: { otherReference: own.reference, comment: reason },
            },
          }),
        );
      }).immediate();
    },

    of(id: string): DuplicateMark[] {
      return marksOf.all({ id }).map((row) => ({
        otherId: row.application_id === id ? row.duplicate_of : row.application_id,
        otherReference: row.other_reference,
        direction: row.application_id === id ? 'this_is_duplicate' : 'other_is_duplicate',
        reason: row.reason,
        markedBy: { id: row.marked_by, displayName: row.marked_by_name ?? row.marked_by },
        at: row.marked_at,
      }));
    },
  };
}
export type DuplicateMarks = ReturnType<typeof createDuplicateMarks>;

/**
 * Another desk's mark, from the office activity feed (`case.duplicate_marked`): the same link,
 * written without the gate (the person was checked on the desk that marked it). Answers the
 * other case's reference once written, null when this desk already holds the pair (a replayed
 * page, or the pair marked here the other way), or why it cannot be taken in (French).
 */
export function createDuplicateLinkReplica(db: Database.Database) {
  const insert = db.prepare(
    'INSERT INTO duplicate_links (application_id, duplicate_of, reason, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)',
  );
  const existing = db.prepare<[string, string, string, string], { one: number }>(`
    SELECT 1 AS one FROM duplicate_links
    WHERE (application_id = ? AND duplicate_of = ?) OR (application_id = ? AND duplicate_of = ?)`);
  const referenceOf = db
    .prepare<[string], string>('SELECT reference FROM applications WHERE id = ?')
    .pluck();
  const userExists = db.prepare<[string], number>('SELECT 1 FROM users WHERE id = ?').pluck();
  return {
    takeIn(mark: {
      id: string;
      duplicateOf: string;
      reason: string;
      markedBy: string;
      at: string;
    }): { written: { reference: string; otherReference: string } | null } | { why: string } {
      if (mark.id === mark.duplicateOf) return { why: 'dossier marqué comme doublon de lui-même' };
      const otherReference = referenceOf.get(mark.duplicateOf);
      const reference = referenceOf.get(mark.id);
      if (!otherReference || !reference) return { why: 'dossier dupliqué inconnu de ce poste' };
      if (!userExists.get(mark.markedBy))
        return { why: "auteur de la marque inconnu de l'annuaire" };
      if (existing.get(mark.id, mark.duplicateOf, mark.duplicateOf, mark.id))
        return { written: null };
      insert.run(mark.id, mark.duplicateOf, mark.reason, mark.markedBy, mark.at);
      return { written: { reference, otherReference } };
    },
  };
}
export type DuplicateLinkReplica = ReturnType<typeof createDuplicateLinkReplica>;
