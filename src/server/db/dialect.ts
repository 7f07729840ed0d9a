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

/**
 * Whether the region path `path` lies in the subtree rooted at the path `root` (paths are `/1/5/23/`, so a
 * descendant's continues with a digit, and ':' is the character after '9'). A range instead of
 * `LIKE root || '%'`: a pattern computed per row, or a prefix under a linguistic collation, cannot use an index,
 * and every API request's session read scanned all regions. Compared bytewise, the order of the regions_path
 * index on both engines (a linguistic collation would also misplace the '/' separators).
 */
export function pathWithin(engine: Engine, path: RawBuilder<unknown>, root: RawBuilder<unknown>): RawBuilder<boolean> {
  return engine === 'postgres'
    ? sql<boolean>`(${path} collate "C" >= ${root} and ${path} collate "C" < ${root} || ':')`
    : sql<boolean>`(${path} >= ${root} and ${path} < ${root} || ':')`;
}
