import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Campaign task types as data (走访慰问, 送立功喜报, 挂光荣牌, 贴春联年画) with one task row per family or honour
// record they concern, and campaign documents (PDFs) generated as jobs and kept in the database so that any
// app node can serve the download. See schema.ts.

const defaultNames: Record<string, string> = {
  visit: '走访慰问（慰问金、慰问品）',
  merit_notice: '送立功喜报',
  plaque: '挂光荣牌',
  couplets: '贴春联年画',
};

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  await withId(db.schema.createTable('campaign_task_types'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('plaque_actions_json', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_task_types_kind', ['campaign_id', 'kind'])
    .execute();

  await withId(db.schema.createTable('campaign_tasks'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('task_type_id', 'integer', (c) => c.notNull().references('campaign_task_types.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the task is for: 'h:<household>', 'e:<entry>' or 'm:<merit notice>' — one task per target and type.
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'integer')
    .addColumn('household_id', 'integer')
    .addColumn('person_id', 'integer')
    .addColumn('merit_notice_id', 'integer')
    .addColumn('plaque_action', 'text')
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('street_id', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_by', 'integer')
    .addColumn('done_by_name', 'text')
    .addColumn('done_client_key', 'text')
    .addColumn('visit_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_tasks_target', ['task_type_id', 'target_key'])
    .execute();
  await db.schema
    .createIndex('campaign_tasks_place')
    .on('campaign_tasks')
    .columns(['campaign_id', 'street_id', 'community_id'])
    .execute();
  await db.schema
    .createIndex('campaign_tasks_household')
    .on('campaign_tasks')
    .columns(['campaign_id', 'household_id'])
    .execute();

  await withId(db.schema.createTable('campaign_document_files'), engine)
    .addColumn('job_id', 'integer', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('unprintable_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_document_files_expiry')
    .on('campaign_document_files')
    .column('expires_at')
    .execute();

  // Existing campaigns get their task types from the list they were created with.
  const campaigns: { id: number; task_types_json: string; created_at: string }[] = await db
    .selectFrom('campaigns')
    .select(['id', 'task_types_json', 'created_at'])
    .execute();
  for (const c of campaigns) {
    let kinds: string[] = ['visit'];
    try {
      kinds = JSON.parse(c.task_types_json);
    } catch {
      // keep the default
    }
    for (const [sort, kind] of kinds.filter((k) => k in defaultNames).entries()) {
      await db
        .insertInto('campaign_task_types')
        .values({
          campaign_id: c.id,
          kind,
          name: defaultNames[kind],
          plaque_actions_json: kind === 'plaque' ? '["hang","replace","restore"]' : null,
          sort,
          created_at: c.created_at,
          updated_at: c.created_at,
        })
        .execute();
    }
  }
}
