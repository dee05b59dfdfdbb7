import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { nextTurn } from '../clock';

/**
 * WAL checkpoints during a large pull, off the main thread.
 *
 * SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages —
 * during a pull nearly every commit, since each case dirties a page in every index. It copied
 * those pages to the database file and fsynced it inside the slice's block of the main thread:
 * ~30 % of the pull's time and 10–25 ms blocks (measured, bench/ingestSteps.ts « sans checkpoint
 * automatique »). While a pull runs, automatic checkpoints are off and a worker thread, with its
 * own connection, checkpoints instead (PASSIVE: it never blocks the writer or readers). It runs
 * alongside the next slices; every few slices the puller waits (asynchronously: the event loop
 * stays free) until the WAL is fully copied, so the next write can start the WAL file over and it
 * stays a few slices long. A checkpoint only copies committed pages into the database file (pull
 * commits themselves skip the WAL sync: see `withoutWalSync` in pullApplications.ts).
 *
 * Should the worker be unavailable (it fails to start, or dies), checkpoints run on the main
 * thread between slices, in their own turns of the event loop, spaced so each stays short.
 */

/** The worker's whole program: its own connection, one PASSIVE checkpoint per request. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
`;

/** Slices written between two waits for a complete checkpoint (the WAL holds about this many). */
const SLICES_PER_FULL_CHECKPOINT = 8;

/**
 * A pull switches to side checkpoints from this many slices on: an everyday pull of a few pages
 * keeps SQLite's automatic checkpoint and never starts the worker.
 */
const LARGE_PULL_SLICES = 8;

/** Main-thread fallback: longest checkpoint wanted in one turn of the event loop. */
const MAIN_THREAD_BUDGET_MS = 20;
const MAX_SLICES_PER_MAIN_CHECKPOINT = 16;

function createCheckpointWorker(file: string) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
  worker.unref();
  let waiting: ((ok: boolean) => void) | null = null;
  let alive = true;
  const settle = (ok: boolean) => {
    const resolve = waiting;
    waiting = null;
    resolve?.(ok);
  };
  worker.on('message', (reply: { ok: boolean }) => settle(reply.ok));
  worker.on('error', () => {
    alive = false;
    settle(false);
  });
  worker.on('exit', () => {
    alive = false;
    settle(false);
  });
  let pending: Promise<boolean> | null = null;
  return {
    get alive() {
      return alive;
    },
    get busy() {
      return pending !== null;
    },
    /** Starts a checkpoint unless one is running; resolves false if the worker failed. */
    request(): Promise<boolean> {
      if (!alive) return Promise.resolve(false);
      pending ??= new Promise<boolean>((resolve) => {
        waiting = resolve;
        worker.postMessage('checkpoint');
      }).finally(() => {
        pending = null;
      });
      return pending;
    },
    /** The running checkpoint, if any. */
    settled(): Promise<boolean> {
      return pending ?? Promise.resolve(alive);
    },
    close(): void {
      if (alive) worker.postMessage('close');
      alive = false;
    },
  };
}

export function createPullCheckpoints(db: Database.Database) {
  let slices = 0;
  let saved: number | null = null;
  let worker: ReturnType<typeof createCheckpointWorker> | null = null;
  let workerFailed = db.memory;
  let slicesSinceFull = 0;
  // Main-thread fallback pacing.
  let every = 4;
  let sinceMain = 0;

  function startWorker() {
    if (worker?.alive) return worker;
    if (workerFailed) return null;
    try {
      worker = createCheckpointWorker(db.name);
      return worker;
    } catch {
      workerFailed = true;
      return null;
    }
  }

  async function onMainThread(): Promise<void> {
    if (++sinceMain < every) return;
    sinceMain = 0;
    await nextTurn();
    if (!db.open) return;
    const began = performance.now();
    db.pragma('wal_checkpoint(PASSIVE)');
    const ms = performance.now() - began;
    if (ms > MAIN_THREAD_BUDGET_MS) every = Math.max(1, Math.floor(every / 2));
    else if (ms < MAIN_THREAD_BUDGET_MS / 2)
      every = Math.min(MAX_SLICES_PER_MAIN_CHECKPOINT, every + 1);
  }

  return {
    /** A pull starts. */
    begin(): void {
      slices = 0;
    },
    /** After each committed slice, before the next one. */
    async afterSlice(): Promise<void> {
      if (++slices < LARGE_PULL_SLICES || !db.open) return;
      if (saved === null) {
        // A large pull: automatic checkpoints off until it ends.
        saved = db.pragma('wal_autocheckpoint', { simple: true }) as number;
        db.pragma('wal_autocheckpoint = 0');
      }
      const current = startWorker();
      if (!current) return onMainThread();
      if (++slicesSinceFull >= SLICES_PER_FULL_CHECKPOINT) {
        slicesSinceFull = 0;
        // Everything committed so far copied: the next write starts the WAL file over.
        await current.settled();
        if (!(await current.request())) workerFailed = true;
        return;
      }
      if (!current.busy) {
        void current.request().then((ok) => {
          if (!ok) workerFailed = true;
        });
      }
    },
    /** Back to automatic checkpoints, once the WAL is copied (large pulls only). */
    async end(): Promise<void> {
      slices = 0;
      if (saved === null) return;
      const restore = saved;
      saved = null;
      const current = worker?.alive ? worker : null;
      worker = null;
      slicesSinceFull = 0;
      if (current) {
        await current.settled();
        await current.request();
        current.close();
      }
      if (!db.open) return;
      if (!current) db.pragma('wal_checkpoint(PASSIVE)');
      db.pragma(`wal_autocheckpoint = ${restore}`);
    },
  };
}
export type PullCheckpoints = ReturnType<typeof createPullCheckpoints>;
