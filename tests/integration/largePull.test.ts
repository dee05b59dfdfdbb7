import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/api/types';
import { openSyncCore, scalar } from '../support/syncBureau';
import { startSimulator, tempDir } from '../support/testBureau';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * What a large pull does: every record, progress, checkpoints. How long it takes and how long it
 * holds the event loop are figures of the machine: `BENCH_ONLY=timings npm run bench`
 * (bench/timings.ts).
 */
const COUNT = 4_000;

describe('a large pull', () => {
  it(`pulls ${COUNT} records completely, reporting progress`, async () => {
    const simulator = await startSimulator(COUNT, 51);
    cleanups.push(() => simulator.close());
    // Documents stay out: they download in the background, after the pull.
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

    const status = await core.sync.syncNow();
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
  });
});
