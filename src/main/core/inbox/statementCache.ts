import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 200;

/**
 * Prepared statements keyed by their SQL text. Filter combinations make many distinct texts, so
 * the cache is bounded (least recently used goes first); values are always bound, never spliced.
 */
export function createStatementCache(db: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  function get(sql: string): Database.Statement {
    let statement = cache.get(sql);
    if (statement) cache.delete(sql);
    else statement = db.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
    return statement;
  }
  return {
    all<T>(sql: string, params: Record<string, unknown>): T[] {
      const statement = get(sql);
      // better-sqlite3 refuses named parameters the statement does not use: pass only its own.
      const wanted = Object.fromEntries(
        Object.entries(params).filter(([name]) => sql.includes(`@${name}`)),
      );
      return statement.all(wanted) as T[];
    },
  };
}
