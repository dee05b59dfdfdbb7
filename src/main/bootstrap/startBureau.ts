import { randomBytes } from 'node:crypto';
import type { AppInfo } from '../../shared/api/types';
import { loadCatalog } from '../core/catalog/loadCatalog';
import { createCore, type Core } from '../core/createCore';
import { startPortalSimulator } from '../../simulator/server';
import { resourcesDirOf } from './appPaths';
import { readPortalSettings } from './portalSettings';
import { join } from 'node:path';

export interface StartOptions {
  appRoot: string;
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** Training mode: how many applications the embedded portal starts with. */
  trainingCount?: number;
  syncIntervalMs?: number;
  /**
   * Training mode: the embedded portal's admin token (default: random). End-to-end tests pass
   * their own so they can play the applicant on the simulator's `/__sim` routes.
   */
  trainingPortalToken?: string;
}

export interface RunningBureau {
  core: Core;
  trainingPortalUrl: string | null;
  stop(): Promise<void>;
}

const TRAINING_SEED = 20_240_101;

/**
 * Starts the core on a data directory. With no portal configured it starts the simulator
 * in-process on loopback (training mode), so a new install shows a working inbox at once.
 */
export async function startBureau(options: StartOptions): Promise<RunningBureau> {
  const resourcesDir = resourcesDirOf(options.appRoot);
  const configured = readPortalSettings(options.dataDir);
  let simulator: Awaited<ReturnType<typeof startPortalSimulator>> | null = null;
  let portal = configured;
  if (!portal) {
    const token = options.trainingPortalToken ?? randomBytes(24).toString('base64url');
    simulator = await startPortalSimulator({
      seed: TRAINING_SEED,
      count: options.trainingCount ?? 300,
      port: 0,
      token,
      procedures: [...loadCatalog(join(resourcesDir, 'procedures')).procedures],
      arrivalsPerMinute: 2,
    });
    portal = { url: simulator.url, token };
  }
  const core = createCore({
    dataDir: options.dataDir,
    resourcesDir,
    portal,
    trainingMode: simulator !== null,
    host: options.host,
    version: options.version,
  });
  core.sync.start(options.syncIntervalMs ?? 60_000);
  return {
    core,
    trainingPortalUrl: simulator?.url ?? null,
    async stop() {
      await core.close();
      await simulator?.close();
    },
  };
}
