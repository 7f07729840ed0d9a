import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import type { DB, PersonTable } from '../../db/schema.ts';
import { type Actor, inRegionScope, regionScope } from '../../platform/access.ts';
import type {} from './registry.schema.ts';

/** The region columns that place a person in a scope: reachable by 户籍 or by residence. */
export const personRegionColumns = ['persons.hukou_region_id', 'persons.residence_region_id'] as const;

export function scopedPersons(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('persons').where(inRegionScope(actor, personRegionColumns));
}

export async function countPersons(db: Kysely<DB>, actor: Actor) {
  const row = await scopedPersons(db, actor)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('persons.alive', '=', 1).then(1).else(0).end()).as('alive'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), alive: Number(row.alive ?? 0) };
}

/** Living people per category (a person with two categories counts once in each). */
export async function countByCategory(db: Kysely<DB>, actor: Actor) {
  return scopedPersons(db, actor)
    .innerJoin('qualifications', 'qualifications.person_id', 'persons.id')
    .where('persons.alive', '=', 1)
    .select((eb) => ['qualifications.category_code as code', eb.fn.count<number>('persons.id').distinct().as('n')])
    .groupBy('qualifications.category_code')
    .execute();
}

/**
 * Living people per region, to be rolled up the region tree: by 户籍 (policy: who pays and who qualifies) and by
 * residence, falling back to 户籍 for people without one (visits: who goes to the door).
 */
export async function countByRegion(db: Kysely<DB>, actor: Actor, basis: 'hukou' | 'residence') {
  const region = (eb: ExpressionBuilder<DB, 'persons'>) =>
    basis === 'hukou'
      ? eb.ref('persons.hukou_region_id')
      : eb.fn.coalesce('persons.residence_region_id', 'persons.hukou_region_id');
  return scopedPersons(db, actor)
    .where('persons.alive', '=', 1)
    .select((eb) => [region(eb).as('region_id'), eb.fn.countAll<number>().as('n')])
    .groupBy((eb) => region(eb))
    .execute();
}

export function listCategories(db: Kysely<DB>) {
  return db.selectFrom('categories').selectAll().orderBy('sort').execute();
}

export type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number];

// ---------------------------------------------------------------------------------------------------------------
// Regions (read-only here: the region tree belongs to the regions module)

export function listRegionsForLabels(db: Kysely<DB>) {
  return db.selectFrom('regions').select(['id', 'code', 'name', 'level', 'parent_id', 'path']).execute();
}
export type RegionRow = Awaited<ReturnType<typeof listRegionsForLabels>>[number];

export async function deploymentRegionCode(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'deployment.regionCode')
    .executeTakeFirst();
  return row?.value ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// One person

export type PersonRow = PersonTable & { id: number };

export async function findPerson(db: Kysely<DB>, actor: Actor, id: number): Promise<PersonRow | undefined> {
  return (await scopedPersons(db, actor).selectAll('persons').where('persons.id', '=', id).executeTakeFirst()) as
    | PersonRow
    | undefined;
}

/** The same, locking the row until the transaction ends (PostgreSQL; SQLite serialises writers anyway). */
export async function findPersonForUpdate(db: Kysely<DB>, actor: Actor, id: number): Promise<PersonRow | undefined> {
  let q = scopedPersons(db, actor).selectAll('persons').where('persons.id', '=', id);
  if (engineOf(db) === 'postgres') q = q.forUpdate();
  return (await q.executeTakeFirst()) as PersonRow | undefined;
}

/** Dedup by ID number across the whole registry, whatever the actor's scope. */
export async function personIdByIdHash(db: Kysely<DB>, hash: string): Promise<number | null> {
  const row = await db.selectFrom('persons').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
  return row?.id ?? null;
}

export type PersonWrite = Omit<PersonTable, 'id' | 'version' | 'created_at' | 'updated_at'>;

export async function insertPerson(db: Kysely<DB>, row: PersonWrite, now: string): Promise<number> {
  const inserted = await db
    .insertInto('persons')
    .values({ ...row, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Writes a new version of the row if nobody else has since `expectedVersion`; false when someone had. */
export async function updatePerson(
  db: Kysely<DB>,
  id: number,
  expectedVersion: number,
  row: Partial<PersonWrite>,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('persons')
    .set({ ...row, version: expectedVersion + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listQualifications(db: Kysely<DB>, personIds: readonly number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('qualifications')
    .selectAll()
    .where('person_id', 'in', [...personIds])
    .orderBy('person_id')
    .orderBy('id')
    .execute();
}
export type QualificationRow = Awaited<ReturnType<typeof listQualifications>>[number];

export interface QualificationWrite {
  id?: number | undefined;
  category_code: string;
  disability_grade: number | null;
  disability_nature: string | null;
  relation: string | null;
  serviceman_name: string | null;
  certificate_no: string | null;
  start_date: string | null;
  end_date: string | null;
  flags_json: string;
}

/** Makes the person's qualifications exactly `next`: updates those with an id, inserts the rest, drops others. */
export async function replaceQualifications(
  db: Kysely<DB>,
  personId: number,
  next: readonly QualificationWrite[],
  now: string,
): Promise<void> {
  const keep = next.filter((q) => q.id !== undefined).map((q) => q.id!);
  let del = db.deleteFrom('qualifications').where('person_id', '=', personId);
  if (keep.length > 0) del = del.where('id', 'not in', keep);
  await del.execute();
  for (const q of next) {
    const { id, ...values } = q;
    if (id !== undefined) {
      await db
        .updateTable('qualifications')
        .set(values)
        .where('id', '=', id)
        .where('person_id', '=', personId)
        .execute();
    } else {
      await db
        .insertInto('qualifications')
        .values({ ...values, person_id: personId, created_at: now })
        .execute();
    }
  }
}

export async function insertVersion(
  db: Kysely<DB>,
  v: {
    personId: number;
    version: number;
    at: string;
    actor: Actor;
    action: string;
    source: string | null;
    changesJson: string;
  },
): Promise<void> {
  await db
    .insertInto('person_versions')
    .values({
      person_id: v.personId,
      version: v.version,
      at: v.at,
      actor_user_id: v.actor.userId,
      actor_name: v.actor.displayName,
      action: v.action,
      source: v.source,
      changes_json: v.changesJson,
    })
    .execute();
}

export function listVersions(db: Kysely<DB>, personId: number) {
  return db
    .selectFrom('person_versions')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('version', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Assessments and confirmations

export async function insertAssessment(
  db: Kysely<DB>,
  a: {
    personId: number;
    assessedOn: string;
    situations: readonly string[];
    notes: string | null;
    needs: string | null;
    source: string;
    actor: Actor;
    now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('living_assessments')
    .values({
      person_id: a.personId,
      assessed_on: a.assessedOn,
      situations_json: JSON.stringify(a.situations),
      notes: a.notes,
      needs: a.needs,
      source: a.source,
      created_by: a.actor.userId,
      created_by_name: a.actor.displayName,
      created_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function listAssessments(db: Kysely<DB>, personId: number, limit = 50) {
  return db
    .selectFrom('living_assessments')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function latestAssessmentDate(db: Kysely<DB>, personId: number): Promise<string | null> {
  const row = await db
    .selectFrom('living_assessments')
    .select((eb) => eb.fn.max('assessed_on').as('d'))
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? null;
}

export function listConfirmations(db: Kysely<DB>, personIds: readonly number[], year?: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('annual_confirmations')
    .selectAll()
    .where('person_id', 'in', [...personIds]);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').execute();
}
export type ConfirmationRow = Awaited<ReturnType<typeof listConfirmations>>[number];

export async function upsertConfirmation(
  db: Kysely<DB>,
  c: {
    personId: number;
    year: number;
    result: string;
    method: string | null;
    confirmedOn: string;
    notes: string | null;
    actor: Actor;
    now: string;
  },
): Promise<void> {
  const values = {
    result: c.result,
    method: c.method,
    confirmed_on: c.confirmedOn,
    notes: c.notes,
    confirmed_by: c.actor.userId,
    confirmed_by_name: c.actor.displayName,
    updated_at: c.now,
  };
  await db
    .insertInto('annual_confirmations')
    .values({ ...values, person_id: c.personId, year: c.year, created_at: c.now })
    .onConflict((oc) => oc.columns(['person_id', 'year']).doUpdateSet(values))
    .execute();
}

/** Ids of the categories on periodic payments (年度确认 applies to their holders). */
export async function periodicCategoryCodes(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('categories').select('code').where('periodic', '=', 1).execute();
  return rows.map((r) => r.code);
}

// ---------------------------------------------------------------------------------------------------------------
// Search

/** What a search box entry was read as (the service decides; hashes are computed there). */
export type SearchTerm =
  | { kind: 'idHash'; hash: string }
  | { kind: 'idTail4'; value: string }
  | { kind: 'idTail6'; hash: string }
  | { kind: 'phoneHash'; hash: string }
  | { kind: 'name'; prefix: string }
  | { kind: 'pinyin'; prefix: string }
  | { kind: 'nothing' };

export interface PersonFilter {
  term?: SearchTerm | undefined;
  categoryCode?: string | undefined;
  /** People whose 户籍 / residence (per `regionBasis`) lies in one of these regions. */
  regionIds?: readonly number[] | undefined;
  regionBasis: 'any' | 'hukou' | 'residence' | 'residenceOnly';
  livingSituation?: string | undefined;
  status: 'alive' | 'deceased' | 'all';
  /** 本区户籍 yes/no: the regions of the deployment's own subtree. */
  hukouLocal?: { local: boolean; regionIds: readonly number[] | 'all' } | undefined;
  /** Only holders of one of these categories (年度确认: the periodic ones), still valid on `validOn`. */
  holdsAnyOf?: { codes: readonly string[]; validOn: string } | undefined;
  householdId?: number | undefined;
  /** 年度确认 of one year: still to do (living, unconfirmed), done, or both. */
  confirmation?: { year: number; state: 'pending' | 'done' | 'all' } | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeGlob = (s: string) => s.replace(/[*?[\]]/g, (c) => `[${c}]`);

/**
 * `column` starts with `prefix`, in a form each engine answers from a btree index: GLOB on SQLite (LIKE
 * there is case-insensitive and skips the index), LIKE with text_pattern_ops indexes on PostgreSQL.
 */
function startsWith(db: Kysely<DB>, column: string, prefix: string): Expression<SqlBool> {
  return engineOf(db) === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} LIKE ${`${escapeLike(prefix)}%`}`
    : sql<SqlBool>`${sql.ref(column)} GLOB ${`${escapeGlob(prefix)}*`}`;
}

function termCondition(db: Kysely<DB>, eb: ExpressionBuilder<DB, 'persons'>, term: SearchTerm): Expression<SqlBool> {
  switch (term.kind) {
    case 'idHash':
      return eb('persons.id_number_hash', '=', term.hash);
    case 'idTail4':
      return eb('persons.id_tail4', '=', term.value);
    case 'idTail6':
      return eb('persons.id_tail6_hash', '=', term.hash);
    case 'phoneHash':
      return eb.or([eb('persons.phone_hash', '=', term.hash), eb('persons.phone2_hash', '=', term.hash)]);
    case 'name':
      return startsWith(db, 'persons.name_search', term.prefix);
    case 'pinyin':
      return eb.or([
        startsWith(db, 'persons.pinyin_initials', term.prefix),
        startsWith(db, 'persons.pinyin_full', term.prefix),
      ]);
    case 'nothing':
      return eb.lit(false);
  }
}

/**
 * A column as a filter condition. Demoted (on SQLite only) it is wrapped in unary `+`, which keeps it out of the
 * planner's choice of index. Two cases need that: a search driven by a term (name, pinyin, ID, phone), where
 * SQLite without statistics (a fresh install never ran ANALYZE) would rate the scope's IN lists and `alive = 1`
 * as more selective than the term's index and read most of the table; and the page of a large list, read by
 * walking the table newest first. PostgreSQL plans from statistics and always gets plain columns.
 */
function filterColumn(db: Kysely<DB>, demoted: boolean) {
  const plus = demoted && engineOf(db) === 'sqlite';
  return (column: string) => (plus ? sql<number | null>`+${sql.ref(column)}` : sql.ref(column));
}

/**
 * The scoped people matching `f` (exported for the search-plan test). `demote` (default: when a search term
 * drives the query) keeps the filter columns out of SQLite's index choice, see `filterColumn`.
 */
export function filteredPersons(
  db: Kysely<DB>,
  actor: Actor,
  f: PersonFilter,
  demote = f.term !== undefined && f.term.kind !== 'nothing',
) {
  const col = filterColumn(db, demote);
  // The scope of `scopedPersons` (the same region ids, from `regionScope`), with its columns as `col` gives them.
  const scope = regionScope(actor);
  const scoped = demote
    ? db.selectFrom('persons').where((eb) => {
        if (scope === 'all') return eb.lit(true);
        if (scope.length === 0) return eb.lit(false);
        return eb.or(personRegionColumns.map((c) => eb(col(c), 'in', [...scope])));
      })
    : scopedPersons(db, actor);
  return scoped.where((eb) => {
    const and: Expression<SqlBool>[] = [];
    const inIds = (column: string, ids: readonly number[]) =>
      ids.length === 0 ? eb.lit(false) : eb(col(column), 'in', [...ids]);
    if (f.term) and.push(termCondition(db, eb, f.term));
    if (f.status === 'alive') and.push(eb(col('persons.alive'), '=', 1));
    if (f.status === 'deceased') and.push(eb(col('persons.alive'), '=', 0));
    if (f.regionIds) {
      const ids = f.regionIds;
      if (f.regionBasis === 'hukou') and.push(inIds('persons.hukou_region_id', ids));
      else if (f.regionBasis === 'residence') and.push(inIds('persons.residence_region_id', ids));
      else if (f.regionBasis === 'residenceOnly') {
        and.push(inIds('persons.residence_region_id', ids));
        and.push(
          eb.or([eb(col('persons.hukou_region_id'), 'is', null), eb.not(inIds('persons.hukou_region_id', ids))]),
        );
      } else and.push(eb.or([inIds('persons.hukou_region_id', ids), inIds('persons.residence_region_id', ids)]));
    }
    if (f.categoryCode) {
      const holders = eb
        .selectFrom('qualifications')
        .select('qualifications.person_id')
        .where('qualifications.category_code', '=', f.categoryCode);
      // IN over the category index (a rare category reads its few holders); demoted, a check per person read.
      and.push(
        demote
          ? eb.exists(holders.whereRef('qualifications.person_id', '=', 'persons.id'))
          : eb('persons.id', 'in', holders),
      );
    }
    if (f.holdsAnyOf) {
      const { codes, validOn } = f.holdsAnyOf;
      and.push(
        codes.length === 0
          ? eb.lit(false)
          : eb.exists(
              eb
                .selectFrom('qualifications')
                .select('qualifications.id')
                .whereRef('qualifications.person_id', '=', 'persons.id')
                .where('qualifications.category_code', 'in', [...codes])
                .where((q) =>
                  q.or([q('qualifications.end_date', 'is', null), q('qualifications.end_date', '>=', validOn)]),
                ),
            ),
      );
    }
    if (f.livingSituation) {
      // `<> '[]'` matches the partial index persons_living: only people with a situation are read.
      and.push(eb(col('persons.living_situations_json'), '<>', '[]'));
      and.push(eb('persons.living_situations_json', 'like', `%${JSON.stringify(f.livingSituation)}%`));
    }
    if (f.hukouLocal) {
      const { local, regionIds } = f.hukouLocal;
      const inside =
        regionIds === 'all'
          ? eb(col('persons.hukou_region_id'), 'is not', null)
          : inIds('persons.hukou_region_id', regionIds);
      and.push(local ? inside : eb.or([eb(col('persons.hukou_region_id'), 'is', null), eb.not(inside)]));
    }
    if (f.householdId !== undefined) and.push(eb('persons.household_id', '=', f.householdId));
    if (f.confirmation) {
      const { year, state } = f.confirmation;
      const confirmed = eb.exists(
        eb
          .selectFrom('annual_confirmations')
          .select('annual_confirmations.id')
          .whereRef('annual_confirmations.person_id', '=', 'persons.id')
          .where('annual_confirmations.year', '=', year),
      );
      const living = eb(col('persons.alive'), '=', 1);
      if (state === 'pending') and.push(eb.and([living, eb.not(confirmed)]));
      else if (state === 'done') and.push(confirmed);
      else and.push(eb.or([living, confirmed]));
    }
    return eb.and(and);
  });
}

const listColumns = [
  'persons.id',
  'persons.name',
  'persons.sex',
  'persons.birth_date',
  'persons.id_masked',
  'persons.id_number_enc',
  'persons.phone_masked',
  'persons.phone_enc',
  'persons.hukou_region_id',
  'persons.residence_region_id',
  'persons.household_id',
  'persons.household_role',
  'persons.alive',
  'persons.death_date',
  'persons.living_situations_json',
] as const;

export type PersonListRow = {
  id: number;
  name: string;
  sex: string;
  birth_date: string;
  id_masked: string | null;
  id_number_enc: string;
  phone_masked: string | null;
  phone_enc: string | null;
  hukou_region_id: number | null;
  residence_region_id: number | null;
  household_id: number | null;
  household_role: string | null;
  alive: number;
  death_date: string | null;
  living_situations_json: string;
};

/** Above this many matches, SQLite reads a page by walking the table newest first (see `searchPersons`). */
const walkThreshold = 2000;

/**
 * One page of people matching the filter, newest first, with the total for the pager. The total comes first
 * (from the indexes); on SQLite a large result's page is then read by walking the table in id order from the
 * newest and stopping at the page, instead of collecting and sorting every match, and an empty result reads
 * no page at all. PostgreSQL plans both from its statistics.
 */
export async function searchPersons(
  db: Kysely<DB>,
  actor: Actor,
  filter: PersonFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: PersonListRow[]; total: number }> {
  const pageOf = (demote?: boolean) =>
    filteredPersons(db, actor, filter, demote)
      .select(listColumns)
      .orderBy('persons.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute() as Promise<PersonListRow[]>;
  if (engineOf(db) === 'postgres') {
    const [rows, total] = await Promise.all([pageOf(), countFiltered(db, actor, filter)]);
    return { rows, total };
  }
  const total = await countFiltered(db, actor, filter);
  if (total === 0 || page.offset >= total) return { rows: [], total };
  const walk = total > walkThreshold && (filter.term === undefined || filter.term.kind === 'nothing');
  return { rows: await pageOf(walk ? true : undefined), total };
}

export async function countFiltered(db: Kysely<DB>, actor: Actor, filter: PersonFilter): Promise<number> {
  const row = await filteredPersons(db, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next batch after `afterId` in id order (keyset paging: constant cost per batch at any depth). */
export async function personBatch(
  db: Kysely<DB>,
  actor: Actor,
  filter: PersonFilter,
  afterId: number,
  limit: number,
): Promise<PersonListRow[]> {
  return (await filteredPersons(db, actor, filter)
    .select(listColumns)
    .where('persons.id', '>', afterId)
    .orderBy('persons.id')
    .limit(limit)
    .execute()) as PersonListRow[];
}

export function listHouseholdMembers(db: Kysely<DB>, actor: Actor, householdId: number) {
  return scopedPersons(db, actor)
    .select([
      'persons.id',
      'persons.name',
      'persons.household_role',
      'persons.sex',
      'persons.birth_date',
      'persons.alive',
    ])
    .where('persons.household_id', '=', householdId)
    .orderBy('persons.id')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Households: placed by their region, scoped like everything else

export const householdRegionColumns = ['households.region_id'] as const;

function scopedHouseholds(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('households').where(inRegionScope(actor, householdRegionColumns));
}

export function findHousehold(db: Kysely<DB>, actor: Actor, id: number) {
  return scopedHouseholds(db, actor).selectAll('households').where('households.id', '=', id).executeTakeFirst();
}
export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof findHousehold>>>;

export async function listHouseholds(
  db: Kysely<DB>,
  actor: Actor,
  filter: { namePrefix?: string | undefined; regionIds?: readonly number[] | undefined },
  page: { offset: number; limit: number },
) {
  const base = () => {
    let q = scopedHouseholds(db, actor);
    if (filter.namePrefix) {
      const prefix = filter.namePrefix;
      q = q.where(() => startsWith(db, 'households.name', prefix));
    }
    if (filter.regionIds) {
      const ids = [...filter.regionIds];
      q = ids.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where('households.region_id', 'in', ids);
    }
    return q;
  };
  const [rows, count] = await Promise.all([
    base().selectAll('households').orderBy('households.id', 'desc').offset(page.offset).limit(page.limit).execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Members per household that the actor may see (a member outside the scope is not counted either). */
export async function countMembers(db: Kysely<DB>, actor: Actor, householdIds: readonly number[]) {
  if (householdIds.length === 0) return new Map<number, number>();
  const rows = await scopedPersons(db, actor)
    .select((eb) => ['persons.household_id', eb.fn.countAll<number>().as('n')])
    .where('persons.household_id', 'in', [...householdIds])
    .groupBy('persons.household_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.household_id), Number(r.n)]));
}

export async function insertHousehold(
  db: Kysely<DB>,
  h: { name: string; regionId: number; address: string | null },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('households')
    .values({ name: h.name, region_id: h.regionId, address: h.address, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateHousehold(
  db: Kysely<DB>,
  id: number,
  h: { name: string; regionId: number; address: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('households')
    .set({ name: h.name, region_id: h.regionId, address: h.address, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Region ids of a subtree (a street and its communities). */
export async function subtreeIds(db: Kysely<DB>, regionId: number): Promise<number[]> {
  const root = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!root) return [];
  const rows = await db.selectFrom('regions').select('id').where('path', 'like', `${root.path}%`).execute();
  return rows.map((r) => r.id);
}

/** Which of `ids` exist, and which of those the actor's scope reaches. */
export async function checkRegions(db: Kysely<DB>, actor: Actor, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const existing = unique.length
    ? (await db.selectFrom('regions').select('id').where('id', 'in', unique).execute()).map((r) => r.id)
    : [];
  const scope = regionScope(actor);
  const inScope = scope === 'all' ? existing : existing.filter((id) => scope.includes(id));
  return { existing: new Set(existing), inScope: new Set(inScope) };
}
