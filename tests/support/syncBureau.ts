import type Database from 'better-sqlite3';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { SyncTuning } from '../../src/main/core/sync/backoff';
import type { FaultSettings } from '../../src/simulator/faults';
import { resourcesDir } from './testBureau';

/** Delays shrunk to milliseconds so fault scenarios converge in a test's time. */
export const FAST_TUNING: Partial<SyncTuning> = {
  pageSize: 50,
  pageAttempts: 8,
  retryBaseMs: 5,
  retryMaxMs: 40,
  retryAfterMaxMs: 2_000,
  probeBaseMs: 20,
  probeMaxMs: 100,
  downloadAttempts: 3,
  downloadStallMs: 1_500,
};

export function openSyncCore(options: {
  dataDir: string;
  portalUrl: string;
  token?: string;
  tuning?: Partial<SyncTuning>;
}): Core {
  return createCore({
    dataDir: options.dataDir,
    resourcesDir,
    portal: { url: options.portalUrl, token: options.token, timeoutMs: 3_000 },
    trainingMode: true,
    log: () => {},
    syncTuning: { ...FAST_TUNING, ...options.tuning },
  });
}

export async function setFaults(
  simulator: { url: string; token: string },
  faults: Partial<FaultSettings> | undefined,
): Promise<void> {
  const response = await fetch(`${simulator.url}/__sim/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simulator.token}`, 'content-type': 'application/json' },
    body: faults === undefined ? '' : JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`faults: ${response.status} ${await response.text()}`);
}

/** Polls until `check` holds (the engine works in the background); fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const scalar = <T>(db: Database.Database, sql: string, ...params: unknown[]): T =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as T;
