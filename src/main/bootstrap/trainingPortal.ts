import { join } from 'node:path';
import { loadCatalog } from '../core/catalog/loadCatalog';
import { startPortalSimulator } from '../../simulator/server';

/** The training portal: the simulator with the training seed and the catalog's procedures. */
export interface TrainingPortalSettings {
  seed: number;
  count: number;
  port: number;
  token: string;
  resourcesDir: string;
  arrivalsPerMinute: number;
}

export interface TrainingPortal {
  url: string;
  /** Resolves once the portal answers (at once: it is started with its applications). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Starts the simulator in this thread, its first applications generated. */
export async function startPortalHere(settings: TrainingPortalSettings) {
  return startPortalSimulator({
    seed: settings.seed,
    count: settings.count,
    port: settings.port,
    token: settings.token,
    procedures: [...loadCatalog(join(settings.resourcesDir, 'procedures')).procedures],
    arrivalsPerMinute: settings.arrivalsPerMinute,
    // Cards issued and cited, repeat applicants, duplicates: the recoupements to practise on.
    linkedRecords: true,
  });
}

/**
 * Training mode's embedded portal, in this thread, generated before Bureau starts syncing.
 *
 * Tried and set aside (session 7): the simulator in a worker thread, listening first and
 * generating after. The sign-in screen came sooner, but the first sync then waited on a portal
 * busy generating (a synchronous loop) past the request deadline (10 s to the answer's start) on a
 * loaded machine, and the end-to-end tests saw « Synchronisation… » for over 30 s. Generating in
 * slices (so the worker answers meanwhile) would make it worth trying again.
 */
export async function startTrainingPortal(
  settings: Omit<TrainingPortalSettings, 'port'>,
): Promise<TrainingPortal> {
  const simulator = await startPortalHere({ ...settings, port: 0 });
  return { url: simulator.url, ready: Promise.resolve(), close: () => simulator.close() };
}
