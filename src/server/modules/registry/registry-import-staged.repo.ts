import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { DB } from '../../db/schema.ts';
import { bulkInsert } from '../../demo/bulk-insert.ts';
import type { BulkTable } from '../../demo/bulk-rows.ts';
import { copyValue } from '../../demo/copy-lines.ts';
import { copyInto } from '../../demo/copy-text.ts';
import type { Actor } from '../../platform/access.ts';
import type { PersonWrite } from './person.repo.ts';
import type { QualificationWrite } from './qualifications.repo.ts';
import type { RegistryImportRowTable } from './registry-import.schema.ts';

/**
 * The new people of an import as the commit will store them: staged while validating (columns computed once,
 * see person-bulk.service.ts), then copied into the registry set-based — INSERT … SELECT per batch of rows for
 * persons, qualifications, versions and assessments. Persons are matched to their staged rows by the ID-number
 * hash (unique in `persons`).
 */

/** A new person ready to store: the person's columns, its qualifications, and what its first version records. */
export interface StagedPerson {
  person: PersonWrite;
  qualifications: Omit<QualificationWrite, 'id'>[];
  /** Living situations were given: they go to the assessment archive too. */
  assessed: boolean;
  /** The version's FieldChange[] as JSON (masked values). */
  changesJson: string;
  /** Its audit record's before and after, as JSON: the commit writes them as they are. */
  auditJson: { before: string; after: string };
}

const personColumns = [
  'id_number_enc',
  'id_number_hash',
  'id_tail4',
  'id_tail6_hash',
  'id_masked',
  'phone_enc',
  'phone_hash',
  'phone_masked',
  'phone2_enc',
  'phone2_hash',
  'phone2_masked',
  'name',
  'name_search',
  'pinyin_initials',
  'pinyin_full',
  'sex',
  'birth_date',
  'hukou_region_id',
  'hukou_address',
  'residence_region_id',
  'address',
  'household_id',
  'household_role',
  'alive',
  'death_date',
  'living_situations_json',
  'notes',
] as const satisfies readonly (keyof PersonWrite)[];

const qualificationColumns = [
  'category_code',
  'disability_grade',
  'disability_nature',
  'relation',
  'serviceman_name',
  'certificate_no',
  'start_date',
  'end_date',
  'flags_json',
] as const satisfies readonly (keyof QualificationWrite)[];

const rowsTable: BulkTable<'registry_import_rows'> = {
  name: 'registry_import_rows',
  columns: [
    'import_id',
    'row_number',
    'status',
    'action',
    'label',
    'person_id',
    'person_version',
    'input_enc',
    'issues_json',
    'changes_json',
  ],
};
const personsTable: BulkTable<'registry_import_persons'> = {
  name: 'registry_import_persons',
  columns: [
    'import_id',
    'row_number',
    ...personColumns,
    'assessed',
    'changes_json',
    'audit_before_json',
    'audit_after_json',
  ],
};
const qualificationsTable: BulkTable<'registry_import_qualifications'> = {
  name: 'registry_import_qualifications',
  columns: ['import_id', 'row_number', 'position', ...qualificationColumns],
};

/** One batch of staging rows, flat and row-major in each table's column order. */
export interface StagingValues {
  rows: unknown[];
  persons: unknown[];
  qualifications: unknown[];
}

/**
 * The staging rows of a batch of verdicts (`verdicts`) and of its new people (`people`), as flat values: built
 * once without the query builder (building and compiling Kysely's insert tree for a batch cost more than the
 * database's work), then written by either engine's writer.
 */
export function stagingValues(
  importId: number,
  verdicts: readonly Omit<Insertable<RegistryImportRowTable>, 'import_id'>[],
  people: readonly { row: number; staged: StagedPerson }[],
): StagingValues {
  const rows: unknown[] = [];
  for (const r of verdicts) {
    rows.push(importId);
    for (let c = 1; c < rowsTable.columns.length; c++) rows.push(r[rowsTable.columns[c] as keyof typeof r] ?? null);
  }
  const persons: unknown[] = [];
  const qualifications: unknown[] = [];
  for (const { row, staged } of people) {
    persons.push(importId, row);
    for (const c of personColumns) persons.push(staged.person[c]);
    persons.push(staged.assessed ? 1 : 0, staged.changesJson, staged.auditJson.before, staged.auditJson.after);
    staged.qualifications.forEach((q, position) => {
      qualifications.push(importId, row, position);
      for (const c of qualificationColumns) qualifications.push(q[c]);
    });
  }
  return { rows, persons, qualifications };
}

const stagingTables = [
  ['rows', rowsTable],
  ['persons', personsTable],
  ['qualifications', qualificationsTable],
] as const;

/**
 * SQLite: the batch as multi-row INSERT … VALUES (demo/bulk-insert.ts) in one transaction committed with
 * synchronous=NORMAL (see withStagingSink). The connection is held throughout, so no other writer's commit
 * runs with the lowered setting, which is put back whatever happens.
 */
export async function insertStagingBatch(db: Kysely<DB>, values: StagingValues): Promise<void> {
  await db.connection().execute(async (conn) => {
    const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(conn);
    const setting = Number(rows[0]?.synchronous ?? 2);
    await sql`PRAGMA synchronous = NORMAL`.execute(conn);
    try {
      await conn.transaction().execute(async (trx) => {
        for (const [key, table] of stagingTables) {
          if (values[key].length > 0) await bulkInsert(trx, table as BulkTable<keyof DB>, values[key]);
        }
      });
    } finally {
      await sql.raw(`PRAGMA synchronous = ${setting}`).execute(conn);
    }
  });
}

/**
 * PostgreSQL: the batch streamed with COPY FROM STDIN in text format, one transaction per batch, on `client` (a
 * connection of the validation's own). A statement whose parameter was the batch as JSON took a sixth of the
 * validation's CPU: 2.4 KB of JSON per row (keys, escaped quotes) built, encoded, sent and parsed again.
 */
export async function copyStagingValues(client: pg.ClientBase, values: StagingValues): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const [key, table] of stagingTables) {
      const flat = values[key];
      if (flat.length === 0) continue;
      await copyInto(client, table as BulkTable<keyof DB>, (write) => write(copyLines(table.columns.length, flat)));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Flat row-major values as COPY text lines. */
function copyLines(width: number, values: readonly unknown[]): string {
  let text = '';
  for (let at = 0; at < values.length; at += width) {
    text += copyValue(values[at]);
    for (let c = 1; c < width; c++) text += `\t${copyValue(values[at + c])}`;
    text += '\n';
  }
  return text;
}

export async function deleteStaged(db: Kysely<DB>, importId: number): Promise<void> {
  await db.deleteFrom('registry_import_qualifications').where('import_id', '=', importId).execute();
  await db.deleteFrom('registry_import_persons').where('import_id', '=', importId).execute();
}

export async function countStaged(db: Kysely<DB>, importId: number): Promise<number> {
  const r = await db
    .selectFrom('registry_import_persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The last staged row of the batch that starts after `after` (at most `size` rows), or null when none is left. */
export async function batchEnd(db: Kysely<DB>, importId: number, after: number, size: number) {
  const rows = await db
    .selectFrom('registry_import_persons')
    .select('row_number')
    .where('import_id', '=', importId)
    .where('row_number', '>', after)
    .orderBy('row_number')
    .limit(1)
    .offset(size - 1)
    .execute();
  if (rows[0]) return rows[0].row_number;
  const last = await db
    .selectFrom('registry_import_persons')
    .select((eb) => eb.fn.max('row_number').as('n'))
    .where('import_id', '=', importId)
    .where('row_number', '>', after)
    .executeTakeFirst();
  return last?.n === null || last?.n === undefined ? null : Number(last.n);
}

/** The first staged row whose ID number is registered by now (someone registered it since the preview). */
export async function firstRegisteredRow(db: Kysely<DB>, importId: number): Promise<number | null> {
  const row = await db
    .selectFrom('registry_import_persons as s')
    .innerJoin('persons as p', 'p.id_number_hash', 's.id_number_hash')
    .select('s.row_number')
    .where('s.import_id', '=', importId)
    .orderBy('s.row_number')
    .limit(1)
    .executeTakeFirst();
  return row?.row_number ?? null;
}

/**
 * The first staged row that the registry would no longer accept because its facts changed since the preview:
 * a region that no longer exists or is outside the actor's scope now, or a category no longer in use.
 */
export async function firstStaleRow(
  db: Kysely<DB>,
  importId: number,
  scope: 'all' | readonly number[],
): Promise<{ row: number; field: 'region' | 'scope' | 'category' } | null> {
  const missingRegion = await db
    .selectFrom('registry_import_persons as s')
    .select('s.row_number')
    .where('s.import_id', '=', importId)
    .where((eb) =>
      eb.or(
        (['hukou_region_id', 'residence_region_id'] as const).map((c) =>
          eb.and([
            eb(`s.${c}`, 'is not', null),
            eb.not(eb.exists(eb.selectFrom('regions').select('regions.id').whereRef('regions.id', '=', `s.${c}`))),
          ]),
        ),
      ),
    )
    .orderBy('s.row_number')
    .limit(1)
    .executeTakeFirst();
  if (missingRegion) return { row: missingRegion.row_number, field: 'region' };
  if (scope !== 'all') {
    const ids = scope.length > 0 ? [...scope] : [-1];
    const outside = await db
      .selectFrom('registry_import_persons as s')
      .select('s.row_number')
      .where('s.import_id', '=', importId)
      .where((eb) =>
        eb.and([
          eb.or([eb('s.hukou_region_id', 'is', null), eb('s.hukou_region_id', 'not in', ids)]),
          eb.or([eb('s.residence_region_id', 'is', null), eb('s.residence_region_id', 'not in', ids)]),
        ]),
      )
      .orderBy('s.row_number')
      .limit(1)
      .executeTakeFirst();
    if (outside) return { row: outside.row_number, field: 'scope' };
  }
  const category = await db
    .selectFrom('registry_import_qualifications as q')
    .select('q.row_number')
    .where('q.import_id', '=', importId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('categories')
            .select('categories.code')
            .whereRef('categories.code', '=', 'q.category_code')
            .where('categories.active', '=', 1),
        ),
      ),
    )
    .orderBy('q.row_number')
    .limit(1)
    .executeTakeFirst();
  return category ? { row: category.row_number, field: 'category' } : null;
}

/** A parameter in a SELECT list has no type in PostgreSQL: the user's id is cast for the integer column. */
const userId = (actor: Actor) => sql<number | null>`cast(${actor.userId} as integer)`;

/** Staged rows `from` < row ≤ `to` joined to the persons they created. */
const created = (db: Kysely<DB>, importId: number, from: number, to: number) =>
  db
    .selectFrom('registry_import_persons as s')
    .innerJoin('persons as p', 'p.id_number_hash', 's.id_number_hash')
    .where('s.import_id', '=', importId)
    .where('s.row_number', '>', from)
    .where('s.row_number', '<=', to);

/**
 * Copies one batch of staged people into the registry: persons (version 1), their qualifications, first
 * versions and assessments; returns the new persons' ids with their audit JSON, in row order.
 */
export async function copyBatch(
  trx: Transaction<DB>,
  importId: number,
  range: { from: number; to: number },
  by: { actor: Actor; source: string; now: string; today: string },
): Promise<{ person_id: number; audit_before_json: string | null; audit_after_json: string | null }[]> {
  const { from, to } = range;
  const { actor, source, now, today } = by;
  await trx
    .insertInto('persons')
    .columns([...personColumns, 'version', 'created_at', 'updated_at'])
    .expression(
      trx
        .selectFrom('registry_import_persons as s')
        .select([
          ...personColumns.map((c) => `s.${c}` as const),
          sql.lit(1).as('version'),
          sql.val(now).as('created_at'),
          sql.val(now).as('updated_at'),
        ])
        .where('s.import_id', '=', importId)
        .where('s.row_number', '>', from)
        .where('s.row_number', '<=', to)
        .orderBy('s.row_number'),
    )
    .execute();
  await trx
    .insertInto('qualifications')
    .columns(['person_id', ...qualificationColumns, 'created_at'])
    .expression(
      created(trx, importId, from, to)
        .innerJoin('registry_import_qualifications as q', (j) =>
          j.onRef('q.import_id', '=', 's.import_id').onRef('q.row_number', '=', 's.row_number'),
        )
        .select(['p.id', ...qualificationColumns.map((c) => `q.${c}` as const), sql.val(now).as('created_at')])
        .orderBy('q.row_number')
        .orderBy('q.position'),
    )
    .execute();
  await trx
    .insertInto('person_versions')
    .columns(['person_id', 'version', 'at', 'actor_user_id', 'actor_name', 'action', 'source', 'changes_json'])
    .expression(
      created(trx, importId, from, to)
        .select([
          'p.id',
          sql.lit(1).as('version'),
          sql.val(now).as('at'),
          userId(actor).as('actor_user_id'),
          sql.val(actor.displayName).as('actor_name'),
          sql.lit('create').as('action'),
          sql.val(source).as('source'),
          's.changes_json',
        ])
        .orderBy('s.row_number'),
    )
    .execute();
  await trx
    .insertInto('living_assessments')
    .columns([
      'person_id',
      'assessed_on',
      'situations_json',
      'notes',
      'needs',
      'source',
      'created_by',
      'created_by_name',
      'created_at',
    ])
    .expression(
      created(trx, importId, from, to)
        .select([
          'p.id',
          sql.val(today).as('assessed_on'),
          's.living_situations_json',
          sql<string | null>`null`.as('notes'),
          sql<string | null>`null`.as('needs'),
          sql.val(source).as('source'),
          userId(actor).as('created_by'),
          sql.val(actor.displayName).as('created_by_name'),
          sql.val(now).as('created_at'),
        ])
        .where('s.assessed', '=', 1)
        .orderBy('s.row_number'),
    )
    .execute();
  return created(trx, importId, from, to)
    .select(['p.id as person_id', 's.audit_before_json', 's.audit_after_json'])
    .orderBy('s.row_number')
    .execute();
}
