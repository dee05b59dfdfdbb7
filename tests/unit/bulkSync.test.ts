import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPageQuery } from '../../src/main/core/inbox/buildListQuery';
import { planSearch } from '../../src/main/core/inbox/searchExpression';
import { listOrder } from '../../src/main/core/inbox/sortOrder';
import { createBulkSync, KEPT_INDEXES } from '../../src/main/core/sync/bulkSync';
import { runWriteJob } from '../../src/main/core/sync/pullWriter';
import { QUEUE_IDS, type QueueId } from '../../src/shared/api/types';
import { tallies, talliesCountedFromCases } from '../support/cacheSnapshot';
import { createInboxFixture, type InboxFixture } from '../support/inboxFixture';
import { repoRoot } from '../support/paths';

/**
 * The bulk first sync's build (bulkSync.ts) on a cache whose indexes, search entries, keys and
 * tallies were all set aside: afterwards the schema is the migrations' own, the tallies are the
 * cases' counts, search finds what it found, and the inbox's queries take the plans
 * inboxQueryPlan.test.ts asks for.
 */
let fixture: InboxFixture;
const schemaOf = () =>
  fixture.db
    .prepare(
      "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY 1, 2",
    )
    .all();
const hitsOf = (term: string) =>
  fixture.db
    .prepare('SELECT rowid FROM inbox_search WHERE inbox_search MATCH ? ORDER BY rowid')
    .pluck()
    .all(`"${term}"*`);
const TERMS = ['kpodar', 'amegan', 'lawson', 'ko'];

let schemaBefore: unknown[];
let hitsBefore: unknown[][];
beforeAll(() => {
  fixture = createInboxFixture(3_000, 3);
  schemaBefore = schemaOf();
  hitsBefore = TERMS.map(hitsOf);
  const bulk = createBulkSync(fixture.db);
  const marker = bulk.enter();
  expect(marker.deferred.length).toBeGreaterThan(10);
  // As after a bulk load: no search entry, key or tally was written for the cases.
  fixture.db.exec(`INSERT INTO inbox_search (inbox_search) VALUES ('delete-all');
    DELETE FROM case_keys; DELETE FROM inbox_tallies; DELETE FROM dashboard_intake;
    DELETE FROM dashboard_decisions; DELETE FROM dashboard_open;`);
  expect(hitsOf('lawson')).toEqual([]);
  for (const step of bulk.buildSteps(bulk.marker()!, bulk.lastRowid())) {
    runWriteJob(fixture.db, step.job);
  }
  expect(bulk.marker()).toBeNull();
  fixture.db.exec('ANALYZE');
});
afterAll(() => fixture.close());

function pagePlan(queue: QueueId): string {
  const order = listOrder(undefined, false);
  const built = buildPageQuery(
    { queue, filters: {}, match: planSearch('').match, walkIndex: false },
    order,
    false,
  );
  return (
    fixture.db
      .prepare(`EXPLAIN QUERY PLAN ${built.sql}`)
      .all({ ...built.params, ...fixture.scope, afterValue: 'x', afterId: 'y', limit: 100 }) as {
      detail: string;
    }[]
  )
    .map((row) => row.detail)
    .join('\n');
}

describe('bulk sync build', () => {
  it('brings back the migrations’ schema: every index and trigger set aside', () => {
    expect(schemaOf()).toEqual(schemaBefore);
  });

  it('counts the tallies from the cases, builds the keys and the search entries', () => {
    expect(tallies(fixture.db)).toEqual(talliesCountedFromCases(fixture.db));
    expect(TERMS.map(hitsOf)).toEqual(hitsBefore);
    expect(hitsBefore.flat().length).toBeGreaterThan(0);
    const missingKeys = fixture.db
      .prepare(
        `SELECT count(*) FROM (SELECT kind, value, application_id FROM case_keys_source WHERE value <> ''
           EXCEPT SELECT kind, value, application_id FROM case_keys)`,
      )
      .pluck()
      .get();
    expect(missingKeys).toBe(0);
  });

  it('the inbox pages walk their indexes after a bulk sync (no scan, no sort)', () => {
    for (const queue of QUEUE_IDS) {
      const detail = pagePlan(queue);
      expect(detail, `${queue}\n${detail}`).toMatch(/USING (COVERING )?INDEX applications_/);
      expect(detail, `${queue}\n${detail}`).not.toMatch(/TEMP B-TREE|SCAN a$/m);
    }
  });

  it('keeps every index a statement names with INDEXED BY (it could not be prepared without)', () => {
    const named = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts'))
          for (const match of readFileSync(path, 'utf8').matchAll(/INDEXED BY (\w+)/g))
            named.add(match[1]!);
      }
    };
    walk(join(repoRoot, 'src', 'main'));
    expect(named.size).toBeGreaterThan(0);
    expect([...named].filter((name) => !KEPT_INDEXES.includes(name))).toEqual([]);
  });
});
