import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 200;

/**
 * Prepared statements keyed by their SQL text. Filter combinations make many distinct texts, so
 * the cache is bounded (least recently used goes first); values are always bound, never spliced.
 *
 * The whole parameter object is bound as is: better-sqlite3 reads only the named parameters the
 * statement declares (whatever their prefix, `@`, `:` or `$`) and ignores other keys, so a list
 * and its queue can share one object. A parameter the statement needs and the object lacks is
 * refused ("Missing named parameter"), which is the mistake worth hearing about.
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
      return get(sql).all(params) as T[];
    },
  };
}
