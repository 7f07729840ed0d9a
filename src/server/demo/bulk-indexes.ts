/**
 * Bulk loading into empty tables: the secondary indexes are dropped before the load and built again after it,
 * once, by sorting (much cheaper than maintaining a dozen random-key indexes row by row). Indexes that back a
 * constraint (primary key, UNIQUE) stay, so duplicates are still refused during the load. The definitions are
 * read from the database's own catalogue, so an index added by a later migration is handled the same way.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';

interface IndexDefinition {
  name: string;
  definition: string;
}

async function droppableIndexes(db: Kysely<DB>, tables: readonly string[]): Promise<IndexDefinition[]> {
  const names = sql.join(tables.map((t) => sql.lit(t)));
  if (engineOf(db) === 'sqlite') {
    const rows = await sql<IndexDefinition>`SELECT name, sql AS definition FROM sqlite_master
      WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${names})`.execute(db);
    return rows.rows;
  }
  const rows = await sql<IndexDefinition>`SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${names})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  return rows.rows;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Runs `load` with the secondary indexes of `tables` dropped, and builds them again afterwards — also when the
 * load fails, so the database is never left without them.
 */
export async function withIndexesDeferred<T>(
  db: Kysely<DB>,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await droppableIndexes(db, tables);
  for (const index of indexes) await sql.raw(`DROP INDEX ${quoted(index.name)}`).execute(db);
  try {
    return await load();
  } finally {
    for (const index of indexes) await sql.raw(index.definition).execute(db);
  }
}
