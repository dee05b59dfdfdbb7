import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { inboxQuerySchema } from '../../../shared/api/contract';
import type { InboxQuery, SavedView } from '../../../shared/api/types';
import { DomainError } from '../api/domainError';

interface ViewRecord {
  id: string;
  name: string;
  query_json: string;
  created_at: string;
}

/** Saved inbox views, private to the user who saved them. */
export function createSavedViews(db: Database.Database) {
  const listFor = db.prepare<[string], ViewRecord>(
    'SELECT id, name, query_json, created_at FROM saved_views WHERE user_id = ? ORDER BY name, id',
  );
  const insert = db.prepare(
    `INSERT INTO saved_views (id, user_id, name, query_json, created_at)
     VALUES (@id, @userId, @name, @queryJson, @createdAt)
     ON CONFLICT (user_id, name) DO NOTHING`,
  );
  const remove = db.prepare('DELETE FROM saved_views WHERE id = ? AND user_id = ?');

  return {
    list(userId: string): SavedView[] {
      return listFor.all(userId).flatMap((record) => {
        // A view saved by an older version may no longer parse: drop it rather than fail the list.
        const parsed = inboxQuerySchema.safeParse(JSON.parse(record.query_json));
        return parsed.success
          ? [{ id: record.id, name: record.name, query: parsed.data, createdAt: record.created_at }]
          : [];
      });
    },

    save(userId: string, name: string, query: InboxQuery, now: string): SavedView {
      const view: SavedView = { id: randomUUID(), name, query, createdAt: now };
      const { changes } = insert.run({
        id: view.id,
        userId,
        name,
        queryJson: JSON.stringify(query),
        createdAt: now,
      });
      if (changes === 0) {
        throw new DomainError(
          'conflict',
          `Vous avez déjà une vue nommée « ${name} ». Choisissez un autre nom ou supprimez l'ancienne vue.`,
        );
      }
      return view;
    },

    /** Only the owner's view is deleted; someone else's id is reported as not found. */
    delete(userId: string, id: string): void {
      if (remove.run(id, userId).changes === 0) {
        throw new DomainError('not_found', "Cette vue n'existe pas ou a déjà été supprimée.");
      }
    },
  };
}
export type SavedViews = ReturnType<typeof createSavedViews>;
