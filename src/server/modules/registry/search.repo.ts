import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, regionScope } from '../../platform/access.ts';
import { personRegionColumns, scopedPersons, startsWith } from './registry.repo.ts';

/** Lists and search of people: the filter as SQL, a page, a count, batches for export. */
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
