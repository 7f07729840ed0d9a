import type { CreateTableBuilder } from 'kysely';
import type { Engine } from './dialect.ts';

/**
 * Portable building blocks for migrations (SQLite and PostgreSQL alike). Conventions: timestamps and
 * dates as ISO text, booleans as integer 0/1, money as integer 分, lists and small documents as JSON text.
 */
export function withId<T extends string>(
  tb: CreateTableBuilder<T, never>,
  engine: Engine,
): CreateTableBuilder<T, 'id'> {
  return engine === 'postgres'
    ? tb.addColumn('id', 'serial', (c) => c.primaryKey())
    : tb.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
