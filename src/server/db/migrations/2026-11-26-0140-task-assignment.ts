import type { Kysely } from 'kysely';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Campaign tasks can be assigned to a visitor like roster entries. A task of a roster family with no assignee of
// its own follows its entry's assignee; assigned_user_id set here overrides it (e.g. a 喜报 sent by the street).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign_tasks').addColumn('assigned_user_id', 'integer').execute();
  await db.schema.alterTable('campaign_tasks').addColumn('assigned_at', 'text').execute();
  await db.schema
    .createIndex('campaign_tasks_assignee')
    .on('campaign_tasks')
    .columns(['assigned_user_id', 'campaign_id'])
    .execute();
}
