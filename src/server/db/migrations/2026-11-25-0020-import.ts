import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Registry import and comparison (issue 3, items 4 and 8): an uploaded roster is validated into a report per row
// (kept here so that any app node can show it and commit exactly the accepted rows), and another department's
// list (公安/民政/医保: 死亡、迁出、服刑 …) is matched against the registry into matches awaiting review.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  await withId(db.schema.createTable('registry_imports'), engine)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_kind', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    // The uploaded file (personal data): encrypted, and dropped when the import is discarded.
    .addColumn('file_enc', 'text')
    .addColumn('sheet_name', 'text')
    .addColumn('header_row', 'integer')
    .addColumn('columns_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('counts_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('message', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('validate_job_id', 'integer')
    .addColumn('commit_job_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .execute();
  await db.schema
    .createIndex('registry_imports_creator')
    .on('registry_imports')
    .columns(['created_by', 'id'])
    .execute();

  await withId(db.schema.createTable('registry_import_rows'), engine)
    .addColumn('import_id', 'integer', (c) => c.notNull().references('registry_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('label', 'text')
    .addColumn('person_id', 'integer')
    .addColumn('person_version', 'integer')
    // The person as it will be saved (ID number, phones): encrypted.
    .addColumn('input_enc', 'text')
    .addColumn('issues_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('changes_json', 'text')
    .execute();
  await db.schema
    .createIndex('registry_import_rows_import')
    .on('registry_import_rows')
    .columns(['import_id', 'row_number'])
    .execute();

  await withId(db.schema.createTable('comparisons'), engine)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('issues_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('message', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('job_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('comparison_matches'), engine)
    .addColumn('comparison_id', 'integer', (c) => c.notNull().references('comparisons.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('reported_status', 'text', (c) => c.notNull())
    .addColumn('reported_text', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text')
    .addColumn('note', 'text')
    .addColumn('review', 'text', (c) => c.notNull())
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comparison_matches_person')
    .on('comparison_matches')
    .columns(['person_id', 'review'])
    .execute();
  await db.schema
    .createIndex('comparison_matches_comparison')
    .on('comparison_matches')
    .columns(['comparison_id', 'review'])
    .execute();
}
