/**
 * Bulk loading into empty tables: the secondary indexes are dropped before the load and built again after it,
 * once, by sorting (much cheaper than maintaining a dozen random-key indexes row by row). Primary keys stay;
 * SQLite's UNIQUE indexes too (part of the table). The definitions are read from the database's own catalogue,
 * so an index added by a later migration is handled the same way.
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
  // A UNIQUE index (persons' ID hashes) takes random keys: sorted once rather than grown row by row, which at a
  // million rows outgrew the shared buffers. Unique keys first (none is the target of a foreign key), then
  // the foreign keys.
  const constraints = await sql<{ table: string; name: string; definition: string }>`SELECT t.relname AS table,
      c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (${names})
      AND (c.contype = 'f' OR c.contype = 'u' AND NOT EXISTS (SELECT 1 FROM pg_constraint f
        WHERE f.contype = 'f' AND f.conindid = c.conindid))
    ORDER BY c.contype DESC, c.conname`.execute(db);
  return [
    ...indexes.rows.map((r) => ({ drop: `DROP INDEX ${quoted(r.name)}`, create: r.definition })),
    ...constraints.rows.map((r) => ({
      drop: `ALTER TABLE ${quoted(r.table)} DROP CONSTRAINT ${quoted(r.name)}`,
      create: `ALTER TABLE ${quoted(r.table)} ADD CONSTRAINT ${quoted(r.name)} ${r.definition}`,
    })),
  ];
}

/** SQLite settings of the connection changed for the duration of `work` and restored after it. */
async function withSqlitePragmas<T>(db: Kysely<DB>, pragmas: Record<string, number>, work: () => Promise<T>) {
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
 * Runs `load` with the secondary indexes of `tables` dropped, and builds them again afterwards. Call it inside
 * the load's transaction: everything (drops, rows, indexes, keys) commits or rolls back together, so no failure
 * or crash leaves a table without them, and a duplicate still fails the load when its UNIQUE index is built.
 *   PostgreSQL: the foreign keys and the UNIQUE constraints of `tables` are deferred the same way; the indexes
 *   sort in 256 MiB with up to two parallel workers.
 *   SQLite: see withSqliteBulkLoad for the settings of the connection around the transaction.
 */
export async function withIndexesDeferred<T>(
  db: Kysely<DB>,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const deferred = await deferrable(db, tables);
  for (const d of deferred) await sql.raw(d.drop).execute(db);
  const result = await load();
  if (engineOf(db) === 'postgres') {
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
    await sql`SET LOCAL max_parallel_maintenance_workers = 2`.execute(db);
  }
  for (const d of deferred) await sql.raw(d.create).execute(db);
  return result;
}

/**
 * SQLite: runs `load` (one transaction: see withIndexesDeferred) with 256 MiB of page cache, temporary data in
 * memory (each multi-row INSERT keeps a statement journal; the index builds sort) and a second thread for
 * sorting, then checkpoints the WAL. The cache is what keeps a large load linear: persons' UNIQUE index of ID
 * hashes (which SQLite cannot drop) takes random keys, and with the default 2 MiB nearly every row evicted one of
 * its pages, written again to the WAL at each commit (at a million people, gigabytes). synchronous
 * stays FULL, so the commit is durable; the checkpoint moves the load into the database file and empties the
 * WAL, which grew to the size of the load. On PostgreSQL it just runs `load`.
 */
export async function withSqliteBulkLoad<T>(db: Kysely<DB>, load: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'sqlite') return load();
  const result = await withSqlitePragmas(db, { cache_size: -262_144, temp_store: 2, threads: 2 }, load);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return result;
}
