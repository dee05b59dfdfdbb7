import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/api/types';
import {
  cacheSnapshot,
  searchTermsOf,
  tallies,
  talliesCountedFromCases,
} from '../support/cacheSnapshot';
import { openSyncCore, scalar } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * Issue 18 §4: a first sync of an empty cache loads the rows alone, then builds the indexes,
 * search entries and tallies on the writer thread (bulkSync.ts). Whatever path the records took,
 * the cache must end the same as one filled page by page on the main thread.
 */
const COUNT = 6_000;

describe('bulk first sync', () => {
  it(`loads ${COUNT} records in bulk and ends with the same cache as a page-by-page pull`, async () => {
    const simulator = await startSimulator(COUNT, 23);
    cleanups.push(() => simulator.close());
    const open = (tuning: Record<string, number>) => {
      const core = openSyncCore({
        dataDir: tempDir(),
        portalUrl: simulator.url,
        token: simulator.token,
        tuning: { pageSize: 500, downloadConcurrency: 0, ...tuning },
      });
      cleanups.push(() => core.close());
      return core;
    };
    // The page-by-page pull: every page on the main thread, nothing deferred (as before §4).
    const reference = open({ bulkFirstSyncMin: 0, writerMinRecords: Number.MAX_SAFE_INTEGER });
    // The bulk first sync is off by default (backoff.ts): on here.
    const bulk = open({ bulkFirstSyncMin: 5_000 });

    const phases = new Set<string>();
    bulk.events.subscribe((message) => {
      const preparing = (message.payload as SyncStatus).preparing;
      if (message.event === 'sync.progress' && preparing) phases.add(preparing.phase);
    });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const bulkStatus = await bulk.sync.syncNow();
    delay.disable();
    // Logged, never asserted: a figure of the machine (bench: BENCH_ONLY=ingest).
    console.log(`bulk first sync: main thread's longest block ${(delay.max / 1e6).toFixed(0)} ms`);
    const referenceStatus = await reference.sync.syncNow();
    expect([bulkStatus.phase, bulkStatus.errorMessage]).toEqual(['idle', null]);
    expect([referenceStatus.phase, referenceStatus.errorMessage]).toEqual(['idle', null]);
    // It did load in bulk, said so, and nothing is left to prepare.
    expect([...phases].sort()).toEqual(['indexes', 'loading', 'search', 'tallies']);
    expect(bulk.sync.status().preparing ?? null).toBeNull();
    expect(scalar(bulk.db, "SELECT count(*) FROM sync_state WHERE key = 'bulk_sync'")).toBe(0);
    expect(scalar(bulk.db, 'SELECT count(*) FROM applications')).toBe(COUNT);

    const terms = searchTermsOf(reference.db);
    expect(terms.length).toBeGreaterThan(5);
    const expected = cacheSnapshot(reference.db, terms);
    expect(expected.search.some((hit) => hit.ids.length > 0)).toBe(true);
    expect(cacheSnapshot(bulk.db, terms)).toEqual(expected);
    expect(tallies(bulk.db)).toEqual(talliesCountedFromCases(bulk.db));

    // Afterwards the cache lives as any other: new cases, a withdrawal, through the triggers.
    await simulator.admin('/__sim/applications', { count: 150 });
    const target = bulk.db
      .prepare("SELECT id FROM applications WHERE status = 'submitted' ORDER BY id LIMIT 1")
      .pluck()
      .get() as string;
    await simulator.admin('/__sim/changes', { id: target, kind: 'withdraw' });
    await bulk.sync.syncNow();
    await reference.sync.syncNow();
    expect(scalar(bulk.db, 'SELECT status FROM applications WHERE id = ?', target)).toBe(
      'withdrawn',
    );
    expect(cacheSnapshot(bulk.db, terms)).toEqual(cacheSnapshot(reference.db, terms));
    expect(tallies(bulk.db)).toEqual(talliesCountedFromCases(bulk.db));
  });
});
