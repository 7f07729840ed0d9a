/**
 * Rows written in bulk without the query builder: for a million people, building and compiling Kysely's
 * insert tree for every row cost more than SQLite's own work. The statements are still run through the
 * transaction's connection (CompiledQuery), so they commit or roll back with everything else.
 *   SQLite: one multi-row INSERT … VALUES per batch, its text built once per (table, row count).
 *   PostgreSQL: INSERT … SELECT FROM unnest(one array per column): a handful of parameters per batch instead
 *   of one per value, and one plan.
 * Ids are reserved before the insert (not read back with RETURNING, whose row order neither engine promises),
 * so the rows of the next table can refer to them.
 */
import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import { engineOf } from '../db/dialect.ts';
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

/** Statement texts by table, row count and engine: the same batch shape repeats thousands of times. */
const statements = new Map<string, string>();
/** PostgreSQL array types of each table's columns, read once from the catalogue. */
const arrayTypes = new Map<string, Map<string, string>>();

async function postgresArrayTypes(db: Kysely<DB>, table: string): Promise<Map<string, string>> {
  let types = arrayTypes.get(table);
  if (!types) {
    const rows = await sql<{ column_name: string; udt_name: string }>`SELECT column_name, udt_name
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db);
    types = new Map(rows.rows.map((r) => [r.column_name, `${r.udt_name}[]`]));
    arrayTypes.set(table, types);
  }
  return types;
}

/** Inserts the rows of `values`: flat, row-major, one value per column of `table` (see appendRow). */
export async function bulkInsert<T extends keyof DB>(
  db: Kysely<DB>,
  table: BulkTable<T>,
  values: unknown[],
): Promise<void> {
  const width = table.columns.length;
  const rows = values.length / width;
  if (rows === 0) return;
  const columnList = table.columns.map(quoted).join(', ');
  if (engineOf(db) === 'sqlite') {
    const key = `sqlite:${table.name}(${columnList})×${rows}`;
    let text = statements.get(key);
    if (!text) {
      const tuple = `(${'?, '.repeat(width - 1)}?)`;
      text = `INSERT INTO ${quoted(table.name)} (${columnList}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
      statements.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, values));
    return;
  }
  const key = `postgres:${table.name}(${columnList})`;
  let text = statements.get(key);
  if (!text) {
    const types = await postgresArrayTypes(db, table.name);
    const arrays = table.columns.map((c, i) => `$${i + 1}::${types.get(c)}`).join(', ');
    text = `INSERT INTO ${quoted(table.name)} (${columnList}) SELECT * FROM unnest(${arrays})`;
    statements.set(key, text);
  }
  const columns = table.columns.map((_, c) => {
    const column = new Array<unknown>(rows);
    for (let r = 0; r < rows; r++) column[r] = values[r * width + c];
    return column;
  });
  await db.executeQuery(CompiledQuery.raw(text, columns));
}

/**
 * `count` new ids of `table`, reserved inside the caller's transaction: PostgreSQL draws them from the
 * table's sequence; SQLite (one writer at a time) continues after both the highest id and the AUTOINCREMENT
 * counter, which an explicit id then moves on, so no id is ever handed out twice.
 */
export async function reserveIds(db: Kysely<DB>, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (engineOf(db) === 'postgres') {
    const rows = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id
      FROM generate_series(1, ${count})`.execute(db);
    return rows.rows.map((r) => r.id);
  }
  const row = await sql<{ last: number }>`SELECT max(
      coalesce((SELECT seq FROM sqlite_sequence WHERE name = ${table}), 0),
      coalesce((SELECT max(id) FROM ${sql.table(table)}), 0)) AS last`.execute(db);
  const last = Number(row.rows[0]?.last ?? 0);
  return Array.from({ length: count }, (_, i) => last + 1 + i);
}
