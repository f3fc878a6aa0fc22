import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The SQLite connection as Kysely sees it, with its prepared statements kept by SQL text: Kysely's SQLite driver
 * calls `prepare()` for every query, which cost about a tenth of a command's CPU (docs/BENCHMARKS.md). The most
 * recently used `limit` statements are kept; one that is still iterating (a streamed query) is not handed out twice.
 */
export function withStatementCache(database: SQLite.Database, limit = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (text: string) => {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        // Moved to the end: the map's order is the order of last use.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = database.prepare(text);
      if (cached) return statement;
      cache.set(text, statement);
      if (cache.size > limit) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}
