import { afterEach, describe, expect, it } from 'vitest';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { openSyncCore, scalar } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * Pages of new cases are written by the pull's writer thread (sync/pullWriter.ts). When the cache
 * refuses one of its records — a reference another case already carries, which validation cannot
 * see — the thread's transaction is rolled back whole and refuses what follows; the puller writes
 * those pages again on the main thread's path, which quarantines only the guilty record. Nothing
 * is lost, the cursor reaches the end.
 */
describe('the pull’s writer thread', () => {
  it('a page it refuses is written again on the main thread: one record quarantined, the rest in', async () => {
    const simulator = await startSimulator(300, 31);
    cleanups.push(() => simulator.close());
    const core = openSyncCore({
      dataDir: tempDir(),
      portalUrl: simulator.url,
      token: simulator.token,
      tuning: { pageSize: 200, writerMinRecords: 100, downloadConcurrency: 0 },
    });
    cleanups.push(() => core.close());
    expect((await core.sync.syncNow()).phase).toBe('idle');
    expect(scalar(core.db, 'SELECT count(*) FROM applications')).toBe(300);

    // 450 new records, the 260th carrying the reference of a case already cached.
    const base = simulator.store.page(0, 300).items as PortalApplication[];
    const taken = base[7]!.reference;
    const fresh = Array.from({ length: 450 }, (_, index) => {
      const source = base[index % base.length]!;
      const tag = String(900_000 + index);
      return {
        ...structuredClone(source),
        id: `app-writer-${tag}`,
        reference: index === 259 ? taken : source.reference.replace(/\d{6}$/, tag),
        documents: source.documents.map((document, position) => ({
          ...document,
          id: `doc-writer-${tag}-${position}`,
        })),
      };
    });
    await simulator.admin('/__sim/raw-items', { items: fresh.map((item) => JSON.stringify(item)) });

    const status = await core.sync.syncNow();
    expect([status.phase, status.errorMessage]).toEqual(['idle', null]);
    expect(scalar(core.db, 'SELECT count(*) FROM applications')).toBe(300 + 449);
    expect(scalar(core.db, "SELECT count(*) FROM applications WHERE id LIKE 'app-writer-%'")).toBe(
      449,
    );
    expect(
      scalar(core.db, "SELECT count(*) FROM applications WHERE id = 'app-writer-900259'"),
    ).toBe(0);
    const quarantined = core.db.prepare('SELECT portal_id, reason FROM quarantine').all() as {
      portal_id: string;
      reason: string;
    }[];
    expect(quarantined.map((row) => row.portal_id)).toEqual(['app-writer-900259']);
    expect(quarantined[0]?.reason).toContain('déjà portée');
    // Every new case has its search entry, its « received » line and its documents.
    expect(
      scalar(
        core.db,
        `SELECT count(*) FROM applications a WHERE id LIKE 'app-writer-%'
           AND EXISTS (SELECT 1 FROM inbox_search WHERE inbox_search MATCH 'reference:"' || a.reference || '"' AND rowid = a.rowid)`,
      ),
    ).toBe(449);
    expect(
      scalar(
        core.db,
        "SELECT count(*) FROM history_events WHERE kind = 'received' AND application_id LIKE 'app-writer-%'",
      ),
    ).toBe(449);
    // The cursor is at the end: another sync brings nothing.
    const again = await core.sync.syncNow();
    expect(again.pulled).toBe(0);
  });
});
