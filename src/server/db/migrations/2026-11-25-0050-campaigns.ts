import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// The Spring Festival campaign (走访慰问, issue 4 items 1–7): campaigns, their standards (rules as data), the
// roster with why each entry is there and who was left out, the street review and later amendments, visits with
// their proof, follow-up cases and the 回访抽查 sample. Money is integer 分; lists are JSON text. See schema.ts.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  await withId(db.schema.createTable('campaigns'), engine)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('spring_festival', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('ref_date', 'text', (c) => c.notNull())
    .addColumn('little_new_year_day', 'text', (c) => c.notNull().defaultTo('23'))
    .addColumn('budget_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('dedup_policy', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('preset_key', 'text')
    .addColumn('signatory', 'text')
    .addColumn('task_types_json', 'text', (c) => c.notNull().defaultTo('["visit"]'))
    .addColumn('previous_campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('roster_job_id', 'integer')
    .addColumn('roster_generated_at', 'text')
    .addColumn('considered_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('locked_by_name', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_region_year').on('campaigns').columns(['region_id', 'year']).execute();

  await withId(db.schema.createTable('campaign_standards'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('categories_json', 'text', (c) => c.notNull())
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('cash_cents', 'integer', (c) => c.notNull())
    .addColumn('goods_json', 'text', (c) => c.notNull())
    .addColumn('letter_template', 'text')
    .addColumn('amount_set', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_standards_name', ['campaign_id', 'name'])
    .execute();

  await withId(db.schema.createTable('campaign_roster_entries'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('household_id', 'integer')
    .addColumn('standard_id', 'integer', (c) => c.notNull().references('campaign_standards.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('street_id', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'integer', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('cash_cents', 'integer', (c) => c.notNull())
    .addColumn('goods_cents', 'integer', (c) => c.notNull())
    .addColumn('goods_json', 'text', (c) => c.notNull())
    .addColumn('also_matched_json', 'text', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('other_members_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('removed_reason', 'text')
    .addColumn('removed_by_name', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('assigned_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('visit_status', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('visit_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_roster_entries_person', ['campaign_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('campaign_roster_entries_place')
    .on('campaign_roster_entries')
    .columns(['campaign_id', 'street_id', 'community_id'])
    .execute();
  await db.schema
    .createIndex('campaign_roster_entries_assignee')
    .on('campaign_roster_entries')
    .columns(['assigned_user_id', 'campaign_id'])
    .execute();

  await withId(db.schema.createTable('campaign_exclusions'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('household_id', 'integer')
    .addColumn('street_id', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'integer', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('standard_id', 'integer')
    .addColumn('covered_by_person_id', 'integer')
    .execute();
  await db.schema
    .createIndex('campaign_exclusions_campaign')
    .on('campaign_exclusions')
    .columns(['campaign_id', 'street_id', 'reason'])
    .execute();

  await withId(db.schema.createTable('campaign_street_reviews'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('street_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('confirmed_by', 'integer')
    .addColumn('confirmed_by_name', 'text')
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('campaign_street_reviews_street', ['campaign_id', 'street_id'])
    .execute();

  await withId(db.schema.createTable('campaign_amendments'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'integer')
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('standard_id', 'integer')
    .addColumn('street_id', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer')
    .addColumn('requested_by_name', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('campaign_amendments_campaign')
    .on('campaign_amendments')
    .columns(['campaign_id', 'status'])
    .execute();

  await withId(db.schema.createTable('campaign_visits'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    // One delivery per entry, whatever the application does: the database refuses the second.
    .addColumn('entry_id', 'integer', (c) => c.notNull().unique().references('campaign_roster_entries.id'))
    // The client's idempotency key: a queued visit synced twice is recorded once.
    .addColumn('client_key', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('cash_cents', 'integer', (c) => c.notNull())
    .addColumn('goods_json', 'text', (c) => c.notNull())
    .addColumn('goods_cents', 'integer', (c) => c.notNull())
    .addColumn('receiver_kind', 'text', (c) => c.notNull())
    .addColumn('receiver_name', 'text', (c) => c.notNull())
    .addColumn('proxy_relation', 'text')
    .addColumn('proxy_id_enc', 'text')
    .addColumn('proxy_id_masked', 'text')
    .addColumn('signature_sha256', 'text')
    .addColumn('photo_sha256', 'text')
    .addColumn('living_situations_json', 'text')
    .addColumn('living_notes', 'text')
    .addColumn('needs', 'text')
    .addColumn('case_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('recorded_offline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'integer')
    .addColumn('recorded_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_visits_campaign').on('campaign_visits').columns(['campaign_id']).execute();

  await withId(db.schema.createTable('campaign_cases'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('street_id', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by_name', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('campaign_cases_campaign')
    .on('campaign_cases')
    .columns(['campaign_id', 'status'])
    .execute();

  await withId(db.schema.createTable('campaign_verifications'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.notNull())
    .addColumn('street_id', 'integer', (c) => c.notNull())
    .addColumn('community_id', 'integer', (c) => c.notNull())
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('drawn_by_name', 'text')
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('reported_cash_cents', 'integer')
    .addColumn('note', 'text')
    .addColumn('case_id', 'integer')
    .addColumn('checked_by_name', 'text')
    .addColumn('checked_at', 'text')
    .addUniqueConstraint('campaign_verifications_entry', ['campaign_id', 'entry_id'])
    .execute();
}
