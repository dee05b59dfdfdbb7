import type Database from 'better-sqlite3';

export type SyncStateKey =
  | 'pull_cursor'
  | 'pull_cursor_seq'
  | 'last_success_at'
  | 'directory_cursor'
  | 'registry_cursor'
  | 'activity_cursor';

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
