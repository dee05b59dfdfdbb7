import { randomBytes } from 'node:crypto';
import type { AppInfo } from '../../shared/api/types';
import { createCore } from '../core/createCore';
import { DEFAULT_DAILY_SCHEDULE } from '../core/backup/backupService';
import { createRestartableApi, type HostedApi } from '../core/backup/restartableApi';
import { startCoreOrRecovery } from '../core/backup/startCoreOrRecovery';
import { systemClock } from '../core/clock';
import { resourcesDirOf } from './appPaths';
import { readPortalSettings } from './portalSettings';
import { startTrainingPortal, type TrainingPortal } from './trainingPortal';

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
  /** The whole-file check of the running cache (default: a minute after start, then daily). */
  integrityCheck?: { firstAfterMs: number; everyMs: number };
}

export interface RunningBureau {
  /**
   * What the hosts serve: the core's API, or recovery mode's when the cache is damaged. The same
   * object across an in-process restart (after a restore), so hosts wire it once.
   */
  core: HostedApi;
  mode(): 'normal' | 'recovery' | null;
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
  let simulator: TrainingPortal | null = null;
  let portal = configured;
  if (!portal) {
    const token = options.trainingPortalToken ?? randomBytes(24).toString('base64url');
    simulator = await startTrainingPortal({
      seed: TRAINING_SEED,
      count: options.trainingCount ?? 300,
      token,
      resourcesDir,
      arrivalsPerMinute: 2,
    });
    portal = { url: simulator.url, token };
  }
  const log = (message: string, error?: unknown) => console.error(message, error ?? '');
  const trainingMode = simulator !== null;
  const bureau = createRestartableApi((restart) =>
    startCoreOrRecovery({
      dataDir: options.dataDir,
      clock: systemClock,
      info: {
        version: options.version,
        host: options.host,
        trainingMode,
        portalUrl: portal.url,
        dataDir: options.dataDir,
      },
      log,
      restart,
      syncIntervalMs: options.syncIntervalMs ?? 60_000,
      ...(simulator ? { syncAfter: simulator.ready } : {}),
      ...(options.integrityCheck ? { integrityCheck: options.integrityCheck } : {}),
      createCore: () =>
        createCore({
          dataDir: options.dataDir,
          resourcesDir,
          portal,
          trainingMode,
          host: options.host,
          version: options.version,
          dailyBackups: DEFAULT_DAILY_SCHEDULE,
          restart,
        }),
    }),
  );
  await bureau.start();
  return {
    core: bureau.api,
    mode: bureau.mode,
    trainingPortalUrl: simulator?.url ?? null,
    async stop() {
      await bureau.stop();
      await simulator?.close();
    },
  };
}
