import Database from 'better-sqlite3';
import type { RecoveryReason } from '../../../shared/api/backupTypes';
import { hasSqliteHeader } from './backupFiles';

export type DatabaseCheck =
  | { ok: true; schemaVersion: number; result: 'ok' }
  | { ok: false; reason: RecoveryReason; detail: string };

/**
 * `quick` (PRAGMA quick_check) reads every page and checks the b-trees but not that indexes
 * match their tables: fast enough for every start. `full` (PRAGMA integrity_check) adds the
 * index cross-check and runs on each backup written and each backup restored.
 */
export type CheckDepth = 'quick' | 'full';

/** SQLite's own codes for a file that is not (or no longer) a database. */
const DAMAGE_CODES = /^SQLITE_(NOTADB|CORRUPT)/;

type SqliteError = InstanceType<typeof Database.SqliteError>;

/** A damaged file (go to recovery), as opposed to a busy, missing or forbidden one (an error). */
export function isDamageError(error: unknown): error is SqliteError {
  return error instanceof Database.SqliteError && DAMAGE_CODES.test(error.code);
}

function reasonOf(error: SqliteError): RecoveryReason {
  return error.code.startsWith('SQLITE_NOTADB') ? 'not_a_database' : 'corrupted';
}

/**
 * Checks a database file without changing it (`readonly`), or — for the live cache, whose WAL
 * must be replayed — with a normal connection that only reads. Errors that are not damage (the
 * file is locked, missing, unreadable) are thrown: they must never lead to setting a good
 * database aside.
 */
export function checkDatabaseFile(
  file: string,
  options: { depth: CheckDepth; readonly: boolean },
): DatabaseCheck {
  if (!hasSqliteHeader(file)) {
    return {
      ok: false,
      reason: 'not_a_database',
      detail: 'Le fichier ne commence pas par l’en-tête « SQLite format 3 ».',
    };
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: options.readonly, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const pragma = options.depth === 'full' ? 'integrity_check(20)' : 'quick_check(20)';
    const problems = (db.pragma(pragma) as Record<string, string>[])
      .map((row) => Object.values(row)[0] ?? '')
      .filter((line) => line !== 'ok');
    if (problems.length > 0) {
      return { ok: false, reason: 'integrity_failed', detail: problems.slice(0, 5).join('\n') };
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    return { ok: true, schemaVersion, result: 'ok' };
  } catch (error) {
    if (isDamageError(error)) return { ok: false, reason: reasonOf(error), detail: error.message };
    throw error;
  } finally {
    db?.close();
  }
}
