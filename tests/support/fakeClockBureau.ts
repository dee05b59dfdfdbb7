import type { Clock, Scheduler } from '../../src/main/core/clock';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/createCore';
import {
  startPortalSimulator,
  type PortalSimulator,
  type PortalSimulatorOptions,
} from '../../src/simulator/server';
import { procedures, resourcesDir } from './testBureau';

/**
 * The start-up the scenario tests share: a simulator and a training core on loopback, both on the
 * test's clock (tests/support/fakeClock.ts), so that what the portal dates and what Bureau dates
 * agree, and the core's timers wait for the test to move the time.
 */

export const PORTAL_TOKEN = 'test-portal-token';

/** The portal simulator, dating what it records on `clock`. */
export function startSimulatorOn(
  clock: Clock,
  options: { seed: number; count: number; api?: 1 | 2; limits?: PortalSimulatorOptions['limits'] },
): Promise<PortalSimulator> {
  return startPortalSimulator({
    ...(options.limits ? { limits: options.limits } : {}),
    seed: options.seed,
    count: options.count,
    ...(options.api ? { api: options.api } : {}),
    port: 0,
    token: PORTAL_TOKEN,
    procedures: procedures(),
    now: () => clock.now(),
  });
}

/**
 * A core on `dataDir` syncing from `portalUrl`, on `clock` (its time and its timers): a training
 * core unless `training: false` (a real office's desk: no seeded accounts, enrollable).
 */
export function openCoreOn(
  clock: Scheduler,
  options: {
    dataDir: string;
    portalUrl: string;
    token?: string;
    /** Default 5 s. */
    timeoutMs?: number;
    /** Default true. */
    training?: boolean;
  } & Pick<CoreOptions, 'syncTuning' | 'claimTimeoutMinutes'>,
): Core {
  return createCore({
    dataDir: options.dataDir,
    resourcesDir,
    portal: {
      url: options.portalUrl,
      token: options.token ?? PORTAL_TOKEN,
      timeoutMs: options.timeoutMs ?? 5_000,
    },
    trainingMode: options.training ?? true,
    log: () => {},
    clock,
    ...(options.syncTuning ? { syncTuning: options.syncTuning } : {}),
    ...(options.claimTimeoutMinutes ? { claimTimeoutMinutes: options.claimTimeoutMinutes } : {}),
  });
}
