import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `Cette base de données a été créée par une version plus récente de Bureau (schéma ${found}, ` +
        `cette version connaît ${supported}). Installez la dernière version de Bureau.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationHooks {
  /** Runs before an existing database (not a new one) changes schema: the pre-migration backup. */
  beforeMigrating?(db: Database.Database, from: number, to: number): void;
}

/** Applies pending migrations in one transaction; `user_version` records the schema version. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  hooks: MigrationHooks = {},
): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return current;
  if (current > 0) hooks.beforeMigrating?.(db, current, latest);
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  db.pragma('optimize');
  return latest;
}
