import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Which engine a Kysely instance talks to: migrations and the few engine-specific statements branch on it. */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * An aggregate of integer ids as one comma-separated text, in ascending order (null over no rows): a set of ids
 * read in the same query as the row it belongs to.
 */
export function idList(engine: Engine, column: RawBuilder<unknown>): RawBuilder<string | null> {
  return engine === 'postgres'
    ? sql<string | null>`string_agg(${column}::text, ',' order by ${column})`
    : sql<string | null>`group_concat(${column}, ',' order by ${column})`;
}
