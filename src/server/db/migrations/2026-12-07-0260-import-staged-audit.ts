import type { Kysely } from 'kysely';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Registry import (issue 8): each staged new person carries its audit record's before and after as JSON,
// computed while validating, so that the commit writes the audit records without parsing the version's changes
// and serialising them again.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registry_import_persons').addColumn('audit_before_json', 'text').execute();
  await db.schema.alterTable('registry_import_persons').addColumn('audit_after_json', 'text').execute();
  // An import validated before this change has staged people without them: it is validated again.
  await db
    .updateTable('registry_imports')
    .set({ status: 'failed', message: '系统已更新，请重新上传文件校验后再导入。' })
    .where('status', '=', 'validated')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registry_import_persons').dropColumn('audit_after_json').execute();
  await db.schema.alterTable('registry_import_persons').dropColumn('audit_before_json').execute();
}
