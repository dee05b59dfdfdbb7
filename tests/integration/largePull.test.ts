import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/api/types';
import { openSyncCore, scalar } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * Timing thresholds are checked only when measuring alone (`BUREAU_MEASURE_STALL=1 npx vitest run
 * tests/integration/largePull.test.ts`): in the parallel suite other files share the CPU and the
 * figure says more about them than about the pull. The suite still checks the pull's correctness.
 */
const MEASURE = process.env.BUREAU_MEASURE_STALL === '1';
const COUNT = MEASURE ? 20_000 : 4_000;

describe('a large pull', () => {
  it(`pulls ${COUNT} records completely, reporting progress (event-loop delay checked when measuring)`, async () => {
    const simulator = await startSimulator(COUNT, 51);
    cleanups.push(() => simulator.close());
    // Documents stay out of the measure: they download in the background, after the pull.
    const dataDir = tempDir();
    const core = openSyncCore({
      dataDir,
      portalUrl: simulator.url,
      token: simulator.token,
      tuning: { pageSize: 200, downloadConcurrency: 0 },
    });
    cleanups.push(() => core.close());
    const remaining: number[] = [];
    core.events.subscribe((message) => {
      const payload = message.payload as SyncStatus;
      if (message.event === 'sync.progress' && payload.remaining !== null) {
        remaining.push(payload.remaining);
      }
    });

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = performance.now();
    const status = await core.sync.syncNow();
    const seconds = (performance.now() - started) / 1000;
    histogram.disable();

    const maxMs = histogram.max / 1e6;
    const p99Ms = histogram.percentile(99) / 1e6;
    console.log(
      `large pull: ${COUNT} records in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)} rec/s), ` +
        `event-loop delay max ${maxMs.toFixed(1)} ms, p99 ${p99Ms.toFixed(1)} ms (simulator in-process)`,
    );
    expect([status.phase, status.errorMessage]).toEqual(['idle', null]);
    expect(scalar(core.db, 'SELECT count(*) FROM applications')).toBe(COUNT);
    expect(remaining[0]).toBe(COUNT - 200);
    expect(remaining.at(-1)).toBe(0);
    // Checkpoints ran on the side during the pull (pullCheckpoints.ts): the WAL file started over
    // every few slices instead of growing with the pull (~50 KB per case), and automatic
    // checkpoints are back on afterwards.
    const walBytes = statSync(join(dataDir, 'bureau.sqlite-wal')).size;
    console.log(`large pull: WAL file ${(walBytes / 1e6).toFixed(1)} MB after the pull`);
    expect(walBytes).toBeLessThan(64e6);
    expect(core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // The simulator shares this event loop and serialises pages too, so this bounds both. Writes
    // come in blocks of ~20 ms (work and commit, pullApplications.ts); on a quiet machine the
    // measured max is 42–45 ms, p99 32–36 ms (docs/status.md). Other processes on the machine
    // (a parallel test suite) push the max well past 100 ms: measure alone.
    if (MEASURE) {
      expect(p99Ms).toBeLessThan(50);
      expect(maxMs).toBeLessThan(100);
    }
  });
});
