import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createDuplicateLinkReplica } from '../../src/main/core/linked/duplicateMarks';
import { insertApplicationRow } from '../support/migrationRows';

/**
 * Another desk's duplicate mark taken in from the activity feed: written once whichever way the
 * pair was marked, and refused with a French reason (for the quarantine) when this desk cannot
 * hold it — the case it duplicates unknown here, the author unknown to the directory.
 */

let db: Database.Database;
const mark = (
  over: Partial<Parameters<ReturnType<typeof createDuplicateLinkReplica>['takeIn']>[0]> = {},
) =>
  createDuplicateLinkReplica(db).takeIn({
    id: 'a',
    duplicateOf: 'b',
    reason: 'Déposée deux fois',
    markedBy: 'u1',
    at: '2026-11-10T09:00:00.000Z',
    ...over,
  });

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  db.prepare(
    "INSERT INTO users (id, username, display_name, role, office_code, created_at) VALUES ('u1', 'u1', 'U', 'agent', 'LOM', '2026-01-01')",
  ).run();
  insertApplicationRow(db, { id: 'a' });
  insertApplicationRow(db, { id: 'b' });
});

describe('a duplicate mark from another desk', () => {
  it('is written once, with both references; a replay or the reverse pair writes nothing', () => {
    expect(mark()).toEqual({
      written: { reference: 'COM-CO-2026-a', otherReference: 'COM-CO-2026-b' },
    });
    expect(mark()).toEqual({ written: null });
    expect(mark({ id: 'b', duplicateOf: 'a' })).toEqual({ written: null });
    expect(db.prepare('SELECT application_id, duplicate_of FROM duplicate_links').all()).toEqual([
      { application_id: 'a', duplicate_of: 'b' },
    ]);
  });

  it('is refused, with why, when this desk cannot hold it', () => {
    expect(mark({ duplicateOf: 'z' })).toEqual({ why: 'dossier dupliqué inconnu de ce poste' });
    expect(mark({ markedBy: 'u-other' })).toEqual({
      why: "auteur de la marque inconnu de l'annuaire",
    });
    expect(mark({ duplicateOf: 'a' })).toEqual({
      why: 'dossier marqué comme doublon de lui-même',
    });
    expect(db.prepare('SELECT count(*) FROM duplicate_links').pluck().get()).toBe(0);
  });
});
