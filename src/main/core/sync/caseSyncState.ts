import type Database from 'better-sqlite3';
import type { CaseSyncState, DocumentState } from '../../../shared/api/syncTypes';
import type { Conflicts } from './conflicts';
import type { Outbox } from './outbox';

/** What the case view needs about a case's sync: documents, undelivered actions, conflict. */
export function createCaseSyncState(db: Database.Database, outbox: Outbox, conflicts: Conflicts) {
  const documents = db.prepare<
    [string],
    { id: string; state: DocumentState; attempts: number; last_error: string | null }
  >(
    'SELECT id, state, attempts, last_error FROM documents WHERE application_id = ? ORDER BY rowid',
  );
  return (id: string): CaseSyncState => ({
    documents: documents.all(id).map((row) => ({
      id: row.id,
      state: row.state,
      attempts: row.attempts,
      lastError: row.last_error,
    })),
    actions: outbox.openActions(id).map((action) => ({
      id: action.id,
      kind: action.kind,
      state: action.state as 'pending' | 'sending' | 'failed',
      createdAt: action.createdAt,
      lastError: action.lastError,
      provisional: action.provisional,
    })),
    conflict: conflicts.view(id),
  });
}
