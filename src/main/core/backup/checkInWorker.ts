import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { hasSqliteHeader } from './backupFiles';
import { isDamageError, type CheckDepth, type DatabaseCheck } from './databaseCheck';

/** better-sqlite3 as this module resolves it (the worker loads the same native addon). */
const SQLITE_MODULE = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * The worker is plain CommonJS source rather than a bundled file: the main bundle has a single
 * entry, and this keeps the check usable the same way under Electron, the web host and vitest.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const lines = db.pragma(workerData.pragma).map((row) => String(Object.values(row)[0]));
  const schemaVersion = db.pragma('user_version', { simple: true });
  parentPort.postMessage({ lines, schemaVersion });
} catch (error) {
  parentPort.postMessage({ error: { code: String(error.code || ''), message: String(error.message) } });
} finally {
  if (db) db.close();
}
`;

type WorkerAnswer =
  { lines: string[]; schemaVersion: number } | { error: { code: string; message: string } };

/**
 * `checkDatabaseFile` for a file nobody else uses (a backup), in a worker thread:
 * `integrity_check` reads every page (≈ 9 s at 100k cases) and must not stall the event loop
 * while clerks work.
 */
export async function checkBackupFileInWorker(
  file: string,
  depth: CheckDepth,
  signal?: AbortSignal,
): Promise<DatabaseCheck> {
  if (!hasSqliteHeader(file)) {
    return {
      ok: false,
      reason: 'not_a_database',
      detail: 'Le fichier ne commence pas par l’en-tête « SQLite format 3 ».',
    };
  }
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        sqlite: SQLITE_MODULE,
        file,
        pragma: depth === 'full' ? 'integrity_check(20)' : 'quick_check(20)',
      },
    });
    worker.once('message', (message: WorkerAnswer) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`vérification interrompue (code ${code})`)));
    // Stopping Bureau ends the check (the live cache's background check, see backgroundCheck.ts).
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
  });
  if ('error' in answer) {
    const error = new Database.SqliteError(answer.error.message, answer.error.code);
    if (isDamageError(error)) {
      return {
        ok: false,
        reason: error.code.startsWith('SQLITE_NOTADB') ? 'not_a_database' : 'corrupted',
        detail: error.message,
      };
    }
    throw error;
  }
  const problems = answer.lines.filter((line) => line !== 'ok');
  if (problems.length > 0) {
    return { ok: false, reason: 'integrity_failed', detail: problems.slice(0, 5).join('\n') };
  }
  return { ok: true, schemaVersion: answer.schemaVersion, result: 'ok' };
}
