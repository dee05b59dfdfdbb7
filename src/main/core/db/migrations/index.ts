import { sql as init } from './001_init';
import { sql as inboxSearch } from './002_inbox_search';
import { sql as syncEngine } from './003_sync_engine';
import { sql as inboxSpeed } from './004_inbox_speed';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered, append-only: a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'inbox_search', sql: inboxSearch },
  { version: 3, name: 'sync_engine', sql: syncEngine },
  { version: 4, name: 'inbox_speed', sql: inboxSpeed },
];
