import type pg from 'pg';

/**
 * PostgreSQL server-side prepared statements for the statements `prepared()` compiles once (db/prepared.ts):
 * each connection parses and analyses such a statement on its first run only, and later runs just bind and
 * execute, so PostgreSQL's CPU per recorded visit halves (its statements are short; parsing and planning was most
 * of their cost). Only those statements get a name, so the set stays small (one name per compiled form); any other
 * SQL runs unnamed as before.
 *
 * A named statement keeps its result columns for the life of the connection: a schema change must come before
 * the nodes serve (migrations run at start), as it does in every deployment described in the README.
 */
const names = new Map<string, string>();
/** A bound on the names (each connection keeps a parsed copy of every one it has run). */
const maxNames = 2000;

/** Marks `sql` as a statement to prepare once per connection. */
export function nameStatement(sql: string): void {
  if (!names.has(sql) && names.size < maxNames) names.set(sql, `sy_${names.size}`);
}

type Query = (...args: unknown[]) => unknown;

/** Makes every connection of `pool` run the named statements as prepared statements. */
export function withNamedStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    // Kysely runs a statement as query(text, values); anything else (a cursor, a config object) goes through as is.
    (client as unknown as { query: Query }).query = (text: unknown, ...rest: unknown[]) => {
      const name = typeof text === 'string' ? names.get(text) : undefined;
      if (name === undefined || !Array.isArray(rest[0])) return query(text, ...rest);
      return query({ name, text, values: rest[0] }, ...rest.slice(1));
    };
  });
  return pool;
}
