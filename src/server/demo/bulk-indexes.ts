/**
 * Bulk loading into empty tables: the secondary indexes are dropped before the load and built again after it,
 * once, by sorting (much cheaper than maintaining a dozen random-key indexes row by row). Indexes that back a
 * constraint (primary key, UNIQUE) stay, so duplicates are still refused during the load. The definitions are
 * read from the database's own catalogue, so an index added by a later migration is handled the same way.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';

interface Deferred {
  /** Drops the index or constraint. */
  drop: string;
  /** Builds it again. */
  create: string;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function deferrable(db: Kysely<DB>, tables: readonly string[]): Promise<Deferred[]> {
  const names = sql.join(tables.map((t) => sql.lit(t)));
  if (engineOf(db) === 'sqlite') {
    const rows = await sql<{ name: string; definition: string }>`SELECT name, sql AS definition FROM sqlite_master
      WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${names})`.execute(db);
    return rows.rows.map((r) => ({ drop: `DROP INDEX ${quoted(r.name)}`, create: r.definition }));
  }
  const indexes = await sql<{ name: string; definition: string }>`SELECT i.indexname AS name,
      i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${names})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  // PostgreSQL checks a foreign key with a query per inserted row; added back, it checks them all in one join.
  const foreignKeys = await sql<{ table: string; name: string; definition: string }>`SELECT t.relname AS table,
      c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN (${names})
    ORDER BY c.conname`.execute(db);
  return [
    ...indexes.rows.map((r) => ({ drop: `DROP INDEX ${quoted(r.name)}`, create: r.definition })),
    ...foreignKeys.rows.map((r) => ({
      drop: `ALTER TABLE ${quoted(r.table)} DROP CONSTRAINT ${quoted(r.name)}`,
      create: `ALTER TABLE ${quoted(r.table)} ADD CONSTRAINT ${quoted(r.name)} ${r.definition}`,
    })),
  ];
}

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
 * Runs `load` with the secondary indexes of `tables` dropped, and builds them again afterwards.
 *   SQLite: also when the load fails, so the database is never left without them. The load commits without
 *   waiting for the disk (synchronous = NORMAL: in WAL mode a power cut can lose the last commits of the load,
 *   never corrupt the database), and the indexes are sorted with a second thread and 64 MiB of cache.
 *   PostgreSQL: call it inside the load's transaction. The foreign keys of `tables` are deferred the same way,
 *   and everything (drops, rows, indexes, keys) commits or rolls back together, so no failure or crash leaves
 *   a table without them and nothing is relaxed for durability. The indexes sort in 256 MiB with up to two
 *   parallel workers; the tables are analysed at the end, so the first queries are planned for their real size.
 */
export async function withIndexesDeferred<T>(
  db: Kysely<DB>,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const deferred = await deferrable(db, tables);
  for (const d of deferred) await sql.raw(d.drop).execute(db);
  if (engineOf(db) === 'postgres') {
    const result = await load();
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
    await sql`SET LOCAL max_parallel_maintenance_workers = 2`.execute(db);
    for (const d of deferred) await sql.raw(d.create).execute(db);
    return result;
  }
  try {
    return await withSqlitePragmas(db, { synchronous: 1 }, load);
  } finally {
    await withSqlitePragmas(db, { threads: 2, cache_size: -65_536 }, async () => {
      for (const d of deferred) await sql.raw(d.create).execute(db);
    });
  }
}
