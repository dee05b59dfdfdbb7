import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';
import { openSyncCore, scalar } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

/**
 * The periodic sync runs every minute on the main thread, also when nothing changed and nothing
 * is left to download (issue 18: each tick stalled 358–641 ms on a 100k cache, the downloader's
 * picks and next-retry reading every document). Every statement a tick runs, recorded with its
 * parameters on a real desk beside its simulator, must read the large tables (documents, cases,
 * history) through an index, never by a pass over the whole table. The plans are those of a
 * larger cache with statistics (3,000 cases, every attachment downloaded): on the desk's few
 * dozen cases a pass over a table is what SQLite rightly prefers.
 */

type Run = { sql: string; params: unknown[] };
const ran = new Map<string, Run>();
let recording = false;
const prototype = Database.prototype as unknown as {
  prepare: (this: Database.Database, sql: string, ...rest: unknown[]) => Database.Statement;
};
const prepare = prototype.prepare;

beforeAll(() => {
  // Statements are prepared when the core is built: each one notes its runs while recording.
  prototype.prepare = function (sql, ...rest) {
    const statement = prepare.call(this, sql, ...rest);
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method] as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = function (
        this: Database.Statement,
        ...params: unknown[]
      ) {
        if (recording && !/^\s*PRAGMA/i.test(sql)) ran.set(sql, { sql, params });
        return original.apply(this, params);
      };
    }
    return statement;
  };
});
afterAll(() => {
  prototype.prepare = prepare;
});

/** A full pass over a table: `SCAN <table>` without an index (house pattern). */
const fullScan = (table: string) => new RegExp(`SCAN ${table}\\b(?! USING)(?!.*INDEX)`, 'm');

describe('a periodic sync with nothing to download', () => {
  it('reads documents, cases and history through indexes only', async () => {
    const simulator = await startSimulator(60, 17);
    const core = openSyncCore({
      dataDir: tempDir(),
      portalUrl: simulator.url,
      token: simulator.token,
    });
    let fixture: InboxFixture | undefined;
    try {
      await core.sync.syncNow();
      await core.sync.documentsIdle();
      expect(scalar<number>(core.db, "SELECT count(*) FROM documents WHERE state <> 'ready'")).toBe(
        0,
      );
      core.db.exec('ANALYZE');

      recording = true;
      await core.sync.syncNow();
      await core.sync.documentsIdle();
      recording = false;

      const statements = [...ran.values()];
      recording = false;
      fixture = createInboxFixture(3_000, 5);
      fixture.db.exec(`UPDATE documents SET state = 'ready', local_path = 'x'; ANALYZE;`);
      // The tick did run the pull's, the outbox's and the downloader's queries (a pick per
      // worker, the next retry).
      expect(statements.some((run) => run.sql.includes('documents_due'))).toBe(true);
      expect(statements.some((run) => run.sql.includes('FROM outbox'))).toBe(true);
      expect(statements.some((run) => run.sql.includes('sync_state'))).toBe(true);
      for (const { sql, params } of statements) {
        const plan = (
          fixture.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
        )
          .map((row) => row.detail)
          .join('\n');
        for (const table of ['documents', 'applications', 'history_events']) {
          expect(plan, `${sql}\n→ ${plan}`).not.toMatch(fullScan(table));
        }
      }
    } finally {
      recording = false;
      fixture?.close();
      await core.close();
      await simulator.close();
    }
  });
});
