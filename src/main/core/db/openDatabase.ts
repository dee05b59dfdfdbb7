import Database from 'better-sqlite3';
import { migrate, type MigrationHooks } from './migrate';
import { MIGRATIONS } from './migrations';

/**
 * Opens (creating if needed) the cache. WAL with synchronous=FULL: a clerk's decision and its
 * outbox row must survive a power cut, and better-sqlite3's WAL default (NORMAL) may lose the
 * last commits on power loss.
 */
export function openDatabase(file: string, hooks?: MigrationHooks): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MB of page cache (default 2 MB): at a million cases the inbox, sort and FTS indexes'
    // upper levels stay in memory. Memory only; durability is unchanged.
    db.pragma('cache_size = -32768');
    // Multi-row inserts keep a statement journal (to undo one statement on a constraint failure);
    // past 64 KB SQLite spills it to a temporary file, ~16 % of ingest time (perf). In memory it
    // is a page copy; the database's durability is unchanged.
    db.pragma('temp_store = MEMORY');
    migrate(db, MIGRATIONS, hooks);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
