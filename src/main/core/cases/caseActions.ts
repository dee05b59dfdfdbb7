import type Database from 'better-sqlite3';
import type { NoteAdded } from '../../../shared/api/syncTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Outbox } from '../sync/outbox';

/**
 * Local actions on a case. Each one writes its change, its history line, its audit row and its
 * outbox row in one transaction: after a power cut either all of them exist or none does.
 * (Issue 5 adds claim, assignment and decisions on the same pattern.)
 */
export function createCaseActions(deps: {
  db: Database.Database;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
}) {
  const { db, outbox, audit, clock } = deps;
  const caseOffice = db.prepare<[string], { office_code: string }>(
    'SELECT office_code FROM applications WHERE id = ?',
  );
  const insertNote = db.prepare(
    'INSERT INTO notes (application_id, author_id, at, body) VALUES (?, ?, ?, ?)',
  );
  const insertHistory = db.prepare(`
    INSERT INTO history_events (application_id, at, actor_id, kind, details_json)
    VALUES (?, ?, ?, ?, ?)`);

  const addNote = db.transaction(
    (applicationId: string, body: string, user: CurrentUser): NoteAdded => {
      const found = caseOffice.get(applicationId);
      if (!found) {
        throw new DomainError('not_found', "Ce dossier n'existe pas dans le cache local.");
      }
      const at = clock.now().toISOString();
      const noteId = Number(insertNote.run(applicationId, user.id, at, body).lastInsertRowid);
      insertHistory.run(applicationId, at, user.id, 'note_added', JSON.stringify({ noteId }));
      audit.append({
        at,
        actorId: user.id,
        officeCode: found.office_code,
        action: 'note.added',
        entityType: 'application',
        entityId: applicationId,
        summary: { noteId, length: body.length },
      });
      outbox.enqueueAction(
        {
          applicationId,
          kind: 'note.added',
          payload: { noteId, body, author: { id: user.id, displayName: user.displayName } },
        },
        at,
      );
      return { noteId, at };
    },
  );

  return { addNote };
}
export type CaseActions = ReturnType<typeof createCaseActions>;
