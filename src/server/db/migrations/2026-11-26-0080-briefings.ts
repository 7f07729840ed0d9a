import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Briefings: the campaign summary (工作总结) as the office edited and saved it, one per campaign, with who saved
// it and when; `version` makes a save from a stale editor answer 409 instead of overwriting someone's edit.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('campaign_summaries'), engineOf(db))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().unique().references('campaigns.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('saved_by', 'integer')
    .addColumn('saved_by_name', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
