import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadCatalog } from '../core/catalog/loadCatalog';
import { startPortalSimulator } from '../../simulator/server';

/** What the training portal's worker needs (structured-cloneable). */
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
  /** Resolves once the portal listens (its answers may wait for its first applications). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Starts the simulator in this thread: tests (from sources), or where the worker cannot load. */
export async function startPortalHere(settings: TrainingPortalSettings) {
  return startPortalSimulator({
    seed: settings.seed,
    count: settings.count,
    port: settings.port,
    token: settings.token,
    procedures: [...loadCatalog(join(settings.resourcesDir, 'procedures')).procedures],
    arrivalsPerMinute: settings.arrivalsPerMinute,
  });
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Training mode's embedded portal, off Bureau's start path. Generating its first applications
 * renders their files (JPEG and PNG encoding: 2.4 s for 300 applications), which used to delay
 * every training start and hold Bureau's event loop. In the built app the simulator now runs in
 * a worker thread (its own event loop, on the other core) on a port chosen beforehand: Bureau
 * opens its cache and serves the sign-in screen at once, its sync starts once the portal
 * listens, and the first pull waits there for the applications (trainingPortalWorker.ts). From
 * sources (tests) or when the worker cannot start, the simulator runs in this thread, as before.
 */
export async function startTrainingPortal(
  settings: Omit<TrainingPortalSettings, 'port'>,
  workerFile: string | null,
): Promise<TrainingPortal> {
  if (!workerFile) {
    const simulator = await startPortalHere({ ...settings, port: 0 });
    return { url: simulator.url, ready: Promise.resolve(), close: () => simulator.close() };
  }
  const port = await freeLoopbackPort();
  const full: TrainingPortalSettings = { ...settings, port };
  let close: () => Promise<void> = () => Promise.resolve();
  const ready = new Promise<void>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: full });
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    close = async () => {
      worker.postMessage('close');
      await exited;
    };
    let started = false;
    worker.once('message', () => {
      started = true;
      resolve();
    });
    worker.once('error', (error) => {
      if (started) {
        console.error('portail de formation arrêté', error);
        return;
      }
      // The worker could not load (a packaged app's archive, say): the simulator runs here.
      startPortalHere(full).then((simulator) => {
        close = () => simulator.close();
        resolve();
      }, reject);
      console.error('portail de formation : fil de travail indisponible, démarré ici', error);
    });
  });
  return { url: `http://127.0.0.1:${port}`, ready, close: () => close() };
}
