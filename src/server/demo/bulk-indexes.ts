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
 * SQLite settings of the connection changed for the duration of `work` and restored after it. On PostgreSQL
 * (whose settings here would need a superuser or a server restart) it just runs `work`.
 */
async function withSqlitePragmas<T>(db: Kysely<DB>, pragmas: Record<string, number>, work: () => Promise<T>) {
  if (engineOf(db) !== 'sqlite') return work();
  const saved: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(pragmas)) {
    const rows = await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(db);
    saved[name] = Object.values(rows.rows[0] ?? {})[0];
    await sql.raw(`PRAGMA ${name} = ${value}`).execute(db);
  }
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) await sql.raw(`PRAGMA ${name} = ${Number(value)}`).execute(db);
  }
}

/**
 * Runs `load` with the secondary indexes of `tables` dropped, and builds them again afterwards — also when the
 * load fails, so the database is never left without them. On SQLite, the load commits without waiting for the
 * disk (synchronous = NORMAL: in WAL mode a power cut can lose the last commits of the load, never corrupt the
 * database), and the indexes are sorted with a second thread and 64 MiB of cache instead of 2 MiB.
 */
export async function withIndexesDeferred<T>(
  db: Kysely<DB>,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await droppableIndexes(db, tables);
  for (const index of indexes) await sql.raw(`DROP INDEX ${quoted(index.name)}`).execute(db);
  try {
    return await withSqlitePragmas(db, { synchronous: 1 }, load);
  } finally {
    await withSqlitePragmas(db, { threads: 2, cache_size: -65_536 }, async () => {
      for (const index of indexes) await sql.raw(index.definition).execute(db);
    });
  }
}
