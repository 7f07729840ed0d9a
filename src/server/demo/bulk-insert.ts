/**
 * Rows written in bulk without the query builder: for a million people, building and compiling Kysely's
 * insert tree for every row cost more than SQLite's own work. SQLite: one multi-row INSERT … VALUES per batch,
 * its text built once per (table, row count), run through the transaction's connection (CompiledQuery) so it
 * commits or rolls back with everything else. PostgreSQL streams the same rows with COPY (copy-text.ts).
 * Ids are reserved before the insert (not read back with RETURNING, whose row order is not promised), so the
 * rows of the next table can refer to them.
 */
import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface BulkTable<T extends keyof DB> {
  name: T;
  /** The columns written: every row gives a value for each of them. */
  columns: readonly (keyof Insertable<DB[T]> & string)[];
}

/** Appends `row` to the flat, row-major `out` in the table's column order; a column it lacks is null. */
export function appendRow<T extends keyof DB>(out: unknown[], table: BulkTable<T>, row: Partial<Insertable<DB[T]>>) {
  for (const c of table.columns) out.push(row[c] ?? null);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Statement texts by table and row count: the same batch shape repeats thousands of times. */
const statements = new Map<string, string>();

/** Inserts the rows of `values` (SQLite): flat, row-major, one value per column of `table` (see appendRow). */
export async function bulkInsert<T extends keyof DB>(
  db: Kysely<DB>,
  table: BulkTable<T>,
  values: unknown[],
): Promise<void> {
  const width = table.columns.length;
  const rows = values.length / width;
  if (rows === 0) return;
  const columnList = table.columns.map(quoted).join(', ');
  const key = `${table.name}(${columnList})×${rows}`;
  let text = statements.get(key);
  if (!text) {
    const tuple = `(${'?, '.repeat(width - 1)}?)`;
    text = `INSERT INTO ${quoted(table.name)} (${columnList}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
    statements.set(key, text);
  }
  await db.executeQuery(CompiledQuery.raw(text, values));
}

/**
 * `count` new ids of `table`, reserved inside the caller's SQLite transaction: SQLite (one writer at a time)
 * continues after both the highest id and the AUTOINCREMENT counter, which an explicit id then moves on, so no
 * id is ever handed out twice.
 */
export async function reserveIds(db: Kysely<DB>, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const row = await sql<{ last: number }>`SELECT max(
      coalesce((SELECT seq FROM sqlite_sequence WHERE name = ${table}), 0),
      coalesce((SELECT max(id) FROM ${sql.table(table)}), 0)) AS last`.execute(db);
  const last = Number(row.rows[0]?.last ?? 0);
  return Array.from({ length: count }, (_, i) => last + 1 + i);
}
