import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Notices and tasks (通知与任务落实, issue 6). Frozen once landed: change the schema with a new dated file.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  await withId(db.schema.createTable('notices'), engine)
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuers_json', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('recipients_json', 'text', (c) => c.notNull())
    .addColumn('cc_json', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('requirements_json', 'text', (c) => c.notNull())
    .addColumn('attachments_json', 'text', (c) => c.notNull())
    .addColumn('inner_json', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text')
    .addColumn('source_text', 'text')
    .addColumn('source_warnings_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('notices_region').on('notices').columns(['region_id', 'status']).execute();

  await withId(db.schema.createTable('notice_tasks'), engine)
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('suggested_kinds_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_tasks_notice').on('notice_tasks').column('notice_id').execute();

  await withId(db.schema.createTable('notice_assignments'), engine)
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('notice_tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('acknowledged_by_name', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('last_reminded_at', 'text')
    .addUniqueConstraint('notice_assignments_task_unit', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('notice_assignments_notice').on('notice_assignments').column('notice_id').execute();
  await db.schema.createIndex('notice_assignments_unit').on('notice_assignments').column('unit_id').execute();

  await withId(db.schema.createTable('notice_reports'), engine)
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('notice_assignments.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_reports_assignment').on('notice_reports').column('assignment_id').execute();

  // Attachments of a notice (assignment_id null) or of a unit's report. Content as base64 text: portable, and
  // files here are small office documents (the upload limit is in the routes).
  await withId(db.schema.createTable('notice_files'), engine)
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('assignment_id', 'integer', (c) => c.references('notice_assignments.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.references('notice_reports.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_b64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_files_notice').on('notice_files').column('notice_id').execute();
  await db.schema.createIndex('notice_files_assignment').on('notice_files').column('assignment_id').execute();
}
