import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Several app nodes on one PostgreSQL: uploaded files move from one node's disk into the database, and every
// job records the node that runs it and how long its claim lasts, so a job whose node died is failed once.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await db.schema
    .createTable('files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('jobs').addColumn('owner_node', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('lease_until', 'text').execute();
  await db.schema.createIndex('jobs_open').on('jobs').columns(['status', 'lease_until']).execute();
}
