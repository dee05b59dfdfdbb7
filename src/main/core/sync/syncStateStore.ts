import type Database from 'better-sqlite3';
import type { Clock } from '../clock';

export type SyncStateKey =
  | 'pull_cursor'
  | 'pull_cursor_seq'
  | 'last_success_at'
  | 'last_contact_at'
  | 'directory_cursor'
  | 'registry_cursor'
  | 'activity_cursor'
  | 'text_modules_cursor';

export function createSyncStateStore(db: Database.Database) {
  const read = db.prepare<[string], { value: string }>(
    'SELECT value FROM sync_state WHERE key = ?',
  );
  const write = db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: SyncStateKey): string | null => read.get(key)?.value ?? null,
    set: (key: SyncStateKey, value: string): void => void write.run(key, value),
  };
}
export type SyncStateStore = ReturnType<typeof createSyncStateStore>;

const MINUTE_MS = 60_000;

/**
 * The last time the portal answered, which the header shows (« Dernier contact : aujourd'hui
 * 10:42 ») even after a restart. A server failure (5xx, often a proxy's) is an answer, which
 * proves the link works, but no contact with the portal itself. The stored value moves once a
 * minute at most, the header's precision: a pull answers many times a second.
 */
export function createLastContact(
  store: SyncStateStore,
  clock: Clock,
  log?: (message: string, error?: unknown) => void,
) {
  // A cache from before this was kept: its last successful sync was a contact too.
  let last = store.get('last_contact_at') ?? store.get('last_success_at');
  let storedMinute = last === null ? null : Math.floor(Date.parse(last) / MINUTE_MS);
  let answers = 0;
  return {
    /** Every answer, whatever its status (a run uses it to tell « the portal talks »). */
    answered(status: number): void {
      answers++;
      if (status >= 500) return;
      const now = clock.now();
      last = now.toISOString();
      const minute = Math.floor(now.getTime() / MINUTE_MS);
      if (minute === storedMinute) return;
      try {
        store.set('last_contact_at', last);
        storedMinute = minute;
      } catch (error) {
        // A late answer after the cache closed: the next start reads the minute stored before.
        log?.('last contact not stored', error);
      }
    },
    /** ISO instant of the last contact, or null when the portal never answered this cache. */
    lastContactAt: (): string | null => last,
    /** How many answers came so far (any status). */
    answers: (): number => answers,
  };
}
export type LastContact = ReturnType<typeof createLastContact>;
