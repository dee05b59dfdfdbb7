import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createOutbox, type LocalAction } from '../../src/main/core/sync/outbox';
import { PORTAL_EVENT_KINDS } from '../../src/shared/portal/portalEventKinds';
import { portalEventReport } from '../../src/shared/portal/portalEventReports';

/**
 * The outbox checks each action's payload against its kind when it is queued, and reads back what
 * it stored as it stored it. (Foreign keys off: no case rows are needed here.)
 */

const clerk = { id: 'u-agent-kossi', displayName: 'Kossi Agbodjan' };
let db: Database.Database;

function openOutbox() {
  db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  db.pragma('foreign_keys = OFF');
  return createOutbox(db);
}
afterEach(() => db?.close());

const queue = (outbox: ReturnType<typeof createOutbox>, action: LocalAction) =>
  db.transaction(() => outbox.enqueueAction(action, '2026-11-09T08:00:00.000Z'))();
const stored = () => db.prepare('SELECT count(*) FROM outbox').pluck().get();

describe('outbox', () => {
  it('refuses a payload its kind does not allow, naming the kind and the field', () => {
    const outbox = openOutbox();
    expect(() =>
      queue(outbox, {
        applicationId: 'app-1',
        kind: 'decision.rejected',
        payload: { comment: 'Pièce illisible', decidedBy: clerk },
      }),
    ).toThrow(/decision\.rejected for app-1[\s\S]*reasonCodes/);
    expect(() =>
      queue(outbox, { applicationId: 'app-1', kind: 'case.claimed', payload: { by: 'kossi' } }),
    ).toThrow(/case\.claimed for app-1[\s\S]*by/);
    expect(stored()).toBe(0);
  });

  it('stores an accepted payload as given and reads it back unchanged, key order included', () => {
    const outbox = openOutbox();
    const payload = { noteId: 7, body: 'Pièce reçue', author: clerk, mention: { of: 'u-sup' } };
    queue(outbox, { applicationId: 'app-1', kind: 'note.added', payload });
    const [row] = outbox.openActions('app-1');
    expect(row).toMatchObject({ kind: 'note.added', state: 'pending', payload });
    expect(JSON.stringify(row!.payload)).toBe(JSON.stringify(payload));
  });

  it('reads rows queued before payloads were checked, but not an unknown kind or a non-object', () => {
    const outbox = openOutbox();
    const insert = db.prepare(`INSERT INTO outbox (id, idempotency_key, application_id, kind,
      payload_json, created_at) VALUES (?, ?, 'app-1', ?, ?, 't')`);
    insert.run(1, 'key-00000001', 'note.added', '{"body":"sans auteur"}');
    expect(outbox.openActions('app-1').map((row) => row.payload)).toEqual([
      { body: 'sans auteur' },
    ]);
    insert.run(2, 'key-00000002', 'note.deleted', '{}');
    expect(() => outbox.openActions('app-1')).toThrow(/outbox\.kind \(outbox 2\)/);
    db.prepare('DELETE FROM outbox WHERE id = 2').run();
    insert.run(3, 'key-00000003', 'note.added', '["body"]');
    expect(() => outbox.openActions('app-1')).toThrow(/outbox\.payload_json \(outbox 3\)/);
  });

  it('knows a payload for every kind the portal accepts', () => {
    const kinds = portalEventReport.options.map((option) => option.shape.kind.value);
    expect([...kinds].sort()).toEqual([...PORTAL_EVENT_KINDS].sort());
  });
});
