import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Region subtrees are found by a bytewise range on the path (dialect.ts pathWithin). On PostgreSQL that needs an
// index in the "C" collation: regions_path follows the database's collation. SQLite's regions_path already
// compares bytes.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`CREATE INDEX regions_path_bytes ON regions (path COLLATE "C")`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`DROP INDEX regions_path_bytes`.execute(db);
}
