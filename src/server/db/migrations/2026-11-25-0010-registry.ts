import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// The registry (issue 3): a second phone, 户籍 address outside the region tree, household role, the masked
// display forms (so lists and exports never decrypt), versions, living-situation assessments, 年度确认,
// and the prefix indexes that keep search fast at a million people on both engines.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  for (const column of [
    'hukou_address',
    'household_role',
    'id_masked',
    'phone_masked',
    'phone2_enc',
    'phone2_hash',
    'phone2_masked',
  ]) {
    await db.schema.alterTable('persons').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('persons_phone2').on('persons').column('phone2_hash').execute();
  await db.schema.createIndex('persons_pinyin_full').on('persons').column('pinyin_full').execute();
  await db.schema.createIndex('households_region').on('households').column('region_id').execute();
  // Lists without a search term (a street's people, a category): the scope, the alive flag and the count are
  // read from this one index, never from the table rows.
  await db.schema
    .createIndex('persons_alive_regions')
    .on('persons')
    .columns(['alive', 'hukou_region_id', 'residence_region_id'])
    .execute();
  // The living-situation filter reads only the people who have one (a partial index, the same on both engines).
  await sql`CREATE INDEX persons_living ON persons (alive, hukou_region_id, residence_region_id, living_situations_json)
    WHERE living_situations_json <> '[]'`.execute(db);
  // A category's holders straight from the index (no table reads), for the category filter and counts.
  await db.schema
    .createIndex('qualifications_category_person')
    .on('qualifications')
    .columns(['category_code', 'person_id'])
    .execute();
  if (engine === 'postgres') {
    // LIKE 'prefix%' uses a btree only with the pattern operator class (whatever the database collation).
    await sql`CREATE INDEX persons_name_prefix ON persons (name_search text_pattern_ops)`.execute(db);
    await sql`CREATE INDEX persons_initials_prefix ON persons (pinyin_initials text_pattern_ops)`.execute(db);
    await sql`CREATE INDEX persons_full_prefix ON persons (pinyin_full text_pattern_ops)`.execute(db);
  }

  await withId(db.schema.createTable('person_versions'), engine)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_versions_person')
    .on('person_versions')
    .columns(['person_id', 'version'])
    .execute();

  await withId(db.schema.createTable('living_assessments'), engine)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('situations_json', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('needs', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('living_assessments_person')
    .on('living_assessments')
    .columns(['person_id', 'assessed_on'])
    .execute();

  await withId(db.schema.createTable('annual_confirmations'), engine)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('confirmed_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('confirmed_by', 'integer')
    .addColumn('confirmed_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_confirmations_person_year', ['person_id', 'year'])
    .execute();
  await db.schema.createIndex('annual_confirmations_year').on('annual_confirmations').column('year').execute();
}
