import type Database from 'better-sqlite3';
import type { NoteAdded } from '../../../shared/api/syncTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { checkCaseWork } from '../../../shared/domain/caseWorkflow';
import type { CaseWriter } from './caseWriter';

/**
 * Notes on a case: local work sent to the portal, by any clerk or supervisor of the case's
 * office, written by the case writer (note, history, audit, outbox in one transaction).
 */
export function createCaseActions(deps: { db: Database.Database; writer: CaseWriter }) {
  const { db, writer } = deps;
  const insertNote = db.prepare(
    'INSERT INTO notes (application_id, author_id, at, body) VALUES (?, ?, ?, ?)',
  );

  function addNote(applicationId: string, body: string, user: CurrentUser): NoteAdded {
    let added = undefined as NoteAdded | undefined; // set inside the transaction
    writer.changeNow(
      applicationId,
      user,
      ({ context }) => checkCaseWork(context),
      ({ at }) => {
        const noteId = Number(insertNote.run(applicationId, user.id, at, body).lastInsertRowid);
        added = { noteId, at };
        return {
          history: 'note_added',
          details: { noteId },
          audit: { action: 'note.added', summary: { noteId, length: body.length } },
          portalEvent: {
            kind: 'note.added',
            payload: { noteId, body, author: { id: user.id, displayName: user.displayName } },
          },
        };
      },
    );
    return added!;
  }

  return { addNote };
}
export type CaseActions = ReturnType<typeof createCaseActions>;
