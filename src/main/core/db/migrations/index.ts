import { sql as init } from './001_init';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered, append-only: a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'init', sql: init }];
