import type { Kysely } from 'kysely';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// A job's data and the mark that it was written commit in one transaction, so a node that dies between the
// commit and the final status leaves a job that is known to have succeeded, not one that looks failed.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('work_committed_at', 'text').execute();
}
