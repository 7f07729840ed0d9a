/**
 * Rows written in bulk without the query builder: for a million people, building and compiling Kysely's
 * insert tree for every row cost more than SQLite's own work. SQLite: multi-row INSERT … VALUES, their texts
 * built once per (table, row count), run through the transaction's connection (CompiledQuery) so they commit or
 * roll back with everything else. PostgreSQL streams the same rows with COPY (copy-text.ts).
 * Ids are reserved before the insert (not read back with RETURNING, whose row order is not promised), so the
 * rows of the next table can refer to them.
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { cachedSqlLength } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { BulkTable } from './bulk-rows.ts';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Statement texts by table and row count: the same batch shape repeats thousands of times. */
const statements = new Map<string, string>();

/**
 * Inserts the rows of `values` (SQLite): flat, row-major, one value per column of `table` (see appendRow).
 * As many rows per statement as keep its text within the connection's statement cache (database.ts), so each
 * statement is compiled once for the whole load rather than once per batch: compiling a statement of a few
 * hundred rows cost more than a fifth of the writing.
 */
export async function bulkInsert<T extends keyof DB>(
  db: Kysely<DB>,
  table: BulkTable<T>,
  values: unknown[],
): Promise<void> {
  const width = table.columns.length;
  const rows = values.length / width;
  const head = `INSERT INTO ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) VALUES `;
  const tuple = `(${'?, '.repeat(width - 1)}?)`;
  const perStatement = Math.max(1, Math.floor((cachedSqlLength - head.length + 2) / (tuple.length + 2)));
  for (let at = 0; at < rows; at += perStatement) {
    const count = Math.min(perStatement, rows - at);
    const key = `${head}×${count}`;
    let text = statements.get(key);
    if (!text) {
      text = head + Array(count).fill(tuple).join(', ');
      statements.set(key, text);
    }
    const slice = count === rows ? values : values.slice(at * width, (at + count) * width);
    await db.executeQuery(CompiledQuery.raw(text, slice));
  }
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
