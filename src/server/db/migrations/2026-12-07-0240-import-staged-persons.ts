import type { Kysely } from 'kysely';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Registry import, set-based commit (issue 8): the validate phase stages each new person as it will be stored —
// the person's columns (ID number encrypted, keyed hashes, masked forms, pinyin), its qualifications and the
// version's changes — so that the commit copies them with INSERT … SELECT instead of computing them again.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_import_persons')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('registry_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_tail4', 'text', (c) => c.notNull())
    .addColumn('id_tail6_hash', 'text', (c) => c.notNull())
    .addColumn('id_masked', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_search', 'text', (c) => c.notNull())
    .addColumn('pinyin_initials', 'text', (c) => c.notNull())
    .addColumn('pinyin_full', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('phone2_enc', 'text')
    .addColumn('phone2_hash', 'text')
    .addColumn('phone2_masked', 'text')
    .addColumn('hukou_region_id', 'integer')
    .addColumn('hukou_address', 'text')
    .addColumn('residence_region_id', 'integer')
    .addColumn('address', 'text')
    .addColumn('household_id', 'integer')
    .addColumn('household_role', 'text')
    .addColumn('alive', 'integer', (c) => c.notNull())
    .addColumn('death_date', 'text')
    .addColumn('living_situations_json', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    // Living situations given on registration also go to the assessment archive.
    .addColumn('assessed', 'integer', (c) => c.notNull())
    // The version's FieldChange[] (masked values), also the audit record's before/after.
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_import_persons_pk', ['import_id', 'row_number'])
    .execute();

  await db.schema
    .createTable('registry_import_qualifications')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('registry_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('disability_grade', 'integer')
    .addColumn('disability_nature', 'text')
    .addColumn('relation', 'text')
    .addColumn('serviceman_name', 'text')
    .addColumn('certificate_no', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('flags_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_import_qualifications_pk', ['import_id', 'row_number', 'position'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_import_qualifications').execute();
  await db.schema.dropTable('registry_import_persons').execute();
}
