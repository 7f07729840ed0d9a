import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope } from '../../platform/access.ts';
import { personRegionColumns } from './registry.repo.ts';
import type { ImportStatus, RegistryImportTable } from './registry-import.schema.ts';
import { deleteStaged } from './registry-import-staged.repo.ts';

// ---------------------------------------------------------------------------------------------------------------
// Regions (for the 街道/社区 columns)

export function allRegions(db: Kysely<DB>) {
  return db.selectFrom('regions').select(['id', 'name', 'level', 'parent_id', 'path']).orderBy('path').execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Imports: an import belongs to the user who uploaded it

type ImportWrite = Partial<Omit<RegistryImportTable, 'id' | 'created_at'>>;

export async function insertImport(
  db: Kysely<DB>,
  row: Pick<
    RegistryImportTable,
    'file_name' | 'file_kind' | 'file_size' | 'file_sha256' | 'file_enc' | 'created_by' | 'created_by_name'
  >,
  now: string,
): Promise<number> {
  const inserted = await db
    .insertInto('registry_imports')
    .values({
      ...row,
      status: 'validating',
      sheet_name: null,
      header_row: null,
      columns_json: '[]',
      counts_json: '{}',
      message: null,
      validate_job_id: null,
      commit_job_id: null,
      created_at: now,
      updated_at: now,
      committed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateImport(db: Kysely<DB>, id: number, patch: ImportWrite, now: string): Promise<void> {
  await db
    .updateTable('registry_imports')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Moves an import from one status to another; false when it was not in `from` (someone else got there first). */
export async function transitionImport(
  db: Kysely<DB>,
  id: number,
  from: ImportStatus,
  patch: ImportWrite & { status: ImportStatus },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('registry_imports')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const importColumns = [
  'id',
  'status',
  'file_name',
  'file_kind',
  'file_size',
  'sheet_name',
  'header_row',
  'columns_json',
  'counts_json',
  'message',
  'created_by',
  'validate_job_id',
  'commit_job_id',
  'created_at',
  'committed_at',
] as const;

/** The owner's import; anyone else's answers like a missing one. */
export function findImport(db: Kysely<DB>, actor: Actor, id: number) {
  return db
    .selectFrom('registry_imports')
    .select(importColumns)
    .where('id', '=', id)
    .where('created_by', '=', actor.userId ?? -1)
    .executeTakeFirst();
}
export type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export async function importFile(db: Kysely<DB>, id: number): Promise<string | null> {
  const row = await db.selectFrom('registry_imports').select('file_enc').where('id', '=', id).executeTakeFirst();
  return row?.file_enc ?? null;
}

export function listImports(db: Kysely<DB>, actor: Actor, limit = 20) {
  return db
    .selectFrom('registry_imports')
    .select(importColumns)
    .where('created_by', '=', actor.userId ?? -1)
    .where('status', '!=', 'discarded')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** An import's staging rows and staged people. */
export async function deleteImportRows(db: Kysely<DB>, importId: number): Promise<void> {
  await deleteStaged(db, importId);
  await db.deleteFrom('registry_import_rows').where('import_id', '=', importId).execute();
}

export type RowFilter = 'all' | 'refused' | 'warnings' | 'create' | 'merge' | 'unchanged' | 'skipped' | 'notes';

function rowsQuery(db: Kysely<DB>, importId: number, filter: RowFilter) {
  let q = db.selectFrom('registry_import_rows').where('import_id', '=', importId);
  switch (filter) {
    case 'refused':
    case 'skipped':
      q = q.where('status', '=', filter);
      break;
    case 'create':
    case 'merge':
    case 'unchanged':
      q = q.where('status', '=', 'accepted').where('action', '=', filter);
      break;
    case 'warnings':
      q = q.where('status', '=', 'accepted').where('issues_json', '!=', '[]');
      break;
    case 'notes':
      q = q.where('issues_json', '!=', '[]');
      break;
    case 'all':
      break;
  }
  return q;
}

export async function listImportRows(
  db: Kysely<DB>,
  importId: number,
  filter: RowFilter,
  page: { offset: number; limit: number },
) {
  const [rows, count] = await Promise.all([
    rowsQuery(db, importId, filter)
      .select(['row_number', 'status', 'action', 'label', 'person_id', 'issues_json', 'changes_json'])
      .orderBy('row_number')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    rowsQuery(db, importId, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The merges a commit saves, in row order, in batches (constant memory). */
export async function* rowsToCommit(db: Kysely<DB>, importId: number, batch = 500) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('registry_import_rows')
      .select(['row_number', 'action', 'person_id', 'person_version', 'input_enc'])
      .where('import_id', '=', importId)
      .where('status', '=', 'accepted')
      .where('action', '=', 'merge')
      .where('row_number', '>', after)
      .orderBy('row_number')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.row_number;
  }
}

export function rowsWithIssues(db: Kysely<DB>, importId: number) {
  return db
    .selectFrom('registry_import_rows')
    .select(['row_number', 'status', 'issues_json'])
    .where('import_id', '=', importId)
    .where('issues_json', '!=', '[]')
    .orderBy('row_number')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Export: the sensitive numbers, for roles that may see them in full

export function personSecrets(db: Kysely<DB>, actor: Actor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('persons')
    .where(inRegionScope(actor, personRegionColumns))
    .where('persons.id', 'in', [...ids])
    .select(['persons.id', 'persons.id_number_enc', 'persons.phone_enc', 'persons.address', 'persons.hukou_address'])
    .execute();
}

/** 伤残等级 and 性质 of listed people (the list item carries category names only). */
export function disabilityDetails(db: Kysely<DB>, personIds: readonly number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('qualifications')
    .where('person_id', 'in', [...personIds])
    .where('disability_grade', 'is not', null)
    .select(['person_id', 'disability_grade', 'disability_nature'])
    .execute();
}
