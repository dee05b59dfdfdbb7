import { parentPort, workerData } from 'node:worker_threads';
import { startPortalHere, type TrainingPortalSettings } from './trainingPortal';

/**
 * Entry of the training portal's worker thread (trainingPortal.ts): the simulator with its own
 * event loop, so that generating and serving the training applications never holds up Bureau's.
 *
 * It listens first and generates its first applications (rendering their files) right after:
 * Bureau's sync starts at once, and its first request waits here, « syncing », until they exist.
 * The same seed and order give the same applications as generating them before listening.
 */
const settings = workerData as TrainingPortalSettings;
const simulator = await startPortalHere({ ...settings, count: 0 });
parentPort?.postMessage('ready');
simulator.store.add(settings.count, { initial: true });
parentPort?.on('message', (message) => {
  if (message === 'close') void simulator.close().then(() => parentPort?.close());
});
