/**
 * Rows of the bulk loader as flat, row-major arrays: what the worker threads generate and the writers take
 * (bulk-insert.ts on SQLite, copy-text.ts on PostgreSQL). Kept apart from the writers, so the workers load no
 * database driver.
 */
import type { Insertable } from 'kysely';
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
