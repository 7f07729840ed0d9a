import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { engineOf } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, inRegionScope, regionScope } from '../../platform/access.ts';
import type {} from './registry.schema.ts';

/**
 * The registry's shared reads: people in the actor's scope, home-page counts, categories, regions, prefix
 * matching. Each sub-capability's queries are in their own file (person, qualifications, assessments,
 * confirmations, search, households .repo.ts), as the services are.
 */

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

// ---------------------------------------------------------------------------------------------------------------
// Prefix matching (search box, household names)

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeGlob = (s: string) => s.replace(/[*?[\]]/g, (c) => `[${c}]`);

/**
 * `column` starts with `prefix`, in a form each engine answers from a btree index: GLOB on SQLite (LIKE
 * there is case-insensitive and skips the index), LIKE with text_pattern_ops indexes on PostgreSQL.
 */
export function startsWith(db: Kysely<DB>, column: string, prefix: string): Expression<SqlBool> {
  return engineOf(db) === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} LIKE ${`${escapeLike(prefix)}%`}`
    : sql<SqlBool>`${sql.ref(column)} GLOB ${`${escapeGlob(prefix)}*`}`;
}
